// Records what a real Prometheus answers for rate(), increase() and histogram_quantile() over known samples,
// so the client-side implementations in src/model/ can be checked against it.
//
// Command (from the repository root): node scripts/record-promql-fixtures.mjs
//
// It writes the samples as OpenMetrics, backfills them with `promtool tsdb create-blocks-from openmetrics`,
// starts `prometheus` on a free 127.0.0.1 port over that TSDB (retention 100y so the blocks stay), runs
// instant queries through the HTTP API and writes test/fixtures/promql/{rate,histogram-quantile}.json.
// Needs /usr/bin/prometheus and /usr/bin/promtool (Debian's prometheus package).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const COMMAND = 'node scripts/record-promql-fixtures.mjs';
/** 2026-01-01T00:00:00Z in epoch milliseconds: every sample time is an offset from it. */
const BASE = 1_767_225_600_000;
const S = 1000;
const M = 60 * S;

// ---- The samples -------------------------------------------------------------------------------------

/** Counter series: name of the case, samples as [offset ms, value]. */
const counters = [];
const every = (fromMs, toMs, stepMs, value) => {
  const out = [];
  for (let t = fromMs, i = 0; t <= toMs; t += stepMs, i++) out.push([t, value(i)]);
  return out;
};
counters.push({ name: 'steady', samples: every(0, 20 * M, 15 * S, (i) => 100 + 10 * i) });
counters.push({
  name: 'jitter',
  samples: every(0, 20 * M, 15 * S, (i) => i).map(([t, i]) => [t + ((i * 7919) % 5000), 3 * i + ((i * 31) % 11) * 0.25]),
});
counters.push({
  name: 'resets',
  samples: every(0, 20 * M, 15 * S, (i) => i).map(([t, i]) => [t, i % 17 < 12 ? 40 + 9 * (i % 17) : 2 * (i % 17)]),
});
counters.push({ name: 'starts-in-range', samples: every(8 * M, 12 * M, 15 * S, (i) => 10 + 10 * i) });
counters.push({ name: 'starts-at-zero', samples: every(8 * M, 12 * M, 15 * S, (i) => 6 * i) });
counters.push({ name: 'ends-in-range', samples: every(0, 7 * M, 15 * S, (i) => 500 + 4 * i) });
counters.push({ name: 'two-samples', samples: [[4 * M + 10 * S, 7], [4 * M + 40 * S, 19]] });
counters.push({ name: 'large-values', samples: every(0, 20 * M, 30 * S, (i) => 1.5e15 + 123456.789 * i * i) });
counters.push({ name: 'fractional', samples: every(0, 20 * M, 10 * S, (i) => 0.1 * i + 0.01 * ((i * 13) % 7)) });
counters.push({ name: 'negative-start', samples: every(0, 20 * M, 15 * S, (i) => -5 + 2 * i) });
counters.push({ name: 'sparse', samples: [[1 * M, 1], [3 * M + 20 * S, 5], [4 * M, 5], [9 * M + 50 * S, 30], [10 * M + 5 * S, 2], [14 * M, 9]] });

/**
 * Eval points: [offset ms, range ms]; offsets avoid sample times. The last two of starts-in-range and
 * ends-in-range put the series' first/last sample 16 s and 17 s from the range edge, either side of the
 * 1.1 x 15 s extrapolation threshold.
 */
const counterQueries = {
  'steady': [[5 * M + 7 * S, 5 * M], [10 * M + 3500, 1 * M], [20 * M + 1 * S, 2 * M], [19 * M + 59 * S, 10 * M]],
  'jitter': [[6 * M + 1234, 5 * M], [12 * M + 9 * S, 1 * M], [20 * M + 40 * S, 3 * M]],
  'resets': [[5 * M + 7 * S, 5 * M], [9 * M + 1 * S, 2 * M], [15 * M + 11 * S, 10 * M]],
  'starts-in-range': [[10 * M + 5 * S, 5 * M], [9 * M + 2 * S, 2 * M], [12 * M + 30 * S, 5 * M], [9 * M + 43 * S, 2 * M], [9 * M + 44 * S, 2 * M]],
  'starts-at-zero': [[10 * M + 5 * S, 5 * M], [12 * M + 1 * S, 10 * M]],
  'ends-in-range': [[10 * M + 5 * S, 5 * M], [7 * M + 20 * S, 2 * M], [11 * M, 5 * M], [7 * M + 16 * S, 2 * M], [7 * M + 17 * S, 2 * M]],
  'two-samples': [[5 * M, 1 * M], [4 * M + 50 * S, 5 * M], [4 * M + 30 * S, 1 * M]],
  'large-values': [[10 * M + 10 * S, 5 * M], [20 * M + 10 * S, 20 * M]],
  'fractional': [[7 * M + 3 * S, 1 * M], [18 * M + 5 * S, 5 * M]],
  'negative-start': [[2 * M + 1 * S, 2 * M], [6 * M + 1 * S, 5 * M]],
  'sparse': [[5 * M, 5 * M], [10 * M + 10 * S, 5 * M], [15 * M, 10 * M], [9 * M + 55 * S, 20 * S]],
};
// Cases where a sample sits exactly on the range start: Prometheus 2.42 takes it, Prometheus 3 does not.
const boundaryQueries = { 'steady': [[10 * M, 1 * M]], 'resets': [[10 * M, 5 * M]], 'fractional': [[7 * M, 1 * M]] };

/** Histograms scraped over time: per pod, buckets as le -> cumulative count at scrape i. */
const LES = ['0.05', '0.1', '0.25', '0.5', '1', '+Inf'];
const histograms = [
  { name: 'two-pods', pods: ['a', 'b'], les: LES, count: (pod, le, i) => Math.round(cumulative(pod === 'a' ? [5, 9, 4, 2, 1, 0.5] : [1, 2, 6, 7, 3, 2], le, LES) * i) },
  { name: 'slow-tail', pods: ['a'], les: LES, count: (pod, le, i) => Math.round(cumulative([0, 0, 1, 1, 2, 40], le, LES) * i) },
  { name: 'negative-bounds', pods: ['a'], les: ['-1', '0', '1', '+Inf'], count: (pod, le, i) => Math.round(cumulative([6, 2, 1, 1], le, ['-1', '0', '1', '+Inf']) * i) },
];
function cumulative(perBucket, le, les) {
  let sum = 0;
  for (let k = 0; k <= les.indexOf(le); k++) sum += perBucket[k];
  return sum;
}
const histogramQueries = [[10 * M + 7 * S, 5 * M], [19 * M + 3 * S, 2 * M]];
const QUANTILES = [0, 0.25, 0.5, 0.9, 0.99, 1];

/** Fixed buckets (one sample each) for the edge rules, queried directly with histogram_quantile(q, ...). */
const staticHistograms = [
  { name: 'plain', buckets: [['0.1', 2], ['0.5', 6], ['1', 9], ['+Inf', 10]] },
  { name: 'non-monotonic', buckets: [['1', 5], ['2', 3], ['4', 8], ['+Inf', 10]] },
  { name: 'no-inf-bucket', buckets: [['1', 5], ['2', 9]] },
  { name: 'only-inf-bucket', buckets: [['+Inf', 9]] },
  { name: 'zero-count', buckets: [['1', 0], ['2', 0], ['+Inf', 0]] },
  { name: 'lowest-negative', buckets: [['-1', 4], ['0', 6], ['1', 9], ['+Inf', 10]] },
  { name: 'lowest-zero', buckets: [['0', 4], ['1', 9], ['+Inf', 10]] },
  { name: 'lowest-zero-empty', buckets: [['0', 0], ['1', 5], ['+Inf', 6]] },
  { name: 'same-le-spelled-twice', buckets: [['1', 3], ['1.0', 2], ['2', 8], ['+Inf', 9]] },
  { name: 'all-in-inf', buckets: [['1', 0], ['2', 0], ['+Inf', 7]] },
];
const STATIC_AT = 2 * M;
const STATIC_QUANTILES = ['-0.5', '0', '0.1', '0.5', '0.75', '1', '1.5', 'NaN'];

// ---- OpenMetrics ---------------------------------------------------------------------------------------

const seconds = (offsetMs) => ((BASE + offsetMs) / 1000).toFixed(3);
function openMetrics() {
  const lines = ['# TYPE fx_requests counter'];
  for (const c of counters) for (const [t, v] of c.samples) lines.push(`fx_requests_total{case="${c.name}"} ${v} ${seconds(t)}`);
  lines.push('# TYPE fx_latency_seconds histogram');
  for (const h of histograms) {
    for (const pod of h.pods) {
      for (const le of h.les) {
        for (let i = 0, t = 0; t <= 20 * M; i++, t += 15 * S) lines.push(`fx_latency_seconds_bucket{case="${h.name}",le="${le}",pod="${pod}"} ${h.count(pod, le, i)} ${seconds(t)}`);
      }
    }
  }
  lines.push('# TYPE fx_static gauge');
  for (const h of staticHistograms) for (const [le, n] of h.buckets) lines.push(`fx_static{case="${h.name}",le="${le}"} ${n} ${seconds(STATIC_AT)}`);
  lines.push('# EOF', '');
  return lines.join('\n');
}

// ---- Prometheus ------------------------------------------------------------------------------------------

async function freePort() {
  const srv = createServer();
  await new Promise((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address();
  await new Promise((r) => srv.close(r));
  return port;
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** JSON with one line per [time, value] pair, so the fixtures stay readable and diffable. */
const pretty = (value) => `${JSON.stringify(value, null, 1).replace(/\[\n\s*(-?[\d.e+]+),\n\s*(-?[\d.e+]+)\n\s*\]/g, '[$1, $2]')}\n`;

async function startPrometheus(dataDir, workDir) {
  const port = await freePort();
  const config = join(workDir, 'prometheus.yml');
  writeFileSync(config, 'global:\n  scrape_interval: 1h\n');
  const child = spawn('/usr/bin/prometheus', [
    `--config.file=${config}`, `--storage.tsdb.path=${dataDir}`, '--storage.tsdb.retention.time=100y',
    `--web.listen-address=127.0.0.1:${port}`, '--log.level=error',
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`prometheus exited: ${stderr}`);
    try {
      if ((await fetch(`${url}/-/ready`)).ok) return { url, child };
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error(`prometheus did not become ready: ${stderr}`);
}

/** The instant-query answer as [{labels, value}] with values kept as Prometheus's strings. */
async function query(url, expr, atMs) {
  const params = new URLSearchParams({ query: expr, time: ((BASE + atMs) / 1000).toFixed(3) });
  const res = await fetch(`${url}/api/v1/query?${params}`);
  const body = await res.json();
  if (body.status !== 'success') throw new Error(`${expr}: ${body.error}`);
  if (body.data.resultType === 'scalar') return [{ labels: {}, value: body.data.result[1] }];
  return body.data.result.map((r) => ({ labels: r.metric, value: r.value[1] }));
}
const single = (rows) => (rows.length === 0 ? null : rows[0].value);

// ---- Main --------------------------------------------------------------------------------------------

const work = mkdtempSync(join(tmpdir(), 'incident-promql-fixtures-'));
let prom;
try {
  const input = join(work, 'samples.om');
  writeFileSync(input, openMetrics());
  const data = join(work, 'data');
  execFileSync('/usr/bin/promtool', ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', input, data], { stdio: 'inherit' });
  prom = await startPrometheus(data, work);
  const version = execFileSync('/usr/bin/prometheus', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  const header = (what) => ({
    command: COMMAND,
    recordedWith: version,
    about: what,
    units: 'times are epoch milliseconds; values are Prometheus strings ("NaN", "+Inf" included); expected null means no result',
  });

  const rateCases = [];
  for (const c of counters) {
    const queries = [...(counterQueries[c.name] ?? []).map((q) => [...q, false]), ...(boundaryQueries[c.name] ?? []).map((q) => [...q, true])];
    const results = [];
    for (const [at, range, sampleOnRangeStart] of queries) {
      const sel = `fx_requests_total{case="${c.name}"}[${range / 1000}s]`;
      results.push({
        atMs: BASE + at, rangeMs: range, sampleOnRangeStart,
        rate: single(await query(prom.url, `rate(${sel})`, at)),
        increase: single(await query(prom.url, `increase(${sel})`, at)),
      });
    }
    rateCases.push({ name: c.name, samples: c.samples.map(([t, v]) => [BASE + t, v]), queries: results });
  }

  const quantileCases = [];
  for (const h of histograms) {
    const series = [];
    for (const pod of h.pods) {
      for (const le of h.les) {
        const samples = [];
        for (let i = 0, t = 0; t <= 20 * M; i++, t += 15 * S) samples.push([BASE + t, h.count(pod, le, i)]);
        series.push({ labels: { pod, le }, samples });
      }
    }
    const results = [];
    for (const [at, range] of histogramQueries) {
      const rates = `rate(fx_latency_seconds_bucket{case="${h.name}"}[${range / 1000}s])`;
      const summed = (await query(prom.url, `sum by (le) (${rates})`, at)).map((r) => ({ le: r.labels.le, value: r.value }));
      const quantiles = [];
      for (const q of QUANTILES) quantiles.push({ q, value: single(await query(prom.url, `histogram_quantile(${q}, sum by (le) (${rates}))`, at)) });
      results.push({ atMs: BASE + at, rangeMs: range, sumByLe: summed, quantiles });
    }
    quantileCases.push({ name: h.name, series, queries: results });
  }

  const staticCases = [];
  for (const h of staticHistograms) {
    const quantiles = [];
    for (const q of STATIC_QUANTILES) quantiles.push({ q, value: single(await query(prom.url, `histogram_quantile(${q}, fx_static{case="${h.name}"})`, STATIC_AT + 30 * S)) });
    staticCases.push({ name: h.name, buckets: h.buckets.map(([le, count]) => ({ le, count })), quantiles });
  }

  const out = join(root, 'test/fixtures/promql');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'rate.json'), pretty({
    ...header('rate() and increase() of counters, queried at atMs over [atMs - rangeMs, atMs]'),
    cases: rateCases,
  }));
  writeFileSync(join(out, 'histogram-quantile.json'), pretty({
    ...header('histogram_quantile(q, sum by (le) (rate(bucket[range]))) over scraped buckets, and histogram_quantile(q, buckets) over fixed buckets'),
    rated: quantileCases,
    fixed: staticCases,
  }));
  console.log(`wrote ${rateCases.length} rate cases, ${quantileCases.length} rated and ${staticCases.length} fixed histogram cases to ${out}`);
} finally {
  if (prom) {
    prom.child.kill('SIGTERM');
    await new Promise((r) => prom.child.once('exit', r));
  }
  rmSync(work, { recursive: true, force: true });
}
