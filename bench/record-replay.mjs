// Recording and replaying throughput, with anchors measured in the same run on the same events and file:
//   record: EventRecorder (redaction + NDJSON + gzip -1, synced every second) vs JSON.stringify + one gzip -1 stream;
//   replay: `incident replay FILE --once --json` (read, parse, apply every event) vs `zcat FILE > /dev/null`
//   and a plain Node gunzip + split + JSON.parse loop;
//   seek: the interactive player at the end of the file seeking back to the middle (rebuild from the start into a
//   fresh store) vs applying the same events to a store in a bare loop; heap held by the played recording.
// Usage: node --expose-gc bench/record-replay.mjs [events] [runs]   (run `npm run build` first)
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createGunzip, createGzip } from 'node:zlib';
import * as esbuild from 'esbuild';

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const events = Number(process.argv[2] ?? 50_000);
const runs = Number(process.argv[3] ?? 5);
const dir = mkdtempSync(join(tmpdir(), 'incident-bench-rec-'));
const lib = join(dir, 'recorder.mjs');
await esbuild.build({
  stdin: {
    contents: ['event-recorder', 'replay-clock', 'replay-recording', 'store'].map((m) => `export * from './src/runtime/${m}.ts';`).join('') + "export * from './src/sources/system-clock.ts';"
      + "export * from './src/sources/files/recording-file.ts'; export * from './src/sources/files/recording-reader.ts';",
    resolveDir: root, loader: 'ts',
  },
  bundle: true, platform: 'node', format: 'esm', outfile: lib, logLevel: 'warning',
});
const { EventRecorder, openRecordingFile, openRecording, ReplayClock, ReplayPlayer, Store, systemClock } = await import(lib);

const T0 = Date.UTC(2026, 10, 22, 14, 0, 0);
const SECRETS = ['tok-9f8e7d6c5b4a', 'pa55-w0rd-xyz'];
/** One second of a busy console: an error-rate range result (100 points), p99 bars, a status, 20 log lines. */
function eventAt(i) {
  const at = T0 + i * 250;
  switch (i % 4) {
    case 0:
      return { type: 'samples', source: 'prometheus', at, panel: 'error_rate', origin: 'prometheus',
        series: [{ labels: { service: 'payments' }, points: Array.from({ length: 100 }, (_, k) => [at / 1000 - (100 - k) * 3, 0.05 + k / 1e4]) }] };
    case 1:
      return { type: 'samples', source: 'prometheus', at, panel: 'p99', origin: 'prometheus',
        series: Array.from({ length: 8 }, (_, k) => ({ labels: { pod: `payments-${k}` }, points: [[at / 1000, 0.1 * k]] })) };
    case 2:
      return { type: 'status', source: 'prometheus', kind: 'prometheus', at, state: 'up', error: null, latencyMs: 9 };
    default:
      return { type: 'lines', source: 'app.log', at, lines: Array.from({ length: 20 }, (_, k) => ({
        at, timed: true, level: k % 7 ? 'info' : 'error', source: 'app.log', service: 'payments',
        message: `request ${i}-${k} served in ${k} ms`, raw: `{"level":"info","msg":"request ${i}-${k} served in ${k} ms","service":"payments"}`,
      })) };
  }
}
const sample = Array.from({ length: events }, (_, i) => eventAt(i));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
let recordNow = T0;
const clock = { now: () => recordNow, setTimeout, clearTimeout };

async function recordWithRecorder(file) {
  const sink = openRecordingFile(file, { onError: (m) => console.error(m) });
  const rec = new EventRecorder({ sink, secrets: SECRETS, clock, report: () => undefined });
  rec.start({ incident_recording: 1, version: '0.1.0', started_at: new Date(T0).toISOString(), started_at_ms: T0, profile: 'bench', service: 'payments', window_ms: 900_000, refresh_ms: 5000 });
  const t = performance.now();
  // Events arrive in bursts between turns of the event loop, as they do from sources.
  for (let i = 0; i < sample.length; i++) {
    recordNow = sample[i].at;
    rec.observe(sample[i]);
    // Sources never outrun the disk for long: wait while more than 1 MB is queued (the recorder skips past 16 MB).
    if (i % 100 === 99) while (sink.backlogBytes() > 1 << 20) await new Promise((r) => setImmediate(r));
  }
  await rec.close('quit');
  return { ms: performance.now() - t, skipped: rec.skippedEvents };
}

async function recordPlain(file) {
  const t = performance.now();
  const gz = createGzip({ level: 1 });
  const out = createWriteStream(file);
  gz.pipe(out);
  for (let i = 0; i < sample.length; i++) {
    gz.write(`${JSON.stringify({ t: T0, e: sample[i] })}\n`);
    if (i % 100 === 99) while (gz.writableLength + out.writableLength > 1 << 20) await new Promise((r) => setImmediate(r));
  }
  gz.end();
  await new Promise((r) => out.on('close', r));
  return performance.now() - t;
}

async function parseLoop(file) {
  const t = performance.now();
  let rest = '';
  let n = 0;
  for await (const chunk of createReadStream(file).pipe(createGunzip())) {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop();
    for (const l of lines) if (l) (JSON.parse(l), n++);
  }
  return { ms: performance.now() - t, n };
}

const env = { ...process.env };
delete env.CI;
const file = join(dir, 'bench.ndjson.gz');
const r = { recorder: [], plain: [], replay: [], zcat: [], loop: [], bare: [] };
let skipped = 0;
for (let i = 0; i < runs; i++) {
  const rec = await recordWithRecorder(file);
  r.recorder.push(rec.ms);
  skipped += rec.skipped;
  r.plain.push(await recordPlain(join(dir, 'plain.ndjson.gz')));
  let t = performance.now();
  const res = spawnSync(process.execPath, [join(root, 'dist/incident.mjs'), 'replay', file, '--once', '--json'], { env, encoding: 'utf8', maxBuffer: 64 << 20 });
  r.replay.push(performance.now() - t);
  if (res.status !== 0 || JSON.parse(res.stdout).replay.events !== events) throw new Error(`replay failed (${res.status}): ${res.stderr} ${res.stdout.slice(-300)}`);
  t = performance.now();
  spawnSync('sh', ['-c', `zcat ${file} > /dev/null`]);
  r.zcat.push(performance.now() - t);
  r.loop.push((await parseLoop(file)).ms);
  t = performance.now();
  spawnSync(process.execPath, ['-e', '0'], { env });
  r.bare.push(performance.now() - t);
}
/** Plays the file to its end as fast as possible, then times seeks back to the middle (events kept, or re-read). */
async function seekBack(keepChars) {
  const rec = await openRecording(file);
  const start = rec.header.started_at_ms;
  const clock = new ReplayClock(start);
  clock.setSpeed(Infinity);
  let applied = 0;
  const target = () => {
    const store = new Store(systemClock);
    return (e) => {
      applied += 1;
      store.apply(e);
    };
  };
  const player = new ReplayPlayer({
    events: rec.events, reopen: () => rec.events, keepChars, clock, startAt: start, endAt: () => rec.stats.endAt, emit: target(),
    reset: () => {
      applied = 0;
      return target();
    },
  });
  const until = async (check) => {
    while (!check()) await new Promise((r) => setImmediate(r));
  };
  globalThis.gc?.();
  const before = process.memoryUsage().heapUsed;
  void player.run();
  await until(() => player.getStatus().ended);
  globalThis.gc?.();
  const heapMb = (process.memoryUsage().heapUsed - before) / 1e6;
  const half = events / 2;
  const seeks = [];
  const bare = [];
  for (let i = 0; i < runs; i++) {
    player.seek(Infinity);
    await until(() => applied === events && player.getStatus().ended);
    const t = performance.now();
    player.seek(start + half * 250);
    await until(() => applied === half + 1);
    seeks.push(performance.now() - t);
    const s2 = new Store(systemClock);
    const t2 = performance.now();
    for (let k = 0; k <= half; k++) s2.apply(sample[k]);
    bare.push(performance.now() - t2);
  }
  await player.stop();
  return { seek: median(seeks), bare: median(bare), heapMb };
}
const seek = await seekBack(Infinity);
const reread = await seekBack(0);
const size = statSync(file).size;
rmSync(dir, { recursive: true, force: true });
const f = (ms) => `${ms.toFixed(0)} ms`;
console.log(`machine: ${cpus().length} x ${cpus()[0].model}, node ${process.version}; ${events} events (${(size / 1e6).toFixed(1)} MB gzip), ${runs} runs, medians`);
console.log('| step | incident | anchor | ratio |');
console.log('| --- | --- | --- | --- |');
console.log(`| record (redact + NDJSON + gzip) | ${f(median(r.recorder))} (${Math.round(events / median(r.recorder) * 1000)} events/s, ${skipped} skipped) | JSON.stringify + gzip -1 ${f(median(r.plain))} | ${(median(r.recorder) / median(r.plain)).toFixed(2)} |`);
console.log(`| seek back to the middle (interactive) | ${f(seek.seek)} | Store.apply loop over the same ${events / 2} events ${f(seek.bare)} | ${(seek.seek / seek.bare).toFixed(2)} |`);
console.log(`| seek back, recording over the memory budget (re-read) | ${f(reread.seek)} | | ${(reread.seek / reread.bare).toFixed(2)} |`);
console.log(`| replay --once --json (whole file) | ${f(median(r.replay))} | Node gunzip+JSON.parse loop ${f(median(r.loop))}; zcat ${f(median(r.zcat))}; node -e 0 ${f(median(r.bare))} | ${(median(r.replay) / median(r.loop)).toFixed(2)} |`);
console.log(`heap added by playing to the end: ${seek.heapMb.toFixed(0)} MB with every event kept, ${reread.heapMb.toFixed(0)} MB when re-reading (file ${(size / 1e6).toFixed(1)} MB gzip)`);
