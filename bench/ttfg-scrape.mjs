// Time-to-first-graph of the full screen when Prometheus is slow: Prometheus answering normally, Prometheus behind a
// proxy that holds every answer 2 s, the same slow Prometheus with the direct scrape beside it, and the scrape alone.
// Each run is the real console in a 120x40 pty until the error rate shows (the TTFG is what the session recorded).
// Usage: node bench/ttfg-scrape.mjs [runs]   (needs prometheus and python3; run `npm run build` first)
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadTestHelpers, PTY_UNTIL_CRIT } from './lib/pty.mjs';

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const runs = Number(process.argv[2] ?? 7);
const bin = join(root, 'dist/incident.mjs');
const { startExporter, startTsdb } = await loadTestHelpers(root);

const exporter = await startExporter();
const prom = await startTsdb('prometheus', '/usr/bin/prometheus', [`127.0.0.1:${exporter.port}`]);
const target = new URL(prom.url);
// Holds every answer from Prometheus for 2 s, like a TSDB busy compacting or flooded by incident queries.
const slow = createServer((req, res) => {
  setTimeout(() => {
    const up = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  }, 2000);
});
await new Promise((r) => slow.listen(0, '127.0.0.1', r));
const slowUrl = `http://127.0.0.1:${slow.address().port}`;
await new Promise((r) => setTimeout(r, 6000));

const profile = join(root, 'test/fixtures/profiles/fast.yaml');
const state = mkdtempSync(join(tmpdir(), 'incident-bench-state-'));
const env = { ...process.env, TERM: 'xterm-256color', LANG: 'C.UTF-8' };
delete env.CI;
const scenarios = [
  ['Prometheus answering normally', ['--prometheus', prom.url]],
  ['Prometheus delayed 2 s', ['--prometheus', slowUrl]],
  ['Prometheus delayed 2 s + --scrape', ['--prometheus', slowUrl, '--scrape', `${exporter.url}/metrics`]],
  ['--scrape alone (no Prometheus)', ['--prometheus', '', '--scrape', `${exporter.url}/metrics`]],
];
const median = (xs) => {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return v.length ? v[Math.floor(v.length / 2)] : NaN;
};
const rows = [];
for (const [label, flags] of scenarios) {
  const ttfg = [];
  const origin = [];
  for (let i = 0; i < runs; i++) {
    // Asynchronously: the exporter and the slow proxy live in this process and must keep answering.
    await promisify(execFile)('python3', ['-c', PTY_UNTIL_CRIT, process.execPath, bin, 'watch', '--service', 'payments', '--profile', profile, '--state-dir', state, ...flags], { env, encoding: 'utf8' });
    const s = JSON.parse(readFileSync(join(state, 'sessions.jsonl'), 'utf8').trim().split('\n').at(-1));
    ttfg.push(s.ttfg_ms ?? NaN);
    if (process.env.DEBUG_BENCH) console.error(label, JSON.stringify(s));
    origin.push(Object.entries(s.sources).filter(([, v]) => v.first_data_ms !== null).sort((a, b) => a[1].first_data_ms - b[1].first_data_ms)[0]?.[0]);
  }
  rows.push(`| ${label} | ${Math.round(median(ttfg))} ms | ${ttfg.map((x) => Math.round(x)).join(', ')} | ${origin[0] ?? '-'} |`);
}
slow.close();
await prom.stop();
await exporter.close();
rmSync(state, { recursive: true, force: true });
console.log(`machine: ${cpus().length} x ${cpus()[0].model}, node ${process.version}, ${runs} runs per scenario, full screen in a 120x40 pty`);
console.log('| scenario | median TTFG | runs | first source with data |');
console.log('| --- | --- | --- | --- |');
for (const r of rows) console.log(r);
