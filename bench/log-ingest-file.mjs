// Log ingest from a real file: a child process appends JSON lines as fast as it can (burst) or at a fixed rate
// (soak) while this process follows the file with the real tail source, parses and merges into the bounded buffer.
// Reports lines/s ingested, event-loop lag p99 while ingesting, and RSS over time. The sources are bundled by a child
// process first, so that esbuild is not part of the RSS measured.
// Usage: node bench/log-ingest-file.mjs burst [lines] [--one-thread] [--root DIR]
//        node bench/log-ingest-file.mjs soak [minutes] [lines per second] [--one-thread]
// Large reads are parsed on the parse thread as in the built program; --one-thread parses every line on this thread.
import { fork, spawnSync } from 'node:child_process';
import { appendFileSync, createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { watPlugin } from '../scripts/wat.mjs';

const argv = process.argv.slice(2);
const rootAt = argv.indexOf('--root');
// `--root DIR` measures the sources of another checkout (the code before a change), with this same bench.
const otherRoot = rootAt >= 0 ? resolve(argv.splice(rootAt, 2)[1]) : null;
const oneThread = argv.includes('--one-thread');
const [mode = 'burst', a, b] = argv.filter((x) => x !== '--one-thread');

function jsonLine(i, ts = new Date().toISOString()) {
  return `{"ts":"${ts}","level":"${i % 50 === 0 ? 'error' : 'info'}","service":"payments","pod":"payments-${i % 7}","status":${i % 50 === 0 ? 503 : 200},"latency_ms":${i % 700},"trace_id":"${(i * 2654435761 >>> 0).toString(16)}","msg":"request handled ${i}"}\n`;
}

if (mode === 'writer') {
  // Child: append lines to the file; `rate` 0 means as fast as possible.
  const [file, count, rate] = [a, Number(b), Number(process.argv[5])];
  let i = 0;
  // One timestamp per block: formatting a date per line made the writer slower than the reader it measures.
  const chunk = (n) => {
    const ts = new Date().toISOString();
    let s = '';
    for (let k = 0; k < n && i < count; k++) s += jsonLine(i++, ts);
    appendFileSync(file, s);
  };
  if (rate === 0) {
    // Burst: every line is made first and then appended in blocks of 8192 lines (about 1.3 MB), so that the
    // writer is limited by the file system, not by formatting, and leaves the CPU to the reader it measures.
    const blocks = [];
    while (i < count) {
      const ts = new Date().toISOString();
      let s = '';
      for (let k = 0; k < 8192 && i < count; k++) s += jsonLine(i++, ts);
      blocks.push(Buffer.from(s));
    }
    const t0 = performance.now();
    for (const b of blocks) appendFileSync(file, b);
    const s = (performance.now() - t0) / 1000;
    process.send?.({ writerLinesPerS: Math.round(count / s), writerS: s });
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
} else if (mode === 'build') {
  // Child: bundles the sources measured, and the parse thread's script, into the directory `a`. Built here, esbuild and
  // the bundler's memory stay out of the process whose RSS is measured.
  const root = otherRoot ?? resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
  const esbuild = await import('esbuild');
  const entry = `
export { fileLogs } from '${root}/src/sources/logs/file-logs.ts';
export { makeLineParser } from '${root}/src/model/logs/log-parse.ts';
export { LogBuffer } from '${root}/src/model/logs/log-buffer.ts';
export { packLines, packedLines } from '${root}/src/model/logs/line-records.ts';
${oneThread ? '' : `export { useLineParseThread } from '${root}/src/sources/logs/parse-thread.ts';`}
`;
  await esbuild.build({ stdin: { contents: entry, resolveDir: root, loader: 'ts' }, bundle: true, outfile: join(a, 'sources.mjs'), format: 'esm', platform: 'node', logLevel: 'warning', plugins: [watPlugin] });
  if (!oneThread) {
    // The parse thread's script, built as scripts/build.mjs builds `?script` imports.
    await esbuild.build({ entryPoints: [`${root}/src/sources/logs/line-parse-worker.ts`], bundle: true, outfile: join(a, 'worker.cjs'), platform: 'node', format: 'cjs', minify: true, logLevel: 'warning', plugins: [watPlugin] });
  }
  process.exit(0);
} else {
  const dir = mkdtempSync(join(tmpdir(), 'incident-ingest-'));
  const flags = [...(otherRoot ? ['--root', otherRoot] : []), ...(oneThread ? ['--one-thread'] : [])];
  const build = spawnSync(process.execPath, [new URL(import.meta.url).pathname, 'build', dir, ...flags], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('building the sources failed');
  const m = await import(pathToFileURL(join(dir, 'sources.mjs')).href);
  if (!oneThread) m.useLineParseThread(readFileSync(join(dir, 'worker.cjs'), 'utf8'));
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
  let cpuAtFirst;
  let lastLineAt = 0;
  let backwards = 0;
  let cpuAtLast;
  source.start((e) => {
    if (e.type !== 'lines') return;
    if (received === 0) {
      firstAt = performance.now();
      cpuAtFirst = process.cpuUsage();
    }
    for (const l of e.lines) {
      if (l.at < lastLineAt) backwards++;
      lastLineAt = l.at;
    }
    buffer.add(e.lines, Date.now(), e.dropped ?? 0);
    received += e.lines.length;
    lastAt = performance.now();
    if (received >= count) {
      cpuAtLast = process.cpuUsage(cpuAtFirst);
      done();
    }
  });
  await new Promise((r) => setTimeout(r, 300));
  lag.enable();
  const rss = [];
  const startedAt = performance.now();
  const sampler = setInterval(() => rss.push([Math.round((performance.now() - startedAt) / 1000), process.memoryUsage().rss]), soak ? 30_000 : 250);
  const writer = fork(new URL(import.meta.url).pathname, ['writer', file, String(count), String(rate)], { stdio: 'inherit' });
  let written = null;
  writer.on('message', (m) => (written = m));
  await finished;
  lag.disable();
  clearInterval(sampler);
  rss.push([Math.round((performance.now() - startedAt) / 1000), process.memoryUsage().rss]);
  await source.stop();
  writer.kill();
  // Anchors on the same file in the same run: `wc -l`, and a plain readline loop that only counts lines.
  let t = performance.now();
  const wc = Number(spawnSync('wc', ['-l', file], { encoding: 'utf8' }).stdout.trim().split(/\s+/)[0]);
  const wcRate = wc / ((performance.now() - t) / 1000);
  t = performance.now();
  let counted = 0;
  for await (const _ of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) counted++;
  const readlineRate = counted / ((performance.now() - t) / 1000);
  rmSync(dir, { recursive: true, force: true });
  const mb = (x) => (x / 1048576).toFixed(0);
  console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} x${cpus().length}, node ${process.version}, mode ${mode}, ${otherRoot ? `sources of ${otherRoot}` : oneThread ? 'one thread' : 'parse thread'}`);
  console.log(`lines ingested: ${received}, buffer held ${buffer.size}, dropped by capacity ${buffer.dropped}, earlier than the line before ${backwards}`);
  console.log(`ingest rate: ${Math.round(received / ((lastAt - firstAt) / 1000)).toLocaleString('en')} lines/s over ${((lastAt - firstAt) / 1000).toFixed(1)} s`);
  console.log(`reader CPU (every thread of this process, user+system): ${((cpuAtLast.user + cpuAtLast.system) / received).toFixed(2)} us per line`);
  if (written) console.log(`writer: ${written.writerLinesPerS.toLocaleString('en')} lines/s (${written.writerS.toFixed(2)} s for ${count} lines)`);
  console.log(`anchor: readline loop ${Math.round(readlineRate).toLocaleString('en')} lines/s (${counted} lines), wc -l ${Math.round(wcRate).toLocaleString('en')} lines/s; ingest / readline ${(received / ((lastAt - firstAt) / 1000) / readlineRate).toFixed(2)}`);
  console.log(`event-loop lag: p50 ${(lag.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(lag.percentile(99) / 1e6).toFixed(1)} ms, max ${(lag.max / 1e6).toFixed(1)} ms`);
  console.log(`RSS peak: ${mb(Math.max(...rss.map(([, v]) => v)))} MB (sampled every ${soak ? 30 : 0.25} s)`);
  console.log(`RSS (s, MB): ${rss.filter((_, i) => soak || i % 8 === 0 || i === rss.length - 1).map(([s, v]) => `${s}:${mb(v)}`).join(' ')}`);
  process.exit(0);
}
