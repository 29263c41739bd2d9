// Time-to-first-graph against a local Prometheus, broken down, with anchors measured in the same run:
// `node -e 0` (bare Node start) and `promtool query range` for the same error-rate query.
// Breakdown (medians): node start = `node -e 0`; module load = `incident --version` minus `node -e 0`;
// first data = first answer from Prometheus (sessions.jsonl first_data_ms); first paint = TTFG (ttfg_ms), all from exec.
// Runs `watch --once --json` and the full screen in a pty (120x40; the pty side also times the first byte that shows
// the error rate). Usage: node bench/ttfg.mjs [runs] [bundle]   (needs prometheus and promtool; run `npm run build` first)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadTestHelpers, PTY_UNTIL_CRIT } from './lib/pty.mjs';

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const runs = Number(process.argv[2] ?? 15);
const bin = resolve(process.argv[3] ?? join(root, 'dist/incident.mjs'));
const { startExporter, startTsdb } = await loadTestHelpers(root);

/** Median of the recorded values; a run that recorded no TTFG (null) counts as missing and is reported. */
const median = (xs) => {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  return { value: v.length ? v[Math.floor(v.length / 2)] : NaN, missing: xs.length - v.length };
};
const time = (fn) => {
  const t = process.hrtime.bigint();
  const r = fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, r };
};
const lastSession = (state) => JSON.parse(readFileSync(join(state, 'sessions.jsonl'), 'utf8').trim().split('\n').at(-1));

const exporter = await startExporter();
const prom = await startTsdb('prometheus', '/usr/bin/prometheus', [`127.0.0.1:${exporter.port}`]);
await new Promise((r) => setTimeout(r, 3000));
const profile = join(root, 'test/fixtures/profiles/fast.yaml');
const state = mkdtempSync(join(tmpdir(), 'incident-bench-state-'));
const watch = ['watch', '--service', 'payments', '--profile', profile, '--prometheus', prom.url, '--state-dir', state];
const query = 'sum(rate(http_requests_total{service="payments",status=~"5.."}[4s])) / sum(rate(http_requests_total{service="payments"}[4s]))';
const results = {};
for (const [label, extraCa] of [['with NODE_EXTRA_CA_CERTS', process.env.NODE_EXTRA_CA_CERTS], ['without NODE_EXTRA_CA_CERTS', undefined]]) {
  const env = { ...process.env, TERM: 'xterm-256color', LANG: 'C.UTF-8' };
  delete env.CI;
  if (extraCa) env.NODE_EXTRA_CA_CERTS = extraCa;
  else delete env.NODE_EXTRA_CA_CERTS;
  const m = { bare: [], version: [], promtool: [], onceWall: [], onceData: [], onceTtfg: [], screenData: [], screenTtfg: [], screenSeen: [] };
  for (let i = 0; i < runs; i++) {
    m.bare.push(time(() => spawnSync(process.execPath, ['-e', '0'], { env })).ms);
    m.version.push(time(() => spawnSync(process.execPath, [bin, '--version'], { env })).ms);
    const end = Math.floor(Date.now() / 1000);
    m.promtool.push(time(() => spawnSync('promtool', ['query', 'range', '--start', String(end - 300), '--end', String(end), '--step', '3s', prom.url, query], { env })).ms);
    const run = time(() => execFileSync(process.execPath, [bin, ...watch, '--once', '--json'], { env, encoding: 'utf8' }));
    m.onceWall.push(run.ms);
    const once = lastSession(state);
    m.onceData.push(once.sources.prometheus.first_data_ms);
    m.onceTtfg.push(once.ttfg_ms);
    const seen = Number(execFileSync('python3', ['-c', PTY_UNTIL_CRIT, process.execPath, bin, ...watch], { env, encoding: 'utf8' }).trim());
    const screen = lastSession(state);
    m.screenSeen.push(seen);
    m.screenData.push(screen.sources.prometheus.first_data_ms);
    m.screenTtfg.push(screen.ttfg_ms);
  }
  results[label] = Object.fromEntries(Object.entries(m).map(([k, v]) => [k, median(v)]));
}
await prom.stop();
await exporter.close();
rmSync(state, { recursive: true, force: true });
const f = (m) => (Number.isNaN(m.value) ? 'none' : `${Math.round(m.value)} ms`) + (m.missing ? ` (${m.missing} of ${runs} not recorded)` : '');
const ratio = (a, b) => (a.value / b.value).toFixed(2);
console.log(`machine: ${cpus().length} x ${cpus()[0].model}, node ${process.version}, ${runs} runs each, medians, bundle ${bin.replace(root + '/', '')}`);
console.log('| environment | run | node start | module load | first data | first paint (TTFG) | seen in pty | wall | promtool query range | TTFG / promtool |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const [label, r] of Object.entries(results)) {
  const load = { value: r.version.value - r.bare.value, missing: 0 };
  console.log(`| ${label} | watch --once --json | ${f(r.bare)} | ${f(load)} | ${f(r.onceData)} | ${f(r.onceTtfg)} | - | ${f(r.onceWall)} | ${f(r.promtool)} | ${ratio(r.onceTtfg, r.promtool)} |`);
  console.log(`| ${label} | full screen, pty 120x40 | ${f(r.bare)} | ${f(load)} | ${f(r.screenData)} | ${f(r.screenTtfg)} | ${f(r.screenSeen)} | - | ${f(r.promtool)} | ${ratio(r.screenTtfg, r.promtool)} |`);
}
