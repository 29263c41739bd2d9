// Log ingest from a real file: a child process appends JSON lines as fast as it can (burst) or at a fixed rate
// (soak) while this process follows the file with the real tail source, parses and merges into the bounded buffer.
// Reports lines/s ingested, event-loop lag p99 while ingesting, and RSS over time.
// Usage: node bench/log-ingest-file.mjs burst [lines]
//        node bench/log-ingest-file.mjs soak [minutes] [lines per second]
import { fork } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const [mode = 'burst', a, b] = process.argv.slice(2);

function jsonLine(i) {
  return `{"ts":"${new Date(Date.now()).toISOString()}","level":"${i % 50 === 0 ? 'error' : 'info'}","service":"payments","pod":"payments-${i % 7}","status":${i % 50 === 0 ? 503 : 200},"latency_ms":${i % 700},"trace_id":"${(i * 2654435761 >>> 0).toString(16)}","msg":"request handled ${i}"}\n`;
}

if (mode === 'writer') {
  // Child: append lines to the file; `rate` 0 means as fast as possible.
  const [file, count, rate] = [a, Number(b), Number(process.argv[5])];
  let i = 0;
  const chunk = (n) => {
    let s = '';
    for (let k = 0; k < n && i < count; k++) s += jsonLine(i++);
    appendFileSync(file, s);
  };
  if (rate === 0) {
    while (i < count) chunk(2000);
    process.exit(0);
  }
  const perTick = Math.max(1, Math.round(rate / 10));
  const t = setInterval(() => {
    chunk(perTick);
    if (i >= count) {
      clearInterval(t);
      process.exit(0);
    }
  }, 100);
} else {
  const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
  const esbuild = await import('esbuild');
  const entry = `
export { fileLogs } from '${root}/src/sources/logs/file-logs.ts';
export { makeLineParser } from '${root}/src/model/logs/log-parse.ts';
export { LogBuffer } from '${root}/src/model/logs/log-buffer.ts';
`;
  const built = await esbuild.build({ stdin: { contents: entry, resolveDir: root, loader: 'ts' }, bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'warning' });
  const m = await import(`data:text/javascript;base64,${Buffer.from(built.outputFiles[0].text).toString('base64')}`);
  const dir = mkdtempSync(join(tmpdir(), 'incident-ingest-'));
  const file = join(dir, 'app.log');
  writeFileSync(file, '');
  const soak = mode === 'soak';
  const minutes = soak ? Number(a ?? 10) : 0;
  const rate = soak ? Number(b ?? 20_000) : 0;
  const count = soak ? Math.round(minutes * 60 * rate) : Number(a ?? 1_000_000);

  const buffer = new m.LogBuffer({ capacity: 20_000, reorderWindowMs: 2000 });
  let received = 0;
  let firstAt = 0;
  let lastAt = 0;
  const lag = monitorEventLoopDelay({ resolution: 5 });
  const source = m.fileLogs({ pattern: file, parse: m.makeLineParser(), backfillLines: 0 });
  let done;
  const finished = new Promise((r) => (done = r));
  source.start((e) => {
    if (e.type !== 'lines') return;
    if (received === 0) firstAt = performance.now();
    buffer.add(e.lines, Date.now(), e.dropped ?? 0);
    received += e.lines.length;
    lastAt = performance.now();
    if (received >= count) done();
  });
  await new Promise((r) => setTimeout(r, 300));
  lag.enable();
  const rss = [];
  const startedAt = performance.now();
  const sampler = setInterval(() => rss.push([Math.round((performance.now() - startedAt) / 1000), process.memoryUsage().rss]), soak ? 30_000 : 250);
  const writer = fork(new URL(import.meta.url).pathname, ['writer', file, String(count), String(rate)], { stdio: 'inherit' });
  await finished;
  lag.disable();
  clearInterval(sampler);
  rss.push([Math.round((performance.now() - startedAt) / 1000), process.memoryUsage().rss]);
  await source.stop();
  writer.kill();
  rmSync(dir, { recursive: true, force: true });
  const mb = (x) => (x / 1048576).toFixed(0);
  console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} x${cpus().length}, node ${process.version}, mode ${mode}`);
  console.log(`lines ingested: ${received}, buffer held ${buffer.size}, dropped by capacity ${buffer.dropped}`);
  console.log(`ingest rate: ${Math.round(received / ((lastAt - firstAt) / 1000)).toLocaleString('en')} lines/s over ${((lastAt - firstAt) / 1000).toFixed(1)} s`);
  console.log(`event-loop lag: p50 ${(lag.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(lag.percentile(99) / 1e6).toFixed(1)} ms, max ${(lag.max / 1e6).toFixed(1)} ms`);
  console.log(`RSS (s, MB): ${rss.filter((_, i) => soak || i % 8 === 0 || i === rss.length - 1).map(([s, v]) => `${s}:${mb(v)}`).join(' ')}`);
  process.exit(0);
}
