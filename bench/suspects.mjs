// The cost of the Why line: consoleSuspects (every live rule) over a full 20,000-line log buffer, against two anchors
// measured in the same rounds: one pass of the buffer's own error count (what the log pane's title does) and one
// 120x40 frame composed from the same state. Then summarySuspects against building the summary report it reads.
// Usage: node bench/suspects.mjs [rounds]
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { watPlugin } from '../scripts/wat.mjs';

const rounds = Number(process.argv[2] ?? 15);
const root = resolve(import.meta.dirname, '..');
const entry = `
export { consoleSuspects } from './src/model/suspects/console-suspects.ts';
export { summarySuspects } from './src/model/suspects/summary-suspects.ts';
export { LogBuffer } from './src/model/logs/log-buffer.ts';
export { applyEvent, emptyState } from './src/model/console-state/console-state.ts';
export { initialView } from './src/model/console-state/view-state.ts';
export { composeFrame } from './src/ui/format/frame.ts';
export { unicodeGlyphs } from './src/ui/format/glyphs.ts';
export { SummaryAccumulator } from './src/model/summary/summary-accumulator.ts';
export { SummaryScanner } from './src/model/summary/summary-scan.ts';
export { fieldCandidates } from './src/model/summary/summary-fields.ts';
export { buildSummaryReport } from './src/model/summary/summary-report.ts';
`;
const built = await esbuild.build({ stdin: { contents: entry, resolveDir: root, loader: 'ts' }, bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'warning', jsx: 'automatic', plugins: [watPlugin] });
const m = await import(`data:text/javascript;base64,${Buffer.from(built.outputFiles[0].text).toString('base64')}`);

const NOW = Date.UTC(2026, 10, 22, 14, 32, 5);
const FROM = NOW - 900_000;
const pods = ['payments-hot-1', 'payments-a', 'payments-b', 'payments-c', 'payments-d'];
const events = [
  { type: 'status', source: 'prometheus', kind: 'prometheus', at: NOW, state: 'up', latencyMs: 9 },
  { type: 'samples', source: 'prometheus', origin: 'prometheus', panel: 'error_rate', at: NOW,
    series: [{ labels: {}, points: Array.from({ length: 91 }, (_, i) => [(FROM + i * 10_000) / 1000, FROM + i * 10_000 >= NOW - 220_000 ? 0.09 : 0.002]) }] },
  { type: 'samples', source: 'prometheus', origin: 'prometheus', panel: 'p99', at: NOW, series: pods.map((pod, i) => ({ labels: { pod }, points: [[NOW / 1000, i ? 0.25 : 2.5]] })) },
  { type: 'deploys', source: 'deploys', at: NOW, deploys: [{ at: NOW - 240_000, label: 'payments generation 2', source: 'deploys' }] },
  { type: 'alerts', source: 'alerts', at: NOW, alerts: [{ name: 'HighErrorRate', state: 'firing', since: NOW - 120_000, labels: { service: 'payments' } }] },
];
const state = events.reduce(m.applyEvent, m.emptyState());
const buffer = new m.LogBuffer({ capacity: 20_000, reorderWindowMs: 2000 });
const messages = ['upstream timeout after 2000ms (card-processor.internal:443)', 'card processor returned an internal error', 'connection reset by peer 10.0.3.4:8080'];
buffer.add(Array.from({ length: 20_000 }, (_, i) => {
  const at = FROM + i * 45;
  const error = i % 25 === 0 || (at > NOW - 220_000 && i % 5 === 0);
  const message = error ? `POST /v1/charges 503: ${messages[i % 3]} id=${(i * 2654435761 >>> 0).toString(16)}` : 'POST /v1/charges 200';
  return { at, timed: true, level: error ? 'error' : 'info', source: 'app.log', message, service: 'payments', pod: pods[i % 5], raw: message };
}));
const rows = [{ id: 'loki_out', kind: 'sink', type: 'loki', product: 'vector', verdict: 'failing', reason: 'discarding 100 events/s', last_seen: NOW }];
const input = { state, service: 'payments', now: NOW, windowMs: 900_000, labels: { service: 'service', pod: 'pod' }, errorRateWarn: 0.01, logs: buffer, pipeline: rows };
const profile = { name: 'default', refreshMs: 5000, thresholds: { errorRateWarn: 0.01, errorRateCrit: 0.05, p99SloSeconds: 0.5 }, labels: { service: 'service', pod: 'pod', namespace: 'namespace' } };
const view = m.initialView(900_000);

// A summary report of 200,000 JSON lines, the suspects' input.
const lines = [];
for (let i = 0; i < 200_000; i++) {
  const at = new Date(Date.UTC(2026, 10, 22, 14) + i * 18).toISOString();
  const err = i % 100 === 0 || (i > 150_000 && i % 7 === 0);
  lines.push(JSON.stringify({ ts: at, level: err ? 'error' : 'info', service: 'payments', pod: `payments-${i % 4}`, msg: err ? `timeout after ${i % 900}ms` : 'ok' }));
}
const text = `${lines.join('\n')}\n`;
const report = () => {
  const acc = new m.SummaryAccumulator({});
  new m.SummaryScanner(acc, { fields: m.fieldCandidates({}), deployPattern: /deployed version (?<version>\S+)/ }).scan(text);
  return m.buildSummaryReport(acc, []);
};

const time = (fn, n) => {
  const t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn();
  return Number(process.hrtime.bigint() - t) / 1e6 / n;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const r = { suspects: [], count: [], frame: [], summarySuspects: [], summaryReport: [] };
const rep = report();
for (let i = 0; i < rounds + 2; i++) {
  const s = time(() => m.consoleSuspects(input), 20);
  const c = time(() => buffer.count({ errorsOnly: true, service: 'payments' }), 20);
  const f = time(() => m.composeFrame({ state, view, profile, service: 'payments', now: NOW, ttfgMs: 100, cols: 120, rows: 39, glyphs: m.unicodeGlyphs }), 20);
  const ss = time(() => m.summarySuspects(rep), 200);
  const sr = time(report, 1);
  if (i < 2) continue; // warm-up rounds
  r.suspects.push(s); r.count.push(c); r.frame.push(f); r.summarySuspects.push(ss); r.summaryReport.push(sr);
}
const ms = (x) => `${x.toFixed(3)} ms`;
console.log(`node ${process.version}, ${cpus().length} x ${cpus()[0].model}, ${rounds} rounds (medians)`);
console.log(`consoleSuspects, 20,000 lines held      ${ms(median(r.suspects))}`);
console.log(`anchor: buffer.count(errors, service)   ${ms(median(r.count))}   ratio ${(median(r.suspects) / median(r.count)).toFixed(1)}x`);
console.log(`anchor: composeFrame 120x40             ${ms(median(r.frame))}   ratio ${(median(r.suspects) / median(r.frame)).toFixed(1)}x`);
console.log(`summarySuspects (report of 200,000 lines) ${ms(median(r.summarySuspects))}`);
console.log(`anchor: scan + buildSummaryReport       ${ms(median(r.summaryReport))}   ratio ${(median(r.summarySuspects) / median(r.summaryReport)).toExponential(1)}`);
console.log(`suspects: ${m.consoleSuspects(input).map((s) => `${s.kind} ${s.subject}`).join(', ')}`);
