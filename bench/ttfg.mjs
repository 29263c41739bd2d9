// Time to first graph against a realistic Prometheus, with the floor measured in the same run.
//
// Prometheus holds 16 minutes of 1-second scrapes of 24 pods in 4 services (216 series: request counters by status
// and latency histograms), written with `promtool tsdb create-blocks-from openmetrics` before it starts, and keeps
// scraping the same exporter every second. Each round, interleaved:
// - `node -e 0`: Node's own start;
// - the plain-fetch anchor: a Node script that sends the console's own error-rate query_range (same query, same
//   step, same window) with the built-in fetch and prints the newest value: the floor for "start, ask, print";
// - the console's full screen in a 120x40 pty, from exec to the first bytes showing the error rate's value
//   (`5.00% CRIT`): first start (no compiled-code cache) and cached start (the cache the first start wrote).
// Usage: node bench/ttfg.mjs [rounds] [bundle] [--also NAME=BUNDLE ...]   (needs prometheus, promtool and python3;
//        build first). Each --also bundle is measured in the same rounds, for a comparison on a machine whose speed
//        drifts; the last column is the median of each round's own ratio to that round's plain fetch.

//        node bench/ttfg.mjs serve   (starts the same Prometheus, prints its URL and keeps it for 30 min, for profiling)
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadTestHelpers, PTY_UNTIL_CRIT } from './lib/pty.mjs';

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const serveOnly = process.argv[2] === 'serve';
const also = [];
const args = process.argv.slice(2).filter((a, i, all) => {
  if (a === '--also') return false;
  if (all[i - 1] !== '--also') return true;
  const [name, path] = a.split('=');
  also.push({ name, bin: resolve(path) });
  return false;
});
const rounds = serveOnly ? 0 : Number(args[0] ?? 9);
const bin = resolve(args[1] ?? join(root, 'dist/incident.mjs'));
const bundles = [{ name: '', bin }, ...also];
const { renderExposition, freePort, waitFor } = await loadTestHelpers(root);
const dir = mkdtempSync(join(tmpdir(), 'incident-bench-ttfg-'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// 24 pods; payments fails 5% (CRIT), one pod slow.
const pods = [];
for (const [service, errorRatio] of [['payments', 0.05], ['checkout', 0.01], ['auth', 0.002], ['search', 0.02]]) {
  for (let i = 0; i < 6; i++) {
    const slow = service === 'payments' && i === 0;
    pods.push({ service, pod: `${service}-${i}`, rps: 20 + 5 * i, errorRatio, latency: slow ? [[0.1, 0.5], [0.5, 0.3], [1, 0.1], [2.5, 0.08]] : [[0.1, 0.9], [0.5, 0.09], [1, 0.01], [2.5, 0]] });
  }
}
const started = Date.now() - 20 * 60_000;
const exporter = createServer((req, res) => {
  if (req.url !== '/metrics') return void res.writeHead(404).end();
  res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
  res.end(renderExposition(pods, (Date.now() - started) / 1000));
});
const exporterPort = await freePort();
await new Promise((r) => exporter.listen(exporterPort, '127.0.0.1', r));

// 16 minutes of history, ending two seconds ago, with the labels Prometheus's own scrape adds.
const instance = `127.0.0.1:${exporterPort}`;
const history = [];
const nowS = Math.floor(Date.now() / 1000);
for (let t = nowS - 16 * 60; t <= nowS - 2; t++) {
  const text = renderExposition(pods, t - started / 1000);
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    history.push(line.replace(/^([a-z_]+)\{/, `$1{job="app",instance="${instance}",`).replace(/ ([^ ]+)$/, ` $1 ${t}`));
  }
}
const types = ''; // no TYPE lines: the samples are stored as they are
writeFileSync(join(dir, 'history.om'), `${types}${history.join('\n')}\n# EOF\n`);
execFileSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', join(dir, 'history.om'), join(dir, 'data')], { stdio: 'ignore' });
const seriesCount = new Set(history.map((l) => l.slice(0, l.lastIndexOf(' ', l.lastIndexOf(' ') - 1)))).size;

const promPort = await freePort();
const prometheusUrl = `http://127.0.0.1:${promPort}`;
writeFileSync(join(dir, 'prometheus.yml'), `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: app\n    static_configs:\n      - targets: ["${instance}"]\n`);
const prom = spawn('prometheus', [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${promPort}`, '--log.level=error'], { stdio: 'ignore' });
await waitFor(async () => (await fetch(`${prometheusUrl}/-/ready`).catch(() => null))?.ok, 30_000, 'prometheus');
await waitFor(async () => {
  const r = await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent('count_over_time(up[1m])')}`).then((x) => x.json());
  return Number(r.data?.result?.[0]?.value?.[1] ?? 0) >= 5;
}, 60_000, 'a few live scrapes');
const stored = await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent('min(count_over_time(http_requests_total[15m]))')}`).then((x) => x.json());

if (serveOnly) {
  console.log(prometheusUrl);
  await sleep(30 * 60_000);
  prom.kill('SIGKILL');
  process.exit(0);
}

// The console's own first error-rate request, caught by a proxy that records it.
const seen = [];
const recorder = createServer((req, res) => {
  seen.push(req.url);
  fetch(`${prometheusUrl}${req.url}`).then(async (r) => res.writeHead(r.status, { 'content-type': 'application/json' }).end(Buffer.from(await r.arrayBuffer())));
});
const recorderPort = await freePort();
await new Promise((r) => recorder.listen(recorderPort, '127.0.0.1', r));
const state = join(dir, 'state');
const watch = ['watch', '--service', 'payments', '--state-dir', state];
const env = { ...process.env, TERM: 'xterm-256color', LANG: 'C.UTF-8', XDG_CACHE_HOME: join(dir, 'cache-probe') };
delete env.CI;
// Asynchronously, so that this process's recorder can answer (exit 1 when a panel has a warning: fine here).
await new Promise((r) => spawn(process.execPath, [bin, ...watch, '--prometheus', `http://127.0.0.1:${recorderPort}`, '--once', '--json'], { env, stdio: 'ignore' }).on('close', r));
recorder.close();
const first = seen.find((u) => u.startsWith('/api/v1/query_range') && decodeURIComponent(u).includes('status=~"5..'));
if (!first) throw new Error(`no error-rate query_range among ${seen.join(', ')}`);
const asked = new URLSearchParams(first.split('?')[1]);
const anchor = join(dir, 'anchor.mjs');
writeFileSync(anchor, `const p = new URLSearchParams(${JSON.stringify(asked.toString())});
const step = Number(p.get('step')), span = Number(p.get('end')) - Number(p.get('start'));
const end = Math.floor(Date.now() / 1000 / step) * step;
p.set('end', String(end)); p.set('start', String(end - span));
const r = await fetch(${JSON.stringify(prometheusUrl)} + '/api/v1/query_range?' + p);
const j = await r.json();
console.log((Number(j.data.result[0].values.at(-1)[1]) * 100).toFixed(2) + '% CRIT');
`);

/** Milliseconds from exec to the first byte on standard output (the anchor prints once). */
function untilOutput(args, e = env) {
  return new Promise((done) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { env: e, stdio: ['ignore', 'pipe', 'ignore'] });
    let at = null;
    child.stdout.once('data', () => (at = Number(process.hrtime.bigint() - t0) / 1e6));
    child.on('close', () => done(at));
  });
}
const screen = (b, cacheHome) => {
  const out = execFileSync('python3', ['-c', PTY_UNTIL_CRIT, process.execPath, b, ...watch, '--prometheus', prometheusUrl], { env: { ...env, XDG_CACHE_HOME: cacheHome }, encoding: 'utf8' }).trim();
  return out === 'None' ? null : Number(out);
};

const m = { bare: [], anchor: [] };
for (const { name } of bundles) Object.assign(m, { [`${name}firstStart`]: [], [`${name}cachedStart`]: [] });
for (let i = 0; i < rounds; i++) {
  m.bare.push(await untilOutput(['-e', 'console.log(0)']));
  m.anchor.push(await untilOutput([anchor]));
  // The bundles take turns at going first.
  for (let k = 0; k < bundles.length; k++) {
    const { name, bin: b } = bundles[(i + k) % bundles.length];
    const cacheHome = mkdtempSync(join(dir, 'cache-'));
    m[`${name}firstStart`].push(screen(b, cacheHome));
    m[`${name}cachedStart`].push(screen(b, cacheHome));
  }
  await sleep(200);
}
prom.kill('SIGKILL');
exporter.close();
rmSync(dir, { recursive: true, force: true });

const median = (xs) => {
  const v = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  return v.length ? v[Math.floor(v.length / 2)] : NaN;
};
const med = Object.fromEntries(Object.entries(m).map(([k, v]) => [k, median(v)]));
const missing = Object.entries(m).filter(([, v]) => v.some((x) => typeof x !== 'number')).map(([k, v]) => `${k}: ${v.filter((x) => typeof x !== 'number').length}`);
console.log(`machine: ${cpus().length} x ${cpus()[0].model}, Node ${process.version}; ${rounds} interleaved rounds, medians; bundle ${bin.replace(`${root}/`, '')}`);
console.log(`Prometheus ${execFileSync('prometheus', ['--version'], { encoding: 'utf8' }).split('\n')[0].replace(/^prometheus, version /, '')}: ${seriesCount} series written as 16 min of 1 s samples, every request series has ${stored.data?.result?.[0]?.value?.[1] ?? '?'} samples in the last 15 min; query ${asked.get('query')?.slice(0, 60)}... step ${asked.get('step')}s`);
console.log('| what | median | / plain fetch | median of the rounds\' ratios |');
console.log('| --- | --- | --- | --- |');
const paired = (k) => median(m[k].map((v, i) => (typeof v === 'number' && typeof m.anchor[i] === 'number' ? v / m.anchor[i] : null)));
const row = (label, k) => console.log(`| ${label} | ${Math.round(med[k])} ms | ${(med[k] / med.anchor).toFixed(2)}x | ${paired(k).toFixed(2)}x |`);
row('`node -e` (prints 0)', 'bare');
row('plain fetch of the same query_range, printed', 'anchor');
for (const { name, bin: b } of bundles) {
  const which = name ? ` (${name}: ${b.replace(`${root}/`, '')})` : '';
  row(`\`incident watch\`${which}, full screen, first start (no code cache)`, `${name}firstStart`);
  row(`\`incident watch\`${which}, full screen, cached start`, `${name}cachedStart`);
}
if (missing.length) console.log(`runs without a value: ${missing.join(', ')}`);
