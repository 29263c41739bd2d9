// The Prometheus source marks a p99 stuck at its histogram's highest finite bucket as a floor: it asks the p99
// query's inner expression for the bucket bounds once a minute per scope, never holds the bars long for them, and a
// failed answer keeps what was known.
import { afterEach, describe, expect, it } from 'vitest';
import { resolveProfile } from '../../../src/config/resolve-profile.js';
import type { SamplesEvent, SourceEvent, StatusEvent } from '../../../src/model/console-state/events.js';
import type { InstantSample } from '../../../src/model/promql/prom-response.js';
import { FetchError } from '../../../src/sources/http-get.js';
import type { PrometheusApi, PromResult } from '../../../src/sources/metrics/prometheus-api.js';
import { prometheusSource } from '../../../src/sources/metrics/prometheus-source.js';
import type { QueryScope } from '../../../src/sources/metrics/query-scope.js';
import type { PolledSource } from '../../../src/sources/source.js';
import { FakeClock } from '../../runtime/fake-clock.js';
import { waitFor } from '../collect-events.js';

const INNER = 'sum by (le, pod) (rate(d_bucket{service="payments"}[20s]))';

/** hot is past the top bucket (2.5 s), calm is not, and fresh has no buckets in the inner answer yet. */
class BucketApi {
  readonly instants: string[] = [];
  failInner = false;
  /** Answers the inner expression with no series this many times first (a Prometheus with no samples yet). */
  innerEmpty = 0;
  /** While set, the inner expression's answer waits for it. */
  innerGate: Promise<void> | null = null;
  async queryRange(_q: string, start: number, end: number): Promise<PromResult<Array<{ labels: Record<string, string>; points: Array<[number, number | null]> }>>> {
    return { data: [{ labels: {}, points: [[start, 0.01], [end, 0.02]] }], warnings: [], latencyMs: 5 };
  }
  async query(query: string): Promise<PromResult<InstantSample[]>> {
    this.instants.push(query);
    if (query.startsWith('histogram_quantile')) {
      return { data: [{ labels: { pod: 'hot' }, value: 2.5 }, { labels: { pod: 'calm' }, value: 0.45 }, { labels: { pod: 'fresh' }, value: 2.5 }], warnings: [], latencyMs: 5 };
    }
    if (query.startsWith('sum by (le')) {
      if (this.innerGate) await this.innerGate;
      if (this.failInner) throw new FetchError('INC_HTTP_FAILED', 'cannot evaluate');
      if (this.innerEmpty > 0 && this.innerEmpty--) return { data: [], warnings: [], latencyMs: 5 };
      const le = (pod: string, pairs: Array<[string, number]>) => pairs.map(([b, value]) => ({ labels: { le: b, pod }, value }));
      return {
        data: [...le('hot', [['0.5', 50], ['2.5', 98], ['+Inf', 100]]), ...le('calm', [['0.5', 99.5], ['2.5', 100], ['+Inf', 100]])],
        warnings: [], latencyMs: 5,
      };
    }
    return { data: [{ labels: {}, value: 0.02 }], warnings: [], latencyMs: 5 };
  }
  async labelValues(): Promise<PromResult<string[]>> {
    return { data: [], warnings: [], latencyMs: 1 };
  }
  inner = () => this.instants.filter((q) => q.startsWith('sum by (le'));
}

const profileFor = (q: string) => resolveProfile({
  prometheus: { url: 'http://prometheus.invalid' }, refresh: 6000, scrape_interval: 5000,
  queries: { error_rate: 'ERR', p99: `histogram_quantile(${q}, sum by (le, pod) (rate(d_bucket{service="$service"}[$rate_interval])))` },
}, 't', '(test)');
const T = Math.floor(Date.UTC(2026, 11, 7, 4, 0) / 8000) * 8000;

let running: PolledSource | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

const bars = (events: SourceEvent[]) => events.filter((e): e is SamplesEvent => e.type === 'samples' && e.panel === 'p99');
const statuses = (events: SourceEvent[]) => events.filter((e): e is StatusEvent => e.type === 'status');
/** The newest p99 bars as [pod, seconds, floor]. */
const newest = (events: SourceEvent[]) => bars(events).at(-1)?.series.map((s) => [s.labels.pod, s.points[0][1], s.atLeast === true]);

const service: QueryScope = { service: 'payments', windowMs: 900_000, columns: 110 };

async function run(api: BucketApi, offsets: number[], scopeAt: (i: number) => QueryScope = () => service, q = '0.99') {
  const clock = new FakeClock(T + offsets[0]);
  const events: SourceEvent[] = [];
  let i = 0;
  running = prometheusSource(profileFor(q), () => scopeAt(i), clock, api as unknown as PrometheusApi);
  running.start((e) => events.push(e));
  for (; i < offsets.length; i++) {
    if (i > 0) clock.advance(offsets[i] - offsets[i - 1]);
    await waitFor(() => bars(events).length > i && statuses(events).length > i + 1, `round ${i + 1}`);
  }
  return events;
}

describe('a p99 past the highest bucket, through Prometheus', () => {
  it('marks the pods at their highest finite bound, and a pod the bounds do not know yet by the shared layout', async () => {
    const api = new BucketApi();
    const events = await run(api, [1_000]);
    expect(api.inner()).toEqual([INNER]);
    expect(newest(events)).toEqual([['fresh', 2.5, true], ['hot', 2.5, true], ['calm', 0.45, false]]);
    expect(statuses(events).at(-1)?.state).toBe('up');
  });

  it('asks for the bounds once a minute, at once for another scope, and not again for one it knows', async () => {
    const api = new BucketApi();
    // A round every 6 s from 1 s to 67 s: the bounds asked at 1 s are kept until 61 s.
    await run(api, Array.from({ length: 12 }, (_, i) => 1_000 + i * 6_000));
    expect(api.inner()).toHaveLength(2);
    await running?.stop();
    const pods = new BucketApi();
    await run(pods, [1_000, 7_000, 13_000], (i) => ({ ...service, pod: i === 1 ? 'hot' : undefined }));
    expect(pods.inner()).toEqual([INNER, 'sum by (le, pod) (rate(d_bucket{service="payments",pod="hot"}[20s]))']);
  });

  it('asks again at once when the bars name series the bounds read earlier did not hold, and not every round after', async () => {
    const api = new BucketApi();
    api.innerEmpty = 1;
    const events = await run(api, [1_000, 7_000, 13_000, 19_000]);
    expect(api.inner()).toEqual([INNER, INNER]);
    const marks = bars(events).map((e) => e.series.map((x) => [x.labels.pod, x.atLeast === true]));
    // The first round's bounds were asked at the same moment as its bars: they are what Prometheus had then.
    expect(marks[0]).toEqual([['fresh', false], ['hot', false], ['calm', false]]);
    for (const m of marks.slice(1)) expect(m).toEqual([['fresh', true], ['hot', true], ['calm', false]]);
  });

  it('marks nothing when the bounds cannot be had, keeps the source up, and asks again only after 12 rounds', async () => {
    const api = new BucketApi();
    api.failInner = true;
    const events = await run(api, Array.from({ length: 14 }, (_, i) => 1_000 + i * 6_000));
    expect(newest(events)).toEqual([['fresh', 2.5, false], ['hot', 2.5, false], ['calm', 0.45, false]]);
    expect(statuses(events).at(-1)?.state).toBe('up');
    expect(api.inner()).toHaveLength(2);
  });

  it('keeps the bounds it had when asking again fails', async () => {
    const api = new BucketApi();
    let fail = false;
    const events = await run(api, Array.from({ length: 12 }, (_, i) => 1_000 + i * 6_000), () => {
      api.failInner = fail;
      fail = true;
      return service;
    });
    expect(api.inner()).toHaveLength(2);
    expect(newest(events)).toEqual([['fresh', 2.5, true], ['hot', 2.5, true], ['calm', 0.45, false]]);
  });

  it('draws the bars unmarked after half a second when the bounds are slow, and marks them once the answer is in', async () => {
    const api = new BucketApi();
    let release = () => undefined as void;
    api.innerGate = new Promise<void>((r) => (release = r));
    const clock = new FakeClock(T + 1_000);
    const events: SourceEvent[] = [];
    running = prometheusSource(profileFor('0.99'), () => service, clock, api as unknown as PrometheusApi);
    running.start((e) => events.push(e));
    await waitFor(() => api.inner().length === 1, 'bounds asked');
    await new Promise((r) => setTimeout(r, 20));
    expect(bars(events)).toHaveLength(0);
    clock.advance(500);
    await waitFor(() => bars(events).length === 1, 'bars without bounds');
    expect(newest(events)).toEqual([['fresh', 2.5, false], ['hot', 2.5, false], ['calm', 0.45, false]]);
    release();
    await new Promise((r) => setTimeout(r, 10));
    clock.advance(6_000);
    await waitFor(() => bars(events).length === 2, 'round 2');
    expect(newest(events)).toEqual([['fresh', 2.5, true], ['hot', 2.5, true], ['calm', 0.45, false]]);
    expect(api.inner()).toHaveLength(1);
  });

  it('asks nothing more for histogram_quantile(1, ...), whose answer is the highest non-empty bucket whatever the tail', async () => {
    const api = new BucketApi();
    const events = await run(api, [1_000], () => service, '1');
    expect(api.inner()).toEqual([]);
    expect(newest(events)?.every(([, , floor]) => floor === false)).toBe(true);
  });
});
