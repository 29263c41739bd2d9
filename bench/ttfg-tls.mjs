// The TTFG cost of TLS: `watch --once --json` against the same Prometheus data served plain, over TLS (tls.ca_file)
// and over mutual TLS (tls.cert_file/key_file), each Prometheus scraping the same test exporter every second. Reports
// the session's own ttfg_ms and the wall time of the process, medians over the runs; anchor in the same run:
// `node -e 0`. Kinds alternate run by run so all see the same machine. CA and certificates are made with openssl.
// Usage: node bench/ttfg-tls.mjs [runs] [bundle]   (default 9 runs, dist/incident.mjs)
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const runs = Number(process.argv[2] ?? 9);
const bundle = resolve(process.argv[3] ?? join(root, 'dist/incident.mjs'));
const helpers = join(mkdtempSync(join(tmpdir(), 'incident-bench-')), 'helpers.mjs');
await esbuild.build({
  stdin: { contents: "export * from './test/helpers/exporter.ts'; export * from './test/helpers/tls-prometheus.ts';", resolveDir: root, loader: 'ts' },
  bundle: true, platform: 'node', format: 'esm', outfile: helpers, logLevel: 'warning',
});
const { startExporter, makeTestCa, startTlsPrometheus } = await import(helpers);
const run = promisify(execFile);

const exporter = await startExporter();
const ca = makeTestCa();
const target = [`127.0.0.1:${exporter.port}`];
const [plain, tls, mtls] = await Promise.all([
  startTlsPrometheus('prometheus', ca, 'plain', target), startTlsPrometheus('prometheus', ca, false, target), startTlsPrometheus('prometheus', ca, true, target),
]);
const state = mkdtempSync(join(tmpdir(), 'incident-bench-state-'));
const profile = (name, url, tlsLines) => {
  const file = join(ca.dir, `${name}.yaml`);
  writeFileSync(file, `name: ${name}\nextends: default\nscrape_interval: 1s\nwindow: 5m\nrefresh: 1s\nprometheus:\n  url: ${url}\n${tlsLines}`);
  return file;
};
const kinds = {
  plain: profile('plain', plain.url, ''),
  tls: profile('tls', tls.url, `  tls:\n    ca_file: ${ca.ca}\n`),
  mtls: profile('mtls', mtls.url, `  tls:\n    ca_file: ${ca.ca}\n    cert_file: ${ca.clientCert}\n    key_file: ${ca.clientKey}\n`),
};
const env = { ...process.env };
delete env.CI;
for (const k of ['http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY']) delete env[k];

const wall = async (args) => {
  const t = process.hrtime.bigint();
  const r = await run(process.execPath, args, { env, encoding: 'utf8' }).catch((e) => e);
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, stdout: r.stdout ?? '' };
};
const once = async (file) => {
  const r = await wall([bundle, 'watch', '--service', 'payments', '--profile', file, '--once', '--json', '--state-dir', state]);
  const doc = JSON.parse(r.stdout);
  if (doc.sources[0].state !== 'up') throw new Error(`${file}: ${doc.sources[0].error}`);
  return { wall: r.ms, ttfg: doc.ttfg_ms };
};
// Wait until every server has a few scrapes stored, so each run reaches a first graph.
for (let i = 0; ; i++) {
  const r = await Promise.all(Object.values(kinds).map(once));
  if (r.every((x) => typeof x.ttfg === 'number')) break;
  if (i > 30) throw new Error('no first graph after 30 tries');
  await new Promise((res) => setTimeout(res, 500));
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const series = { anchor: [], ...Object.fromEntries(Object.keys(kinds).flatMap((k) => [[`${k}:ttfg`, []], [`${k}:wall`, []]])) };
for (let i = 0; i < runs; i++) {
  series.anchor.push((await wall(['-e', '0'])).ms);
  const order = Object.keys(kinds);
  for (let j = 0; j < i % order.length; j++) order.push(order.shift());
  for (const k of order) {
    const r = await once(kinds[k]);
    series[`${k}:ttfg`].push(r.ttfg);
    series[`${k}:wall`].push(r.wall);
  }
}
const anchor = median(series.anchor);
console.log(`nproc ${cpus().length}, ${cpus()[0].model}, node ${process.version}, NODE_EXTRA_CA_CERTS ${process.env.NODE_EXTRA_CA_CERTS ? 'set' : 'unset'}, ${runs} runs`);
console.log(`anchor node -e 0: median ${anchor.toFixed(0)} ms`);
for (const k of Object.keys(kinds)) {
  const t = median(series[`${k}:ttfg`]);
  const w = median(series[`${k}:wall`]);
  console.log(`${k.padEnd(6)} ttfg_ms median ${t} (${(t / anchor).toFixed(2)}x anchor, ${(t - median(series['plain:ttfg'])).toFixed(0)} ms vs plain)  wall median ${w.toFixed(0)} ms (${(w / anchor).toFixed(2)}x anchor)  ttfg runs ${series[`${k}:ttfg`].join(' ')}`);
}
await Promise.all([plain.stop(), tls.stop(), mtls.stop()]);
await exporter.close();
