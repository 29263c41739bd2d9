// How kind the console is to the Prometheus it reads: 20 full-screen consoles (`watch --service payments`, default
// profile: 15 min window, 5 s refresh) in 120x40 ptys for a minute, behind a counting proxy, against a real
// Prometheus holding 20 minutes of 1 s scrapes of 216 series. The anchor, measured in the same run, is one
// Grafana-like dashboard refreshing four range panels every 5 s with unaligned start and end (now - 15m .. now).
// Reports per scenario: requests per second received by Prometheus (by kind), p99 latency at the proxy, how many
// range requests are step-aligned (what Mimir's results cache stores), and how many requests would still reach
// Prometheus behind an exact-match results cache (Thanos/Mimir/Cortex query-frontend caching range queries only).
// Usage: node bench/neighbour.mjs [seconds=60] [consoles=20] [rounds=3] [bundle] [before-bundle]
// (needs prometheus, promtool and python3; bundles built with `node scripts/build.mjs --outfile ...`)
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, createServer, Agent } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadTestHelpers } from './lib/pty.mjs';

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const seconds = Number(process.argv[2] ?? 60);
const consoles = Number(process.argv[3] ?? 20);
const rounds = Number(process.argv[4] ?? 3);
const bundle = resolve(process.argv[5] ?? join(root, 'dist/incident.mjs'));
const before = process.argv[6] ? resolve(process.argv[6]) : undefined;
const HISTORY_S = 20 * 60;
const WARMUP_S = 8;
const { renderExposition, freePort, waitFor } = await loadTestHelpers(root);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const dir = mkdtempSync(join(tmpdir(), 'incident-neighbour-'));

// 24 pods (16 payments, 8 checkout), 9 series each: 216 series, counters counting since an hour ago.
const pods = Array.from({ length: 24 }, (_, i) => ({
  service: i < 16 ? 'payments' : 'checkout', pod: `${i < 16 ? 'payments' : 'checkout'}-${i}`, rps: 20 + i * 3,
  errorRatio: i === 3 ? 0.2 : 0.01, latency: [[0.1, 0.6], [0.5, 0.3], [1, 0.05], [2.5, 0.03]],
}));
const origin = Date.now() / 1000 - 3600;

// The past 20 minutes as OpenMetrics, one sample per second per series, written into blocks by promtool, so every
// console's 15-minute window is full from the first query.
async function backfill(dataDir, instance) {
  const file = join(dir, 'history.om');
  const out = createWriteStream(file);
  const endS = Math.floor(Date.now() / 1000) - 5;
  const families = new Map();
  for (let t = endS - HISTORY_S; t <= endS; t++) {
    for (const line of renderExposition(pods, t - origin).split('\n')) {
      if (!line || line.startsWith('#')) continue;
      const name = line.slice(0, line.search(/[{ ]/));
      const family = name.replace(/_(total|bucket|sum|count)$/, '');
      // The labels a scrape adds, so the history and the live scrapes are the same series.
      const key = line.slice(0, line.lastIndexOf(' ')).replace('{', `{job="app",instance="${instance}",`);
      if (!families.has(family)) families.set(family, new Map());
      const series = families.get(family);
      if (!series.has(key)) series.set(key, []);
      series.get(key).push(`${key} ${line.slice(line.lastIndexOf(' ') + 1)} ${t}`);
    }
  }
  for (const [family, series] of families) {
    out.write(`# TYPE ${family} ${family === 'http_requests' ? 'counter' : 'histogram'}\n`);
    for (const lines of series.values()) out.write(`${lines.join('\n')}\n`);
  }
  out.write('# EOF\n');
  await new Promise((r) => out.end(r));
  const r = spawnSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', file, dataDir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`promtool: ${r.stderr.slice(-500)}`);
  rmSync(file);
}

const exporter = createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
  res.end(renderExposition(pods, Date.now() / 1000 - origin));
});
await new Promise((r) => exporter.listen(0, '127.0.0.1', r));

const dataDir = join(dir, 'data');
await backfill(dataDir, `127.0.0.1:${exporter.address().port}`);
const promPort = await freePort();
const promUrl = `http://127.0.0.1:${promPort}`;
writeFileSync(join(dir, 'prometheus.yml'), `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: app\n    static_configs:\n      - targets: ["127.0.0.1:${exporter.address().port}"]\n`);
const prometheus = spawn('prometheus', [`--config.file=${join(dir, 'prometheus.yml')}`, `--web.listen-address=127.0.0.1:${promPort}`,
  `--storage.tsdb.path=${dataDir}`, '--storage.tsdb.retention.time=1d', '--log.level=error'], { stdio: 'ignore' });
await waitFor(async () => (await fetch(`${promUrl}/-/ready`)).ok, 30_000, 'prometheus');
const q = (query) => fetch(`${promUrl}/api/v1/query?${new URLSearchParams({ query })}`).then((r) => r.json());
await waitFor(async () => Number((await q('count(up == 1)')).data?.result?.[0]?.value?.[1] ?? 0) >= 1, 30_000, 'a scrape');
const historyPoints = Number((await q('count_over_time(http_requests_total{pod="payments-0",status="200"}[16m])')).data.result[0].value[1]);
const seriesCount = Number((await q('count({job="app"})')).data.result[0].value[1]);

// The counting proxy: every request forwarded to Prometheus, with its time, URL and round trip as the proxy sees it.
let log = [];
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
const proxy = createServer((req, res) => {
  const t0 = performance.now();
  const up = httpRequest(`${promUrl}${req.url}`, { method: req.method, headers: req.headers, agent }, (answer) => {
    res.writeHead(answer.statusCode, answer.headers);
    answer.pipe(res);
    answer.on('end', () => log.push({ at: t0, url: req.url, ms: performance.now() - t0, status: answer.statusCode }));
  });
  up.on('error', () => res.writeHead(502).end());
  req.pipe(up);
});
await new Promise((r) => proxy.listen(0, '127.0.0.1', r));
const proxyUrl = `http://127.0.0.1:${proxy.address().port}`;

// One full-screen console in a 120x40 pty for `total` seconds, output drained, then SIGHUP.
const PTY = `
import os, pty, sys, time, fcntl, termios, struct, signal, select
total = float(sys.argv[1]); cmd = sys.argv[2:]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(cmd[0], cmd)
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 40, 120, 0, 0))
t0 = time.monotonic()
while time.monotonic() - t0 < total:
    r, _, _ = select.select([fd], [], [], 0.1)
    if r:
        try:
            if not os.read(fd, 65536): break
        except OSError: break
os.kill(pid, signal.SIGHUP)
try:
    while os.read(fd, 65536): pass
except OSError: pass
os.waitpid(pid, 0)
`;
const env = { ...process.env, TERM: 'xterm-256color', LANG: 'C.UTF-8' };
delete env.CI;
const state = join(dir, 'state');

/** Runs the consoles; returns how many ended before their time (a console that crashed sends nothing). */
async function runConsoles(bin) {
  const children = [];
  const endAt = performance.now() + (seconds + WARMUP_S) * 1000;
  for (let i = 0; i < consoles; i++) {
    // Opened one after the other over the first 5 s, as people join an incident.
    await sleep(5000 / consoles);
    const c = spawn('python3', ['-c', PTY, String((endAt - performance.now()) / 1000), process.execPath, bin,
      'watch', '--service', 'payments', '--prometheus', proxyUrl, '--state-dir', state], { env, stdio: 'ignore' });
    children.push(new Promise((r) => c.on('exit', () => r(performance.now() < endAt - 2000))));
  }
  return (await Promise.all(children)).filter(Boolean).length;
}

// The anchor: a dashboard of four range panels refreshed every 5 s, start and end taken from the clock as they are.
const PANELS = [
  'sum(rate(http_requests_total{service="payments",status=~"5.."}[1m])) / sum(rate(http_requests_total{service="payments"}[1m]))',
  'histogram_quantile(0.99, sum by (le, pod) (rate(http_request_duration_seconds_bucket{service="payments"}[1m])))',
  'sum by (pod) (rate(http_requests_total{service="payments"}[1m]))',
  'sum by (pod) (rate(http_requests_total{service="payments",status=~"5.."}[1m]))',
];
async function runGrafana() {
  const stop = Date.now() + (seconds + WARMUP_S) * 1000;
  while (Date.now() < stop) {
    const next = Date.now() + 5000;
    const end = Date.now() / 1000;
    await Promise.all(PANELS.map((query) => fetch(`${proxyUrl}/api/v1/query_range?${new URLSearchParams({
      query, start: (end - 900).toFixed(3), end: end.toFixed(3), step: '15' })}`).then((r) => r.arrayBuffer())));
    await sleep(Math.max(0, next - Date.now()));
  }
}

/** CPU seconds Prometheus has used so far (user + system, from /proc). */
const cpuSeconds = () => {
  const fields = readFileSync(`/proc/${prometheus.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};
/** Runs `work` and returns Prometheus's CPU use (seconds per second) over the measured part of it. */
async function measuredCpu(work) {
  let c0 = NaN;
  let c1 = NaN;
  const a = setTimeout(() => (c0 = cpuSeconds()), WARMUP_S * 1000);
  const b = setTimeout(() => (c1 = cpuSeconds()), (WARMUP_S + seconds) * 1000);
  await work();
  clearTimeout(a);
  clearTimeout(b);
  return (c1 - c0) / seconds;
}

const pct = (xs, p) => {
  const v = [...xs].sort((a, b) => a - b);
  return v.length ? v[Math.min(v.length - 1, Math.floor(p * v.length))] : NaN;
};
/** What the proxy saw after the warm-up: rates per second over the measured `seconds`. */
function summarise(entries, t0) {
  const from = t0 + WARMUP_S * 1000;
  const seen = entries.filter((e) => e.at >= from && e.at < from + seconds * 1000);
  const kind = (e) => new URL(e.url, 'http://x').pathname.replace('/api/v1/', '');
  const ranges = seen.filter((e) => kind(e) === 'query_range');
  const aligned = ranges.filter((e) => {
    const p = new URL(e.url, 'http://x').searchParams;
    const step = Number(p.get('step'));
    return Number(p.get('start')) % step === 0 && Number(p.get('end')) % step === 0;
  });
  // Behind an exact-match cache of range answers, only the first request for each URL reaches Prometheus.
  const firstOfUrl = new Set(ranges.map((e) => e.url)).size;
  return {
    qps: seen.length / seconds,
    rangeQps: ranges.length / seconds,
    instantQps: seen.filter((e) => kind(e) === 'query').length / seconds,
    p99: pct(seen.map((e) => e.ms), 0.99),
    rangeP99: pct(ranges.map((e) => e.ms), 0.99),
    alignedShare: ranges.length ? aligned.length / ranges.length : NaN,
    cachedQps: (seen.length - ranges.length + firstOfUrl) / seconds,
    errors: seen.filter((e) => e.status !== 200).length,
  };
}

const scenarios = [['grafana', null], ['consoles', bundle], ...(before ? [['consoles, build before', before]] : [])];
const results = Object.fromEntries(scenarios.map(([name]) => [name, []]));
const loads = [];
// Prometheus alone (scraping, no client): what its CPU costs before anyone asks.
const idleCpu = await measuredCpu(() => sleep((WARMUP_S + seconds) * 1000));
for (let round = 0; round < rounds; round++) {
  for (const [name, bin] of scenarios) {
    log = [];
    const t0 = performance.now();
    let early = 0;
    const cpu = await measuredCpu(async () => {
      if (bin) early = await runConsoles(bin);
      else await runGrafana();
    });
    results[name].push({ ...summarise(log, t0), cpu, early });
    loads.push(loadavg()[0]);
    await sleep(2000);
  }
}

proxy.close();
agent.destroy();
exporter.close();
prometheus.kill('SIGKILL');
await new Promise((r) => prometheus.once('exit', r));
rmSync(dir, { recursive: true, force: true });

const median = (xs) => pct(xs, 0.5);
const fmt = (v, d = 2) => (Number.isFinite(v) ? v.toFixed(d) : '-');
const anchor = median(results.grafana.map((r) => r.qps));
console.log(`machine: ${cpus().length} x ${cpus()[0].model}, node ${process.version}; ${rounds} rounds of ${seconds} s after ${WARMUP_S} s warm-up, medians; ` +
  `${seriesCount} series, ${historyPoints} points per series over the last 16 min; load average during the run ${fmt(Math.min(...loads), 1)}-${fmt(Math.max(...loads), 1)}`);
console.log(`Prometheus CPU with no client: ${fmt(idleCpu, 3)} s/s`);
console.log('| client | requests/s at Prometheus | range/s | instant/s | p99 latency, all | p99 latency, range | range requests aligned | requests/s behind an exact-match range cache | Prometheus CPU above idle | requests/s vs the dashboard | CPU vs the dashboard | non-200 | consoles ended early |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
const anchorCpu = median(results.grafana.map((r) => r.cpu)) - idleCpu;
for (const [name] of scenarios) {
  const r = results[name];
  const m = (k) => median(r.map((x) => x[k]));
  const who = name === 'grafana' ? 'one dashboard, 4 range panels, unaligned (anchor)' : `${consoles} ${name}`;
  console.log(`| ${who} | ${fmt(m('qps'))} | ${fmt(m('rangeQps'))} | ${fmt(m('instantQps'))} | ${fmt(m('p99'), 1)} ms | ${fmt(m('rangeP99'), 1)} ms | ${fmt(100 * m('alignedShare'), 0)}% | ${fmt(m('cachedQps'))} | ${fmt(m('cpu') - idleCpu, 3)} s/s | ${fmt(m('qps') / anchor, 1)}x | ${fmt((m('cpu') - idleCpu) / anchorCpu, 1)}x | ${r.reduce((n, x) => n + x.errors, 0)} | ${r.reduce((n, x) => n + (x.early ?? 0), 0)} |`);
}
console.log('per round:', JSON.stringify(results));
