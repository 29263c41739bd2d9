// Where the log reading runs, and what that does to RSS in a burst: the real file source, the parse thread and a
// 20,000-line pane (the sources of bench/log-ingest-file.mjs, bundled the same way), following a file into which a
// million JSON lines are appended as fast as possible, run in one of these places:
//   main       on the main thread, as the console does now;
//   worker     in a worker thread with Node's default limits;
//   worker:N   in a worker started with resourceLimits.maxYoungGenerationSizeMb N;
//   split:N    reading in such a worker, the pane on the main thread: each batch is posted to it packed.
// Each run is a process of its own; the places alternate round after round. Reports the process's RSS just before the
// burst, its peak (sampled every 50 ms) and the lines per second from the first line to the last.
// Usage: node bench/log-ingest-where.mjs [ROUNDS] [LINES] [PLACE ...]
import { fork, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { median } from './lib/median.mjs';

const INGEST = new URL('./log-ingest-file.mjs', import.meta.url).pathname;
const SELF = new URL(import.meta.url).pathname;

/** Follows `file` until `count` lines are in; `deliver` takes each batch (the pane, here or elsewhere). */
async function ingest(dir, file, count, deliver) {
  const m = await import(pathToFileURL(join(dir, 'sources.mjs')).href);
  m.useLineParseThread(readFileSync(join(dir, 'worker.cjs'), 'utf8'));
  const source = m.fileLogs({ pattern: file, parse: m.makeLineParser(), backfillLines: 0 });
  let received = 0;
  let firstAt = 0;
  await new Promise((done) => source.start((e) => {
    if (e.type !== 'lines') return;
    if (received === 0) firstAt = performance.now();
    deliver(m, e.lines);
    received += e.lines.length;
    if (received >= count) done();
  }));
  const rate = received / ((performance.now() - firstAt) / 1000);
  await source.stop();
  return rate;
}

const pane = (m) => new m.LogBuffer({ capacity: 20_000, reorderWindowMs: 2000 });

if (!isMainThread) {
  // The reading thread: keeps the pane, or posts each batch packed to the main thread's.
  const { dir, file, count, split } = workerData;
  // The sources unref their timers: this keeps the thread up until the burst is in.
  const alive = setInterval(() => {}, 1000);
  let buffer = null;
  const rate = await ingest(dir, file, count, (m, lines) => {
    if (!split) return (buffer ??= pane(m)).add(lines, Date.now(), 0);
    const rec = m.packLines(lines);
    parentPort.postMessage({ rec }, [rec.nums.buffer, rec.refs.buffer]);
  });
  clearInterval(alive);
  parentPort.postMessage({ rate });
} else if (process.argv[2] === 'run') {
  // One run: argv dir, place, count.
  const [, , , dir, place, count] = process.argv;
  const file = join(dir, `app-${process.pid}.log`);
  writeFileSync(file, '');
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const [where, young] = place.split(':');
  const rate = new Promise((resolve, reject) => {
    if (where === 'main') {
      let buffer = null;
      ingest(dir, file, Number(count), (m, lines) => (buffer ??= pane(m)).add(lines, Date.now(), 0)).then(resolve, reject);
      return;
    }
    const w = new Worker(SELF, {
      workerData: { dir, file, count: Number(count), split: where === 'split' },
      resourceLimits: young ? { maxYoungGenerationSizeMb: Number(young) } : undefined,
    });
    let m = null;
    let buffer = null;
    w.on('message', async (msg) => {
      if (msg.rate !== undefined) return resolve(msg.rate);
      m ??= await import(pathToFileURL(join(dir, 'sources.mjs')).href);
      (buffer ??= pane(m)).add(m.packedLines(msg.rec, 'app.log'), Date.now(), 0);
    });
    w.on('error', reject);
  });
  // The reading is set up and idle: the burst begins.
  await new Promise((r) => setTimeout(r, 500));
  const before = process.memoryUsage().rss;
  const writer = fork(INGEST, ['writer', file, count, '0'], { stdio: 'ignore' });
  const linesPerS = await rate;
  clearInterval(sampler);
  writer.kill();
  rmSync(file, { force: true });
  process.send?.({ before, peak, linesPerS });
  process.exit(0);
} else {
  const [rounds = '3', count = '1000000', ...given] = process.argv.slice(2);
  const places = given.length ? given : ['main', 'worker', 'worker:8', 'worker:4', 'split:8'];
  const dir = mkdtempSync(join(tmpdir(), 'incident-ingest-where-'));
  const build = spawnSync(process.execPath, [INGEST, 'build', dir], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('building the sources failed');
  const runs = new Map(places.map((p) => [p, []]));
  const mb = (x) => x / 1048576;
  for (let r = 0; r < Number(rounds); r++) {
    for (const place of places) {
      const child = fork(SELF, ['run', dir, place, count], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
      const result = await new Promise((resolve) => {
        let got = null;
        child.on('message', (m) => (got = m));
        child.on('exit', () => resolve(got));
      });
      if (!result) throw new Error(`the run in ${place} ended without a result`);
      runs.get(place).push(result);
      console.error(`round ${r + 1} ${place}: before ${mb(result.before).toFixed(0)} MB, peak ${mb(result.peak).toFixed(0)} MB (+${mb(result.peak - result.before).toFixed(0)}), ${Math.round(result.linesPerS / 1000)}k lines/s`);
    }
  }
  rmSync(dir, { recursive: true, force: true });
  console.log(`${cpus()[0]?.model ?? 'unknown'} x${cpus().length}, node ${process.version}, ${rounds} rounds of ${count} lines, medians`);
  console.log('| where the reading runs | RSS before the burst | RSS peak | growth | lines/s |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const [place, rs] of runs) {
    const m = (f) => median(rs.map(f));
    console.log(`| ${place} | ${mb(m((x) => x.before)).toFixed(0)} MB | ${mb(m((x) => x.peak)).toFixed(0)} MB | +${mb(m((x) => x.peak - x.before)).toFixed(0)} MB | ${Math.round(m((x) => x.linesPerS) / 1000)}k |`);
  }
}
