// The demo's fake Prometheus: the demo profile's queries in Prometheus's JSON shapes, anything else a bad_data 400.
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { demoAlerts } from '../../src/demo/alert-sim.js';
import { answerLabelValues, answerQuery, answerQueryRange, parseStep, parseTime } from '../../src/demo/prom-answer.js';
import { matches, parseDemoQuery, parseMatchers } from '../../src/demo/prom-selectors.js';
import { DemoSimulation } from '../../src/demo/simulation.js';
import { loadProfile } from '../../src/config/load-profile.js';
import { expandQuery } from '../../src/config/template.js';
import { fleetExposition } from '../../src/demo/exposition-text.js';
import { parseExposition } from '../../src/model/exposition/exposition.js';
import { histogramQuantile } from '../../src/model/promql/histogram-quantile.js';
import { splitQuantileQuery } from '../../src/model/promql/quantile-query.js';

const START = Date.UTC(2026, 10, 22, 14, 30, 0);
const NOW_S = START / 1000;
const sim = new DemoSimulation(START);
const params = (p: Record<string, string | string[]>) => {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) for (const one of Array.isArray(v) ? v : [v]) out.append(k, one);
  return out;
};

async function demoQueries(stepMs: number) {
  const profile = await loadProfile({ name: 'demo', cwd: tmpdir(), env: { INCIDENT_DEMO_URL: 'http://127.0.0.1:1' } });
  const vars = { service: 'payments', windowMs: profile.windowMs, stepMs, scrapeIntervalMs: profile.scrapeIntervalMs };
  return { errorRate: expandQuery(profile.queries.errorRate, vars), p99: expandQuery(profile.queries.p99, vars) };
}

describe('parseDemoQuery', () => {
  it('recognises the shipped demo profile\'s error-rate and p99 queries once expanded', async () => {
    const q = await demoQueries(10_000);
    expect(parseDemoQuery(q.errorRate)).toMatchObject({ kind: 'error_ratio', by: [], rangeS: 60 });
    expect(parseDemoQuery(q.p99)).toMatchObject({ kind: 'quantile', q: 0.99, by: ['pod'], rangeS: 60 });
  });

  it.each(['up', 'sum(rate(http_requests_total[5m]))', 'rate(foo{a="b"}[1m]) / rate(bar[1m])', ''])('refuses %j', (q) => {
    expect(parseDemoQuery(q)).toBeNull();
  });

  it('matches labels with anchored regular expressions and escaped values', () => {
    const ms = parseMatchers('service="pay\\"ments",status=~"5..",pod!~"x.*"');
    expect(ms).toEqual([
      { label: 'service', op: '=', value: 'pay"ments' },
      { label: 'status', op: '=~', value: '5..' },
      { label: 'pod', op: '!~', value: 'x.*' },
    ]);
    expect(matches({ service: 'pay"ments', status: '503', pod: 'a' }, ms)).toBe(true);
    expect(matches({ service: 'pay"ments', status: '1503', pod: 'a' }, ms)).toBe(false);
  });
});

describe('answers', () => {
  it('answers query_range with a matrix of [seconds, "value"] points that rise after the deploy', async () => {
    const q = await demoQueries(15_000);
    const a = answerQueryRange(sim, params({ query: q.errorRate, start: String(NOW_S - 900), end: String(NOW_S), step: '15' }));
    expect(a.status).toBe(200);
    const doc = JSON.parse(a.body);
    expect(doc.status).toBe('success');
    expect(doc.data.resultType).toBe('matrix');
    expect(doc.data.result).toHaveLength(1);
    const { metric, values } = doc.data.result[0];
    expect(metric).toEqual({});
    expect(values).toHaveLength(61);
    expect(values[0][0]).toBe(NOW_S - 900);
    expect(typeof values[0][1]).toBe('string');
    expect(Number(values[0][1])).toBeLessThan(0.01);
    expect(Number(values[values.length - 1][1])).toBeGreaterThan(0.05);
  });

  it('answers the p99 instant query with one sample per payments pod, the hot pod over the SLO', async () => {
    const q = await demoQueries(15_000);
    const doc = JSON.parse(answerQuery(sim, params({ query: q.p99, time: String(NOW_S) }), NOW_S).body);
    expect(doc.data.resultType).toBe('vector');
    const byPod = new Map(doc.data.result.map((r: { metric: { pod: string }; value: [number, string] }) => [r.metric.pod, Number(r.value[1])]));
    expect([...byPod.keys()].sort()).toEqual(['payments-7c9f-a', 'payments-7c9f-b', 'payments-hot-1']);
    expect(byPod.get('payments-hot-1')).toBeGreaterThan(0.5);
    expect(byPod.get('payments-7c9f-a')).toBeLessThan(0.5);
  });

  it('answers the p99 query\'s inner expression with each pod\'s bucket rates, from which the same p99 follows', async () => {
    const q = await demoQueries(15_000);
    const inner = splitQuantileQuery(q.p99)!.inner;
    expect(parseDemoQuery(inner)).toMatchObject({ kind: 'buckets', by: ['pod'] });
    const at = String(NOW_S + 1200);
    const rows = JSON.parse(answerQuery(sim, params({ query: inner, time: at }), NOW_S).body).data.result as Array<{ metric: Record<string, string>; value: [number, string] }>;
    const p99 = JSON.parse(answerQuery(sim, params({ query: q.p99, time: at }), NOW_S).body).data.result as Array<{ metric: { pod: string }; value: [number, string] }>;
    expect(new Set(rows.map((r) => r.metric.le))).toContain('+Inf');
    for (const want of p99) {
      const mine = rows.filter((r) => r.metric.pod === want.metric.pod).map((r) => ({ le: Number(r.metric.le.replace('+Inf', 'Infinity')), count: Number(r.value[1]) }));
      expect(histogramQuantile(0.99, mine)).toBeCloseTo(Number(want.value[1]), 9);
    }
  });

  it('groups the error ratio by service when the query says so', () => {
    const query = 'sum by (service) (rate(http_requests_total{status=~"5.."}[1m])) / sum by (service) (rate(http_requests_total[1m]))';
    const doc = JSON.parse(answerQuery(sim, params({ query }), NOW_S).body);
    expect(doc.data.result.map((r: { metric: { service: string } }) => r.metric.service).sort()).toEqual(['checkout', 'payments', 'search']);
  });

  it.each([
    [{ query: 'up' }, 'the demo server only answers'],
    [{ query: 'histogram_quantile(0.99, rate(http_request_duration_seconds_bucket{}[1m]))', start: 'x', end: '1', step: '1' }, 'invalid parameter "start"'],
    [{ query: 'histogram_quantile(0.99, rate(http_request_duration_seconds_bucket{}[1m]))', start: '0', end: '20000', step: '1' }, 'exceeded maximum resolution'],
    [{ query: 'histogram_quantile(0.99, rate(http_request_duration_seconds_bucket{}[1m]))', start: '0', end: '10', step: '0' }, 'invalid parameter "step"'],
  ])('refuses %j with a Prometheus-shaped 400', (p, message) => {
    const a = answerQueryRange(sim, params(p as Record<string, string>));
    expect(a.status).toBe(400);
    const doc = JSON.parse(a.body);
    expect(doc).toMatchObject({ status: 'error', errorType: 'bad_data' });
    expect(doc.error).toContain(message);
  });

  it('lists label values, restricted by match[]', () => {
    const all = JSON.parse(answerLabelValues(sim, 'service', params({}), NOW_S).body);
    expect(all).toEqual({ status: 'success', data: ['checkout', 'payments', 'search'] });
    const pods = JSON.parse(answerLabelValues(sim, 'pod', params({ 'match[]': 'http_requests_total{service="search"}' }), NOW_S).body);
    expect(pods.data).toHaveLength(4);
    expect(answerLabelValues(sim, 'pod', params({ 'match[]': '{{' }), NOW_S).status).toBe(400);
  });

  it('reads times as seconds or RFC 3339 and steps as seconds or durations', () => {
    expect(parseTime('1795357757.5', 0)).toBe(1795357757.5);
    expect(parseTime('2026-11-22T14:30:00Z', 0)).toBe(NOW_S);
    expect(parseTime(null, 7)).toBe(7);
    expect(parseTime('soon', 0)).toBeNull();
    expect([parseStep('15'), parseStep('1m'), parseStep('0'), parseStep('x')]).toEqual([15, 60, null, null]);
  });
});

describe('demoAlerts', () => {
  it('has the loki sink alert firing at the start and HighErrorRate for payments pending, then firing', () => {
    expect(demoAlerts(sim, sim.timeline.deployMs / 1000 - 1).map((a) => a.labels.alertname)).toEqual(['VectorSinkDiscarding']);
    const later = demoAlerts(sim, NOW_S + 300);
    const high = later.find((a) => a.labels.alertname === 'HighErrorRate')!;
    expect(high).toMatchObject({ state: 'firing', labels: { service: 'payments' } });
    expect(high.activeSinceS).toBeGreaterThan(sim.timeline.deployMs / 1000);
    expect(high.activeSinceS).toBeLessThanOrEqual(NOW_S);
    const doc = JSON.parse(answerQuery(sim, params({ query: 'ALERTS_FOR_STATE', time: String(NOW_S + 300) }), NOW_S).body);
    expect(doc.data.result.map((r: { value: [number, string] }) => Number(r.value[1]))).toContain(high.activeSinceS);
  });
});

describe('the query API and the /metrics exposition', () => {
  it('tell the same story: error ratio and p99 per pod from two scrapes a minute apart match the API within 1%', () => {
    const [a, b] = [NOW_S - 60, NOW_S].map((t) => parseExposition(fleetExposition(sim, t * 1000)).samples);
    const inc = (pred: (s: (typeof a)[number]) => boolean) => {
      const before = new Map(a.filter(pred).map((s) => [JSON.stringify(s.labels), s.value]));
      return b.filter(pred).map((s) => ({ labels: s.labels, value: s.value - (before.get(JSON.stringify(s.labels)) ?? 0) }));
    };
    const requests = inc((s) => s.name === 'http_requests_total' && s.labels.service === 'payments');
    const scraped = requests.filter((r) => r.labels.status.startsWith('5')).reduce((x, r) => x + r.value, 0) / requests.reduce((x, r) => x + r.value, 0);
    const ratio = 'sum(rate(http_requests_total{service="payments",status=~"5.."}[60s])) / sum(rate(http_requests_total{service="payments"}[60s]))';
    const api = Number(JSON.parse(answerQuery(sim, params({ query: ratio, time: String(NOW_S) }), NOW_S).body).data.result[0].value[1]);
    expect(scraped).toBeGreaterThan(0.05);
    expect(Math.abs(scraped - api) / api).toBeLessThan(0.01);
    const buckets = inc((s) => s.name === 'http_request_duration_seconds_bucket' && s.labels.pod === 'payments-hot-1');
    const scrapedP99 = histogramQuantile(0.99, buckets.map((x) => ({ le: x.labels.le === '+Inf' ? Infinity : Number(x.labels.le), count: x.value })));
    const p99 = 'histogram_quantile(0.99, sum by (le, pod) (rate(http_request_duration_seconds_bucket{service="payments"}[60s])))';
    const answer = JSON.parse(answerQuery(sim, params({ query: p99, time: String(NOW_S) }), NOW_S).body).data.result;
    const apiP99 = Number(answer.find((r: { metric: { pod: string } }) => r.metric.pod === 'payments-hot-1').value[1]);
    expect(Math.abs(scrapedP99 - apiP99) / apiP99).toBeLessThan(0.01);
  });
});
