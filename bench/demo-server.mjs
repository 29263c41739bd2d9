// What the demo costs: server-side work per console refresh (query_range at 10 s and 1 s steps over 15 minutes, the p99
// instant query, the fleet and Vector expositions, the 5-minute log backfill), and the wall time of `demo --once --json`.
// Anchors, measured in the same run: JSON.stringify of a matrix with as many points (the least any API server does) and
// `incident --version` (node start plus loading the bundle).
// Usage: node bench/demo-server.mjs [rounds]   (run `npm run -s build` first for the wall-time part)
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import * as esbuild from 'esbuild';

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const rounds = Number(process.argv[2] ?? 7);

const built = await esbuild.build({
  stdin: {
    contents: [
      "export { DemoSimulation } from './src/demo/simulation.ts';",
      "export { answerQuery, answerQueryRange } from './src/demo/prom-answer.ts';",
      "export { fleetExposition, vectorExposition } from './src/demo/exposition-text.ts';",
      "export { logLinesBetween } from './src/demo/log-lines.ts';",
    ].join('\n'),
    resolveDir: root, loader: 'ts',
  },
  bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'warning',
});
const m = await import(`data:text/javascript;base64,${Buffer.from(built.outputFiles[0].text).toString('base64')}`);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (fn, n = 1) => {
  const runs = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) fn();
    runs.push((performance.now() - t0) / n);
  }
  return median(runs);
};

const now = Date.now();
const nowS = now / 1000;
const sim = new m.DemoSimulation(now);
const ratio = 'sum(rate(http_requests_total{service="payments",status=~"5.."}[60s])) / sum(rate(http_requests_total{service="payments"}[60s]))';
const p99 = 'histogram_quantile(0.99, sum by (le, pod) (rate(http_request_duration_seconds_bucket{service="payments"}[60s])))';
const range = (step) => new URLSearchParams({ query: ratio, start: String(nowS - 900), end: String(nowS), step: String(step) });
const matrix = (points) => ({ status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values: Array.from({ length: points }, (_, i) => [nowS - i, String(0.05 + i * 1e-6)]) }] } });

const rows = [
  ['query_range 15m step 10s (91 points)', time(() => m.answerQueryRange(sim, range(10)), 5)],
  ['  anchor: JSON.stringify of 91 points', time(() => JSON.stringify(matrix(91)), 200)],
  ['query_range 15m step 1s (901 points)', time(() => m.answerQueryRange(sim, range(1)))],
  ['  anchor: JSON.stringify of 901 points', time(() => JSON.stringify(matrix(901)), 50)],
  ['p99 instant query', time(() => m.answerQuery(sim, new URLSearchParams({ query: p99 }), nowS), 50)],
  ['fleet /metrics text', time(() => m.fleetExposition(sim, now), 50)],
  ['Vector /metrics text', time(() => m.vectorExposition(sim, now), 50)],
  ['log backfill, 5 minutes', time(() => m.logLinesBetween(sim, now - 300_000, now))],
];

const bin = resolve(root, 'dist/incident.mjs');
if (existsSync(bin)) {
  const wall = (args) => time(() => execFileSync(process.execPath, [bin, ...args], { stdio: 'ignore', env: { ...process.env, CI: '' } }));
  rows.push(['demo --once --json, wall', wall(['demo', '--once', '--json'])]);
  rows.push(['  anchor: incident --version, wall', wall(['--version'])]);
}
console.log(`median of ${rounds} rounds, node ${process.version}${process.env.NODE_EXTRA_CA_CERTS ? ', NODE_EXTRA_CA_CERTS set' : ''}`);
for (const [name, ms] of rows) console.log(`${name.padEnd(40)} ${ms.toFixed(2).padStart(9)} ms`);
