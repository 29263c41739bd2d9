// Log ingest throughput: parse + merge into the bounded buffer, for a mix of JSON, logfmt and plain lines,
// with a bare JSON.parse loop over the same JSON lines as the anchor, measured in the same run.
// Also: RSS after holding the buffer, and the cost of one log pane draw over a full buffer with a filter.
// Usage: node bench/log-ingest.mjs [lines] [rounds]
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { watPlugin } from '../scripts/wat.mjs';

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const total = Number(process.argv[2] ?? 1_000_000);
const rounds = Number(process.argv[3] ?? 5);

const entry = `
export { makeLineParser } from '${root}/src/model/logs/log-parse.ts';
export { LogBuffer } from '${root}/src/model/logs/log-buffer.ts';
export { compileLogFilter } from '${root}/src/model/logs/log-match.ts';
export { logPaneLines } from '${root}/src/ui/format/log-pane-lines.ts';
export { unicodeGlyphs } from '${root}/src/ui/format/glyphs.ts';
`;
const built = await esbuild.build({
  stdin: { contents: entry, resolveDir: root, loader: 'ts' }, bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'warning', plugins: [watPlugin],
});
const m = await import(`data:text/javascript;base64,${Buffer.from(built.outputFiles[0].text).toString('base64')}`);

const t0 = Date.parse('2026-11-22T14:00:00Z');
const pods = ['payments-1', 'payments-2', 'payments-hot-1', 'checkout-1'];
const lines = [];
for (let i = 0; i < total; i++) {
  const at = new Date(t0 + i).toISOString();
  const pod = pods[i % pods.length];
  const kind = i % 10;
  if (kind < 6) lines.push(`{"ts":"${at}","level":"${i % 50 === 0 ? 'error' : 'info'}","service":"payments","pod":"${pod}","status":${i % 50 === 0 ? 503 : 200},"latency_ms":${i % 700},"trace_id":"${(i * 2654435761 >>> 0).toString(16)}","msg":"request handled"}`);
  else if (kind < 9) lines.push(`ts=${at} level=warn service=payments pod=${pod} msg="slow query" duration=${i % 900}ms`);
  else lines.push(`${at.replace('T', ' ').replace('Z', '')} ERROR ${pod} connection reset by peer`);
}
const jsonLines = lines.filter((l) => l.startsWith('{'));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ours = [];
const anchor = [];
let buffer;
for (let r = 0; r < rounds; r++) {
  const parse = m.makeLineParser();
  buffer = new m.LogBuffer({ capacity: 20_000, reorderWindowMs: 2000 });
  let start = performance.now();
  const batch = [];
  for (let i = 0; i < lines.length; i++) {
    batch.push(parse(lines[i], i % 3 ? 'api.log' : 'kubectl', t0 + i));
    if (batch.length === 512) buffer.add(batch.splice(0), t0 + i);
  }
  buffer.add(batch, t0);
  ours.push(performance.now() - start);
  start = performance.now();
  let n = 0;
  for (const l of jsonLines) n += JSON.parse(l).latency_ms > 0 ? 1 : 0;
  anchor.push((performance.now() - start) * (lines.length / jsonLines.length));
  if (n < 0) console.log(n);
}
const draws = [];
const filter = m.compileLogFilter('re:hot-1.*reset');
for (let r = 0; r < 20; r++) {
  const start = performance.now();
  m.logPaneLines({
    lines: buffer.tail(30, 0, { test: filter.test }), rows: 31, width: 120, glyphs: m.unicodeGlyphs, counts: buffer.counts,
    dropped: buffer.dropped, filter: 're:hot-1.*reset', filterError: null, errorsOnly: false, newWhilePaused: null, scrollBack: 0, cursorAt: null, problems: [],
  });
  draws.push(performance.now() - start);
}
const med = median(ours);
console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} x${cpus().length}, node ${process.version}`);
console.log(`lines: ${total} (60% JSON, 30% logfmt, 10% plain), rounds: ${rounds}`);
console.log(`parse + buffer: median ${med.toFixed(0)} ms = ${Math.round(total / (med / 1000)).toLocaleString('en')} lines/s (runs ${ours.map((x) => x.toFixed(0)).join(', ')})`);
console.log(`anchor JSON.parse loop scaled to the same line count: median ${median(anchor).toFixed(0)} ms (ratio ${(med / median(anchor)).toFixed(2)})`);
console.log(`buffer held ${buffer.size} lines, dropped ${buffer.dropped}; RSS ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB (includes the ${total} input strings)`);
console.log(`pane draw over a full buffer with a regex filter: median ${median(draws).toFixed(2)} ms`);
