// First rates from direct scrapes of exporters that update their counters once a second (as Vector's internal metrics
// do): the full screen with `--prometheus '' --scrape URL` until the error rate shows (TTFG as the session recorded it),
// and the wall time of `--once --json --pipeline URL` against a Vector sink exposition, stamped with the exporter's
// own time (Vector's default) and unstamped, and unstamped with a 2 s period (what rate each bundle reports there).
// How long a first rate takes depends on where in the exporter's second the console starts: run i of n starts at
// (i + 0.5) / n of the exporter's update period, the same for every bundle, so the median is over an even spread.
// Anchors in the same run: `node -e 0`, and a Node process that fetches
// the exporter once. Bundles alternate run by run so both see the same machine.
// Usage: node bench/ttfg-first-rate.mjs [runs] [bundle ...]   (needs python3; default bundle dist/incident.mjs)
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { loadTestHelpers, PTY_UNTIL_CRIT } from './lib/pty.mjs';

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const runs = Number(process.argv[2] ?? 7);
const bundles = process.argv.slice(3).map((b) => resolve(b));
if (bundles.length === 0) bundles.push(join(root, 'dist/incident.mjs'));
const { DEFAULT_PODS, startExporter, vectorSinkExposition } = await loadTestHelpers(root);
const run = promisify(execFile);

const vector = (s) => vectorSinkExposition(s, 100, 7);
const plain = await startExporter(DEFAULT_PODS, { updateEveryMs: 1000, extraAt: vector });
const stamped = await startExporter(DEFAULT_PODS, { updateEveryMs: 1000, stampSamples: true, extraAt: vector });
const slow = await startExporter(DEFAULT_PODS, { updateEveryMs: 2000, extraAt: vector });
const profile = join(root, 'test/fixtures/profiles/fast.yaml');
const state = mkdtempSync(join(tmpdir(), 'incident-bench-state-'));
const env = { ...process.env, TERM: 'xterm-256color', LANG: 'C.UTF-8' };
delete env.CI;

const median = (xs) => {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return v.length ? v[Math.floor(v.length / 2)] : NaN;
};
/** Wall milliseconds of a child process (run asynchronously: the exporters live in this process). */
const wall = async (args, check) => {
  const t = process.hrtime.bigint();
  const r = await run(process.execPath, args, { env, encoding: 'utf8' }).catch((e) => e);
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (check && !check(r.stdout ?? '')) console.error(`unexpected output of ${args.join(' ')}:\n${r.stdout}\n${r.stderr}`);
  return ms;
};
/** Waits until the exporter is `share` (0..1) of the way through its update period. */
const atPhase = async (ex, periodMs, share) => {
  const wait = (((share * periodMs - (Date.now() - ex.startedMs)) % periodMs) + periodMs) % periodMs;
  await new Promise((r) => setTimeout(r, wait));
};
const loki = (out) => JSON.parse(out).panels.pipeline.components.find((c) => c.id === 'loki_out');
const series = { bare: [], fetch: [] };
for (const b of bundles) for (const k of ['screen', 'stamped', 'plain', 'slow']) series[`${b}:${k}`] = [];
const rates = Object.fromEntries(bundles.map((b) => [b, { stamped: [], plain: [], slow: [] }]));

for (let i = 0; i < runs; i++) {
  series.bare.push(await wall(['-e', '0']));
  series.fetch.push(await wall(['-e', `fetch(${JSON.stringify(`${plain.url}/metrics`)}).then((r) => r.text())`]));
  const share = (i + 0.5) / runs;
  for (const bin of bundles) {
    await atPhase(plain, 1000, share);
    await run('python3', ['-c', PTY_UNTIL_CRIT, process.execPath, bin, 'watch', '--service', 'payments', '--profile', profile,
      '--state-dir', state, '--prometheus', '', '--scrape', `${plain.url}/metrics`], { env, encoding: 'utf8' });
    const s = JSON.parse(readFileSync(join(state, 'sessions.jsonl'), 'utf8').trim().split('\n').at(-1));
    series[`${bin}:screen`].push(s.ttfg_ms ?? NaN);
    for (const [kind, ex, periodMs] of [['stamped', stamped, 1000], ['plain', plain, 1000], ['slow', slow, 2000]]) {
      let seen;
      await atPhase(ex, periodMs, share);
      series[`${bin}:${kind}`].push(await wall([bin, 'watch', '--service', 'payments', '--prometheus', '', '--pipeline', `${ex.url}/metrics`,
        '--once', '--json', '--state-dir', state], (out) => ((seen = loki(out)), true)));
      rates[bin][kind].push(seen?.in_per_s ?? null);
    }
  }
}
await plain.close();
await stamped.close();
await slow.close();
rmSync(state, { recursive: true, force: true });

const r = (xs) => xs.map((x) => (x === null ? 'null' : Math.round(x * 10) / 10)).join(', ');
const fmt = (ms) => `${Math.round(ms)} ms`;
const bare = median(series.bare);
console.log(`machine: ${cpus().length} x ${cpus()[0].model}, node ${process.version}, ${runs} runs, NODE_EXTRA_CA_CERTS ${env.NODE_EXTRA_CA_CERTS ? 'set' : 'unset'}`);
console.log(`anchors: node -e 0 ${fmt(bare)}, node fetching the exporter once ${fmt(median(series.fetch))}`);
console.log('| bundle | full screen TTFG, --scrape | --once --pipeline, stamped | --once --pipeline, unstamped | --once --pipeline, unstamped, 2 s period |');
console.log('| --- | --- | --- | --- | --- |');
for (const b of bundles) {
  const cell = (k) => `${fmt(median(series[`${b}:${k}`]))} (${(median(series[`${b}:${k}`]) / bare).toFixed(1)}x)`;
  console.log(`| ${basename(b)} | ${cell('screen')} | ${cell('stamped')} | ${cell('plain')} | ${cell('slow')} |`);
}
console.log('\nin_per_s reported by each run (the exporter receives 100 events/s):');
for (const b of bundles) console.log(`${basename(b)}: stamped ${r(rates[b].stamped)}; unstamped ${r(rates[b].plain)}; unstamped 2 s period ${r(rates[b].slow)}`);
if (process.env.DEBUG_BENCH) console.error(JSON.stringify(series));
