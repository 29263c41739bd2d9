// Exposition parser throughput on a realistic 10,000-series body, with JSON.parse of a JSON document
// of the same byte size timed in the same run as the anchor.
// Usage: node bench/parse-exposition.mjs [rounds] [iterations per round]
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import * as esbuild from 'esbuild';

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const rounds = Number(process.argv[2] ?? 5);
const iterations = Number(process.argv[3] ?? 60);

const built = await esbuild.build({
  entryPoints: [resolve(root, 'src/model/exposition/exposition.ts')],
  bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'warning',
});
const { parseExposition } = await import(`data:text/javascript;base64,${Buffer.from(built.outputFiles[0].text).toString('base64')}`);

/** A body shaped like a busy service's /metrics: labelled counters, gauges and histograms. */
function makeBody(targetSeries) {
  const lines = [];
  let series = 0;
  const handlers = ['/api/v1/payments', '/api/v1/refunds', '/api/v1/customers', '/healthz', '/api/v1/invoices'];
  const methods = ['GET', 'POST', 'PUT', 'DELETE'];
  const codes = ['200', '201', '400', '404', '500', '503'];
  const les = ['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '10', '+Inf'];
  for (let family = 0; series < targetSeries; family++) {
    const pod = `payments-${(family * 7919) % 1000}-x${family % 17}`;
    lines.push(`# HELP http_requests_total_${family} Total HTTP requests handled by the service.`);
    lines.push(`# TYPE http_requests_total_${family} counter`);
    for (const handler of handlers) {
      for (const method of methods) {
        for (const code of codes.slice(0, 3)) {
          lines.push(`http_requests_total_${family}{code="${code}",handler="${handler}",method="${method}",pod="${pod}"} ${(family * 1000 + series * 13) % 9999991}`);
          series++;
        }
      }
    }
    lines.push(`# HELP http_request_duration_seconds_${family} Request latency.`);
    lines.push(`# TYPE http_request_duration_seconds_${family} histogram`);
    for (const handler of handlers) {
      let cumulative = 0;
      for (const le of les) {
        cumulative += (series * 31) % 500;
        lines.push(`http_request_duration_seconds_${family}_bucket{handler="${handler}",pod="${pod}",le="${le}"} ${cumulative}`);
        series++;
      }
      lines.push(`http_request_duration_seconds_${family}_sum{handler="${handler}",pod="${pod}"} ${(cumulative * 0.0421).toFixed(4)}`);
      lines.push(`http_request_duration_seconds_${family}_count{handler="${handler}",pod="${pod}"} ${cumulative}`);
      series += 2;
    }
    lines.push(`# TYPE process_resident_memory_bytes_${family} gauge`);
    lines.push(`process_resident_memory_bytes_${family}{pod="${pod}"} ${1.234e8 + family}`);
    series++;
  }
  return { body: lines.join('\n') + '\n', series };
}

/** A JSON document of about `bytes` bytes shaped like the same samples. */
function makeJson(bytes) {
  const items = [];
  let size = 2;
  for (let i = 0; size < bytes; i++) {
    const item = JSON.stringify({ name: `http_requests_total_${i % 97}`, labels: { code: '200', handler: '/api/v1/payments', method: 'GET', pod: `payments-${i % 1000}` }, value: i * 13 });
    items.push(item);
    size += item.length + 1;
  }
  return `[${items.join(',')}]`;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const time = (fn) => {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
};

const { body, series } = makeBody(10_000);
const json = makeJson(Buffer.byteLength(body));
const check = parseExposition(body, 'text/plain; version=0.0.4');
if (check.errors.length > 0 || check.samples.length !== series) {
  throw new Error(`generated body did not parse cleanly: ${check.samples.length} samples, ${JSON.stringify(check.errors.slice(0, 3))}`);
}
for (let i = 0; i < 30; i++) {
  parseExposition(body);
  JSON.parse(json);
}

const parseMedians = [];
const jsonMedians = [];
const allParse = [];
for (let r = 0; r < rounds; r++) {
  const p = [];
  const j = [];
  for (let i = 0; i < iterations; i++) {
    p.push(time(() => parseExposition(body)));
    j.push(time(() => JSON.parse(json)));
  }
  parseMedians.push(median(p));
  jsonMedians.push(median(j));
  allParse.push(...p);
  console.log(`round ${r + 1}: parseExposition median ${median(p).toFixed(2)} ms p95 ${p95(p).toFixed(2)} ms | JSON.parse median ${median(j).toFixed(2)} ms`);
}
const mb = Buffer.byteLength(body) / 1e6;
const pm = median(parseMedians);
const jm = median(jsonMedians);
console.log(`body: ${series} series, ${Buffer.byteLength(body)} bytes; JSON anchor ${Buffer.byteLength(json)} bytes`);
console.log(`machine: ${cpus().length} cpus, ${cpus()[0]?.model ?? 'unknown'}, node ${process.version}`);
console.log(`parseExposition: median ${pm.toFixed(2)} ms, p95 ${p95(allParse).toFixed(2)} ms, ${(mb / (pm / 1000)).toFixed(0)} MB/s`);
console.log(`JSON.parse anchor: median ${jm.toFixed(2)} ms, ${(mb / (jm / 1000)).toFixed(0)} MB/s`);
console.log(`ratio parseExposition / JSON.parse: ${(pm / jm).toFixed(2)}`);
