// The Prometheus source's requests, against an injected client: range bounds on step multiples for any now, the
// newest value from an instant query at now, and the step coarsened while Prometheus is slow and restored after.
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

type Call = { kind: 'range'; query: string; start: number; end: number; step: number } | { kind: 'instant'; query: string; time: number };

/** Answers every query at once with fixed data; range queries take `rangeLatencyMs` by their own account. */
class FakeApi {
  readonly calls: Call[] = [];
  rangeLatencyMs = 20;
  failRange: Error | null = null;
  failInstantFor: string | null = null;
  /** Ranges answer no series; instant queries for the error rate answer these. */
  emptyRange = false;
  errorNow: InstantSample[] | null = null;
  async queryRange(query: string, start: number, end: number, step: number): Promise<PromResult<Array<{ labels: Record<string, string>; points: Array<[number, number | null]> }>>> {
    this.calls.push({ kind: 'range', query, start, end, step });
    if (this.failRange) throw this.failRange;
    if (this.emptyRange) return { data: [], warnings: [], latencyMs: this.rangeLatencyMs };
    return { data: [{ labels: {}, points: [[start, 0.01], [end, 0.02]] }], warnings: [], latencyMs: this.rangeLatencyMs };
  }
  async query(query: string, time: number): Promise<PromResult<InstantSample[]>> {
    this.calls.push({ kind: 'instant', query, time });
    if (this.failInstantFor && query.includes(this.failInstantFor)) throw new FetchError('INC_HTTP_FAILED', 'boom');
    if (this.errorNow && query.includes('ERR')) return { data: this.errorNow, warnings: [], latencyMs: 5 };
    return { data: [{ labels: query.includes('ERR') ? {} : { pod: 'p-1' }, value: 0.07 }], warnings: [], latencyMs: 5 };
  }
  async labelValues(): Promise<PromResult<string[]>> {
    return { data: [], warnings: [], latencyMs: 1 };
  }
  ranges = () => this.calls.filter((c): c is Extract<Call, { kind: 'range' }> => c.kind === 'range');
  instants = () => this.calls.filter((c): c is Extract<Call, { kind: 'instant' }> => c.kind === 'instant');
}

// 900 s over 110 columns: an 8 s step.
const scope: QueryScope = { service: 'payments', windowMs: 900_000, columns: 110 };
const profile = resolveProfile({ prometheus: { url: 'http://prometheus.invalid' }, refresh: 6000, scrape_interval: 5000, queries: { error_rate: 'ERR[$rate_interval]', p99: 'P99' } }, 't', '(test)');
const T = Math.floor(Date.UTC(2026, 11, 6, 4, 40) / 8000) * 8000;

let running: PolledSource | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

function start(api: FakeApi, clock: FakeClock): SourceEvent[] {
  const events: SourceEvent[] = [];
  running = prometheusSource(profile, () => scope, clock, api as unknown as PrometheusApi);
  running.start((e) => events.push(e));
  return events;
}
const errorRates = (events: SourceEvent[]) => events.filter((e): e is SamplesEvent => e.type === 'samples' && e.panel === 'error_rate');
const statuses = (events: SourceEvent[]) => events.filter((e): e is StatusEvent => e.type === 'status');

/** Runs rounds at the given clock offsets (ms after T) and returns the source's events. */
async function rounds(api: FakeApi, offsets: number[]): Promise<{ events: SourceEvent[]; clock: FakeClock }> {
  const clock = new FakeClock(T + offsets[0]);
  const events = start(api, clock);
  for (let i = 0; i < offsets.length; i++) {
    if (i > 0) clock.advance(offsets[i] - offsets[i - 1]);
    await waitFor(() => errorRates(events).length + statuses(events).filter((s) => s.state === 'down').length > i, `round ${i + 1}`);
    await waitFor(() => statuses(events).length > i + 1, `status of round ${i + 1}`);
  }
  return { events, clock };
}

describe('prometheusSource requests', () => {
  it('asks for a range whose start and end are multiples of the step, the same one for every refresh within a step', async () => {
    const api = new FakeApi();
    await rounds(api, [1_234, 7_234, 13_234, 19_234, 25_234]);
    const tS = T / 1000;
    expect(api.ranges().map((r) => [r.start - tS, r.end - tS, r.step])).toEqual([
      [-904, 0, 8], [-904, 0, 8], [-896, 8, 8], [-888, 16, 8], [-880, 24, 8],
    ]);
    for (const r of api.ranges()) {
      expect(r.start % 8).toBe(0);
      expect(r.end % 8).toBe(0);
    }
    expect(api.ranges()[0].query).toBe('ERR[20s]');
  });

  it('asks for the newest value at now, shows it as the last point, and counts the age from it', async () => {
    const api = new FakeApi();
    const { events } = await rounds(api, [13_234]);
    const tS = T / 1000;
    expect(api.instants().map((c) => [c.query, c.time - tS])).toEqual([['ERR[20s]', 13], ['P99', 13]]);
    const [e] = errorRates(events);
    expect(e.series[0].points).toEqual([[tS - 896, 0.01], [tS + 8, 0.02], [tS + 13, 0.07]]);
    expect(e.asOf).toBe(T + 13_000);
    expect(e.stepS).toBe(8);
    expect(e.coarsened).toBe(false);
    expect(statuses(events).at(-1)?.state).toBe('up');
  });

  it('sends no instant error-rate query when now is a step boundary', async () => {
    const api = new FakeApi();
    await rounds(api, [16_000]);
    expect(api.instants().map((c) => c.query)).toEqual(['P99']);
    expect(api.ranges()[0].end).toBe(T / 1000 + 16);
  });

  it('asks for no newest value when the unfinished step is shorter than a scrape interval, and ages the chart from the range end', async () => {
    const api = new FakeApi();
    // 2 s after the step boundary at +8 s; the scrape interval is 5 s.
    const { events } = await rounds(api, [10_500]);
    expect(api.instants().map((c) => c.query)).toEqual(['P99']);
    const [e] = errorRates(events);
    expect(e.series[0].points.at(-1)).toEqual([T / 1000 + 8, 0.02]);
    expect(e.asOf).toBe(T + 8_000);
    expect(statuses(events).at(-1)?.state).toBe('up');
  });

  it('asks for the newest value before calling an empty range no series: a Prometheus started within the step has it', async () => {
    const api = new FakeApi();
    api.emptyRange = true;
    api.errorNow = [{ labels: {}, value: 0.05 }];
    const { events } = await rounds(api, [10_500]);
    expect(api.instants().map((c) => [c.query, c.time - T / 1000])).toEqual([['P99', 10], ['ERR[20s]', 10]]);
    const [e] = errorRates(events);
    expect(e.series).toEqual([{ labels: {}, points: [[T / 1000 + 10, 0.05]] }]);
    expect(e.asOf).toBe(T + 10_000);
    expect(events.some((x) => x.type === 'notices' && x.notices.length > 0)).toBe(false);

    // Both empty: the query returns no series, and the panel says so.
    const none = new FakeApi();
    none.emptyRange = true;
    none.errorNow = [];
    const quiet = await rounds(none, [10_500]);
    expect(errorRates(quiet.events)[0].series).toEqual([]);
    await waitFor(() => quiet.events.some((x) => x.type === 'notices' && x.notices.some((n) => n.code === 'INC_QUERY_EMPTY')), 'the empty-query notice');
  });

  it('says the newest value is missing and ages the chart from the range end when that query fails', async () => {
    const api = new FakeApi();
    api.failInstantFor = 'ERR';
    const { events } = await rounds(api, [13_234]);
    const [e] = errorRates(events);
    expect(e.series[0].points.at(-1)).toEqual([T / 1000 + 8, 0.02]);
    expect(e.asOf).toBe(T + 8_000);
    expect(statuses(events).at(-1)).toMatchObject({ state: 'degraded', error: 'error rate now: boom' });
  });
});

describe('prometheusSource when Prometheus is slow', () => {
  it('doubles the step after an answer slower than a third of the refresh, up to 8x, and halves it when fast again', async () => {
    const api = new FakeApi();
    const latencies = [2500, 2500, 2500, 2500, 900, 900, 900, 900, 20];
    const clock = new FakeClock(T + 500);
    api.rangeLatencyMs = latencies[0];
    const events = start(api, clock);
    for (let i = 0; i < latencies.length; i++) {
      api.rangeLatencyMs = latencies[i];
      if (i > 0) clock.advance(6000);
      await waitFor(() => errorRates(events).length > i, `round ${i + 1}`);
    }
    // A third of 6 s is 2 s: slow. A sixth is 1 s: 900 ms is fast enough to go back one doubling.
    expect(api.ranges().map((r) => r.step)).toEqual([8, 16, 32, 64, 64, 32, 16, 8, 8]);
    for (const r of api.ranges()) expect([r.start % r.step, r.end % r.step]).toEqual([0, 0]);
    expect(errorRates(events).map((e) => [e.stepS, e.coarsened])).toEqual([
      [8, false], [16, true], [32, true], [64, true], [64, true], [32, true], [16, true], [8, false], [8, false],
    ]);
    // $rate_interval follows the step actually asked for: max(4 x 5 s, step + 5 s).
    expect(api.ranges().map((r) => r.query).slice(0, 4)).toEqual(['ERR[20s]', 'ERR[21s]', 'ERR[37s]', 'ERR[69s]']);
  });

  it('coarsens after a timeout too, and keeps the step between a sixth and a third of the refresh', async () => {
    const api = new FakeApi();
    const clock = new FakeClock(T + 500);
    api.failRange = new FetchError('INC_TIMEOUT', 'timed out after 10000 ms (http://prometheus.invalid)');
    const events = start(api, clock);
    await waitFor(() => statuses(events).some((s) => s.state === 'degraded'), 'the failed round');
    api.failRange = null;
    api.rangeLatencyMs = 1500;
    clock.advance(6000);
    await waitFor(() => errorRates(events).length === 1, 'round 2');
    clock.advance(6000);
    await waitFor(() => errorRates(events).length === 2, 'round 3');
    expect(api.ranges().map((r) => r.step)).toEqual([8, 16, 16]);
  });
});

describe('prometheusSource first draw of a scope', () => {
  /** The newest error-rate value answers only when `release` is called. */
  class SlowNewestApi extends FakeApi {
    private releases: Array<() => void> = [];
    release = () => this.releases.splice(0).forEach((r) => r());
    waiting = () => this.releases.length;
    override async query(query: string, time: number): Promise<PromResult<InstantSample[]>> {
      if (query.includes('ERR')) await new Promise<void>((r) => this.releases.push(r));
      return super.query(query, time);
    }
  }

  it('draws the range as soon as it is in while the newest value is on its way, then the newest; later rounds wait for both', async () => {
    const api = new SlowNewestApi();
    // 7.5 s into an 8 s step, with 5 s scrapes: the newest value is asked for (and 5.5 s into the next refresh's).
    const clock = new FakeClock(T + 7_500);
    const events = start(api, clock);
    const tS = T / 1000;
    await waitFor(() => errorRates(events).length === 1, 'the range alone');
    const [early] = errorRates(events);
    expect(early.series[0].points).toEqual([[tS - 904, 0.01], [tS, 0.02]]);
    expect(early.asOf).toBe(T);
    expect(statuses(events).map((s) => s.state)).toEqual(['connecting']);
    api.release();
    await waitFor(() => errorRates(events).length === 2, 'with the newest value');
    expect(errorRates(events)[1].series[0].points.at(-1)).toEqual([tS + 7, 0.07]);
    expect(errorRates(events)[1].asOf).toBe(T + 7000);
    await waitFor(() => statuses(events).length === 2, 'status of round 1');
    await new Promise((r) => setTimeout(r, 10));
    // The same scope and window again: nothing is drawn until the newest value is in too.
    clock.advance(6000);
    await waitFor(() => api.waiting() === 1, 'round 2 asked');
    await new Promise((r) => setTimeout(r, 20));
    expect(errorRates(events)).toHaveLength(2);
    api.release();
    await waitFor(() => errorRates(events).length === 3, 'round 2');
  });
});
