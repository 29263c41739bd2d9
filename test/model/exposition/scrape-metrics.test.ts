import { describe, expect, it } from 'vitest';
import { parseExposition } from '../../../src/model/exposition/exposition.js';
import { MAX_SCRAPE_SERIES, ScrapeMetrics } from '../../../src/model/exposition/scrape-metrics.js';

const names = { requestsMetric: 'http_requests_total', statusLabel: 'status', errorStatus: '5..', durationMetric: 'http_request_duration_seconds', serviceLabel: 'service', podLabel: 'pod' };
const T0 = 1_795_357_000_000;

function body(seconds: number): string {
  const ok = 95 * seconds;
  const bad = 5 * seconds;
  return [
    `http_requests_total{service="payments",pod="p-1",status="200"} ${ok}`,
    `http_requests_total{service="payments",pod="p-1",status="503"} ${bad}`,
    `http_requests_total{service="checkout",pod="c-1",status="200"} ${ok}`,
    `http_request_duration_seconds_bucket{service="payments",pod="p-1",le="0.1"} ${50 * seconds}`,
    `http_request_duration_seconds_bucket{service="payments",pod="p-1",le="1"} ${100 * seconds}`,
    `http_request_duration_seconds_bucket{service="payments",pod="p-1",le="+Inf"} ${100 * seconds}`,
  ].join('\n') + '\n';
}

describe('ScrapeMetrics', () => {
  const q = { service: 'payments', startMs: T0, endMs: T0 + 60_000, stepMs: 15_000, rateIntervalMs: 60_000, topK: 5 };

  it('has no rate after one scrape', () => {
    const m = new ScrapeMetrics(names, 100);
    m.ingest(parseExposition(body(10)).samples, T0 + 60_000, 't');
    expect(m.hasRates()).toBe(false);
    expect(m.errorRate(q)[0].points.every(([, v]) => v === null)).toBe(true);
  });

  it('gives the error ratio per step and p99 per pod from two scrapes, across a counter reset', () => {
    const m = new ScrapeMetrics(names, 100);
    m.ingest(parseExposition(body(10)).samples, T0 + 30_000, 't');
    m.ingest(parseExposition(body(40)).samples, T0 + 45_000, 't');
    m.ingest(parseExposition(body(5)).samples, T0 + 60_000, 't');
    expect(m.hasRates()).toBe(true);
    const [series] = m.errorRate(q);
    expect(series.labels).toEqual({ service: 'payments' });
    expect(series.points.at(-1)?.[0]).toBe((T0 + 60_000) / 1000);
    expect(series.points.at(-1)?.[1]).toBeCloseTo(0.05, 9);
    // Half the requests are under 0.1 s, all under 1 s: the 0.99 quantile interpolates to 0.982 in the (0.1, 1] bucket.
    const [bar] = m.p99ByPod(q);
    expect(bar.labels).toEqual({ pod: 'p-1' });
    expect(bar.points[0][1]).toBeCloseTo(0.1 + 0.9 * 0.98, 9);
    expect(m.services()).toEqual(['checkout', 'payments']);
  });

  it('names the trace of an exemplar in the bucket the p99 falls in, the nearest bucket above otherwise, and none when stale', () => {
    const scrape = (n: number, exemplars: Record<string, string>) => ['0.1', '1', '2.5', '+Inf']
      .map((le) => `http_request_duration_seconds_bucket{service="payments",pod="p-1",le="${le}"} ${le === '0.1' ? n / 2 : n}${exemplars[le] ?? ''}`)
      .join('\n') + '\n# EOF\n';
    const at = (T0 + 59_000) / 1000;
    const m = new ScrapeMetrics(names, 100);
    m.ingest(parseExposition(scrape(10, {}), 'application/openmetrics-text; version=1.0.0').samples, T0 + 30_000, 't');
    m.ingest(parseExposition(scrape(40, {
      '0.1': ` # {trace_id="fast"} 0.05 ${at}`, '1': ` # {trace_id="in-bucket"} 0.9 ${at}`, '2.5': ` # {traceID="slower"} 2.0 ${at}`,
    }), 'application/openmetrics-text; version=1.0.0').samples, T0 + 60_000, 't');
    expect(m.p99ByPod(q)[0].exemplar).toEqual({ traceId: 'in-bucket', value: 0.9, at: T0 + 59_000 });

    // Without one in the p99's own bucket, the nearest above speaks for it; one below never does.
    const above = new ScrapeMetrics(names, 100);
    above.ingest(parseExposition(scrape(10, {}), 'application/openmetrics-text; version=1.0.0').samples, T0 + 30_000, 't');
    above.ingest(parseExposition(scrape(40, { '0.1': ` # {trace_id="fast"} 0.05 ${at}`, '2.5': ` # {traceID="slower"} 2.0 ${at}` }), 'application/openmetrics-text; version=1.0.0').samples, T0 + 60_000, 't');
    expect(above.p99ByPod(q)[0].exemplar?.traceId).toBe('slower');

    const stale = new ScrapeMetrics(names, 100);
    stale.ingest(parseExposition(scrape(10, {}), 'application/openmetrics-text; version=1.0.0').samples, T0 + 30_000, 't');
    stale.ingest(parseExposition(scrape(40, { '1': ` # {trace_id="old"} 0.9 ${(T0 - 600_000) / 1000}` }), 'application/openmetrics-text; version=1.0.0').samples, T0 + 60_000, 't');
    expect(stale.p99ByPod(q)[0].exemplar).toBeUndefined();
  });

  it('marks a p99 past the highest bucket as a floor, with a trace from the +Inf bucket only', () => {
    // Of n requests, 0.97 n are under 2.5 s: the 0.99 quantile is in +Inf, answered 2.5.
    const scrape = (n: number, exemplars: Record<string, string>, under: number) => (['1', '2.5', '+Inf'] as const)
      .map((le) => `http_request_duration_seconds_bucket{service="payments",pod="p-1",le="${le}"} ${le === '1' ? n / 2 : le === '2.5' ? under * n : n}${exemplars[le] ?? ''}`)
      .join('\n') + '\n# EOF\n';
    const at = (T0 + 59_000) / 1000;
    const read = (exemplars: Record<string, string>, under = 0.97) => {
      const m = new ScrapeMetrics(names, 100);
      m.ingest(parseExposition(scrape(100, {}, under), 'application/openmetrics-text; version=1.0.0').samples, T0 + 30_000, 't');
      m.ingest(parseExposition(scrape(400, exemplars, under), 'application/openmetrics-text; version=1.0.0').samples, T0 + 60_000, 't');
      return m.p99ByPod(q)[0];
    };
    const slow = ` # {trace_id="tail"} 31.5 ${at}`;
    const bar = read({ '2.5': ` # {trace_id="under"} 2.4 ${at}`, '+Inf': slow });
    expect(bar.points[0][1]).toBe(2.5);
    expect(bar.atLeast).toBe(true);
    expect(bar.exemplar?.traceId).toBe('tail');
    // A request under 2.5 s is not behind "at least 2.5 s".
    expect(read({ '2.5': ` # {trace_id="under"} 2.4 ${at}` }).exemplar).toBeUndefined();
    // In the highest finite bucket it is a reading, not a floor, even when exactly 1% are above that bound.
    const inside = read({}, 0.995);
    expect(inside.points[0][1]).toBeCloseTo(1 + 1.5 * (0.49 / 0.495), 9);
    expect(inside.atLeast).toBeUndefined();
    const edge = read({}, 0.99);
    expect(edge.points[0][1]).toBeCloseTo(2.5, 9);
    expect(edge.atLeast).toBeUndefined();
  });

  it('keeps pods with equal p99 in one order, whatever order the target lists them in', () => {
    const bucket = (pod: string, n: number) => [0.1, 1, '+Inf'].map((le) => `http_request_duration_seconds_bucket{service="payments",pod="${pod}",le="${le}"} ${n}`);
    const scrape = (pods: string[], n: number) => `${pods.flatMap((p) => bucket(p, n)).join('\n')}\n`;
    for (const order of [['p-c', 'p-a', 'p-b'], ['p-b', 'p-c', 'p-a']]) {
      const m = new ScrapeMetrics(names, 100);
      m.ingest(parseExposition(scrape(order, 10)).samples, T0 + 30_000, 't');
      m.ingest(parseExposition(scrape(order, 40)).samples, T0 + 60_000, 't');
      expect(m.p99ByPod(q).map((s) => s.labels.pod)).toEqual(['p-a', 'p-b', 'p-c']);
    }
  });

    it('scopes to a pod and ignores series over the cap', () => {
    const m = new ScrapeMetrics(names, 4);
    const many = Array.from({ length: MAX_SCRAPE_SERIES + 3 }, (_, i) => ({ name: 'http_requests_total', labels: { service: 'x', pod: `p${i}`, status: '200' }, value: 1 }));
    m.ingest(many, T0, 't');
    expect(m.refused).toBe(3);
    expect(m.errorRate({ ...q, pod: 'nope' })).toEqual([]);
  });
});
