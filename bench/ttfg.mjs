// Time-to-first-graph against a local Prometheus, with anchors measured in the same run:
// `node -e 0` (bare Node start) and `promtool query range` for the same error-rate query.
// Usage: node bench/ttfg.mjs [runs]   (needs prometheus and promtool; builds nothing: run `npm run build` first)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const runs = Number(process.argv[2] ?? 15);
const out = join(mkdtempSync(join(tmpdir(), 'incident-bench-')), 'helpers.mjs');
await esbuild.build({
  stdin: { contents: "export * from './test/helpers/exporter.ts'; export * from './test/helpers/tsdb-server.ts';", resolveDir: root, loader: 'ts' },
  bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'warning',
});
const { startExporter, startTsdb } = await import(out);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (fn) => {
  const t = process.hrtime.bigint();
  const r = fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, r };
};

const exporter = await startExporter();
const prom = await startTsdb('prometheus', '/usr/bin/prometheus', [`127.0.0.1:${exporter.port}`]);
const bin = join(root, 'dist/incident.mjs');
const profile = join(root, 'test/fixtures/profiles/fast.yaml');
const state = mkdtempSync(join(tmpdir(), 'incident-bench-state-'));
const query = 'sum(rate(http_requests_total{service="payments",status=~"5.."}[4s])) / sum(rate(http_requests_total{service="payments"}[4s]))';
const results = {};
for (const [label, extraCa] of [['with NODE_EXTRA_CA_CERTS', process.env.NODE_EXTRA_CA_CERTS], ['without NODE_EXTRA_CA_CERTS', undefined]]) {
  const env = { ...process.env };
  delete env.CI;
  if (extraCa) env.NODE_EXTRA_CA_CERTS = extraCa;
  else delete env.NODE_EXTRA_CA_CERTS;
  const ttfg = [], wall = [], bare = [], promtool = [];
  for (let i = 0; i < runs; i++) {
    bare.push(time(() => spawnSync(process.execPath, ['-e', '0'], { env })).ms);
    const end = Math.floor(Date.now() / 1000);
    promtool.push(time(() => spawnSync('promtool', ['query', 'range', '--start', String(end - 300), '--end', String(end), '--step', '3s', prom.url, query], { env })).ms);
    const run = time(() => execFileSync(process.execPath, [bin, 'watch', '--service', 'payments', '--profile', profile, '--prometheus', prom.url, '--once', '--json', '--state-dir', state], { env, encoding: 'utf8' }));
    wall.push(run.ms);
    ttfg.push(JSON.parse(run.r).ttfg_ms);
  }
  results[label] = { ttfg: median(ttfg), wall: median(wall), bare: median(bare), promtool: median(promtool) };
}
await prom.stop();
await exporter.close();
rmSync(state, { recursive: true, force: true });
console.log(`machine: ${cpus().length} x ${cpus()[0].model}, node ${process.version}, ${runs} runs each, medians`);
console.log('| environment | TTFG (watch --once --json) | wall of watch --once | node -e 0 | promtool query range | TTFG / promtool |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const [label, r] of Object.entries(results)) {
  console.log(`| ${label} | ${r.ttfg} ms | ${r.wall.toFixed(0)} ms | ${r.bare.toFixed(0)} ms | ${r.promtool.toFixed(0)} ms | ${(r.ttfg / r.promtool).toFixed(2)} |`);
}
