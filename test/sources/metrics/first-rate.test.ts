// The first rate of a directly scraped target that updates its counters in steps: the scrape and pipeline sources read
// it again (100, 200, 300 ms ...) until its counters move, on a clock the test drives, against an exporter whose
// values the test sets. A pair that did not move is no rate; a whole scrape interval of stillness is a real zero.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resolveProfile } from '../../../src/config/resolve-profile.js';
import type { PipelineEvent, SamplesEvent } from '../../../src/model/console-state/events.js';
import { PipelineTracker } from '../../../src/model/pipeline/pipeline-health.js';
import type { PolledSource } from '../../../src/sources/source.js';
import { pipelinePollSource } from '../../../src/sources/metrics/pipeline-poll-source.js';
import { scrapeMetricsSource } from '../../../src/sources/metrics/scrape-metrics-source.js';
import { Collected, waitFor } from '../collect-events.js';
import { FakeClock } from '../../runtime/fake-clock.js';

const T0 = 1_795_357_700_000;

/** What the fake exporter serves: request counters, Vector counters, and optionally a timestamp on every sample. */
const served = { ok: 0, errors: 0, vectorIn: 0, vectorDiscarded: 0, stampMs: undefined as number | undefined };

function body(): string {
  const ts = served.stampMs === undefined ? '' : ` ${served.stampMs}`;
  const sink = 'component_id="loki_out",component_kind="sink",component_type="loki"';
  return [
    `http_requests_total{service="payments",pod="p-1",status="200"} ${served.ok}${ts}`,
    `http_requests_total{service="payments",pod="p-1",status="500"} ${served.errors}${ts}`,
    `vector_component_received_events_total{${sink}} ${served.vectorIn}${ts}`,
    `vector_component_sent_events_total{${sink}} ${served.vectorIn - served.vectorDiscarded}${ts}`,
    `vector_component_discarded_events_total{${sink},intentional="false"} ${served.vectorDiscarded}${ts}`,
    // A gauge that changes at every read: it must not count as the counters moving.
    `process_resident_memory_bytes ${Math.random()}`,
    '',
  ].join('\n');
}

let server: Server;
let url = '';
beforeAll(async () => {
  server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(body()));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
});
afterAll(() => new Promise((r) => server.close(r)));

let running: PolledSource | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

/** A started source on a fake clock; `advance` moves the clock and waits for the round it causes, if any. */
function drive(build: (clock: FakeClock) => PolledSource | null) {
  Object.assign(served, { ok: 950, errors: 50, vectorIn: 1000, vectorDiscarded: 10, stampMs: undefined });
  const clock = new FakeClock(T0);
  const src = build(clock);
  if (!src) throw new Error('no source');
  running = src;
  const got = new Collected();
  src.start(got.emit);
  const rounds = () => got.statuses().length - 1;
  return {
    clock,
    got,
    /** Waits for the first round. */
    first: () => waitFor(() => rounds() === 1, 'the first round'),
    /** Advances the clock by `ms`; when `reread` is set, waits for the round that must follow. */
    async advance(ms: number, reread = true) {
      const before = rounds();
      clock.advance(ms);
      if (reread) await waitFor(() => rounds() === before + 1, `a round after ${ms} ms`);
      else {
        await new Promise((r) => setTimeout(r, 30));
        expect(rounds()).toBe(before);
      }
    },
    state: () => got.lastStatus()?.state,
    error: () => got.lastStatus()?.error,
  };
}

const scrapeProfile = (intervalMs: number) => resolveProfile({ scrape: { targets: [], interval: intervalMs } }, 't', '(test)');

describe('the scrape source, first rate', () => {
  const start = (intervalMs = 15_000) => drive((clock) => {
    const profile = scrapeProfile(intervalMs);
    profile.scrape.targets = [url];
    return scrapeMetricsSource(profile, () => ({ service: 'payments', windowMs: 300_000, columns: 100 }), clock);
  });
  const errorRates = (got: Collected) => got.events.filter((e): e is SamplesEvent => e.type === 'samples' && e.panel === 'error_rate');

  it('re-reads after 100, 200 and 300 ms while the counters stand still, and draws the ratio once they move', async () => {
    const d = start();
    await d.first();
    expect(d.state()).toBe('connecting');
    expect(d.error()).toBe(`waiting for the counters of ${url} to move to compute rates`);
    await d.advance(100);
    await d.advance(199, false);
    await d.advance(1);
    expect(errorRates(d.got)).toEqual([]);
    expect(d.state()).toBe('connecting');
    Object.assign(served, { ok: 1900, errors: 100 });
    await d.advance(300);
    const points = errorRates(d.got).at(-1)!.series[0].points;
    expect(points.at(-1)![0]).toBe((T0 + 600) / 1000);
    expect(points.at(-1)![1]).toBeCloseTo(0.05, 12);
    expect(d.state()).toBe('up');
    // The first rate is in: the next reading comes at the scrape interval, not sooner.
    await d.advance(14_999, false);
    await d.advance(1);
  });

  it('takes counters still for a whole scrape interval as a real zero: no error ratio (no requests), source up', async () => {
    const d = start(1000);
    await d.first();
    await d.advance(100);
    await d.advance(200);
    await d.advance(300);
    expect(d.state()).toBe('connecting');
    await d.advance(399, false);
    await d.advance(1);
    expect(d.state()).toBe('up');
    expect(errorRates(d.got).at(-1)!.series[0].points.every(([, v]) => v === null)).toBe(true);
  });
});

describe('the pipeline source, first rate', () => {
  const start = (refreshMs: number) => drive((clock) => {
    const profile = resolveProfile({ refresh: refreshMs, pipeline: { targets: [] } }, 't', '(test)');
    profile.pipeline.targets = [url];
    return pipelinePollSource(profile, clock);
  });
  /** The tracker the runtime would feed, fed with everything the source emitted. */
  const sink = (got: Collected, now: number) => {
    const tracker = new PipelineTracker();
    for (const e of got.events) if (e.type === 'pipeline') tracker.apply((e as PipelineEvent).samples);
    return tracker.rows(now).find((r) => r.id === 'loki_out');
  };

  it('from a target that stamps its samples: the exact rate from the first change, by its own timestamps', async () => {
    const d = start(5000);
    served.stampMs = T0 - 300;
    await d.first();
    await d.advance(100);
    Object.assign(served, { vectorIn: 1100, vectorDiscarded: 17, stampMs: T0 + 700 });
    await d.advance(200);
    expect(sink(d.got, T0 + 300)).toMatchObject({ in_per_s: 100, out_per_s: 93, discarded_per_s: 7, verdict: 'failing', reason: 'discarding 7 events/s' });
    expect(d.state()).toBe('up');
  });

  it('from a target that does not: every 100 ms, the rate runs from one change to the next', async () => {
    const d = start(5000);
    await d.first();
    await d.advance(100);
    Object.assign(served, { vectorIn: 1100, vectorDiscarded: 17 });
    await d.advance(100);
    // One change seen: the span since the first reading is an unknown share of the target's period, so no rate yet.
    expect(sink(d.got, T0 + 200)).toMatchObject({ in_per_s: null, discarded_per_s: null, verdict: 'unknown' });
    for (let i = 0; i < 9; i++) await d.advance(100);
    Object.assign(served, { vectorIn: 1200, vectorDiscarded: 24 });
    await d.advance(100);
    // Changes timed halfway between readings: T0+150 and T0+1150, one second apart.
    expect(sink(d.got, T0 + 1200)).toMatchObject({ in_per_s: 100, out_per_s: 93, discarded_per_s: 7, verdict: 'failing' });
    expect(d.state()).toBe('up');
  });

  it('counters still for a whole interval are a real zero; before that the rates are unknown, never 0', async () => {
    const d = start(1000);
    await d.first();
    for (let i = 0; i < 9; i++) await d.advance(100);
    expect(sink(d.got, T0 + 900)).toMatchObject({ in_per_s: null, verdict: 'unknown', reason: 'waiting for a second reading' });
    expect(d.state()).toBe('connecting');
    await d.advance(100);
    expect(sink(d.got, T0 + 1000)).toMatchObject({ in_per_s: 0, discarded_per_s: 0, verdict: 'ok', reason: '0 events/s, no loss' });
    expect(d.state()).toBe('up');
  });

  it('stops saying connecting after 2.5 s and names the target whose rates are unknown', async () => {
    const d = start(5000);
    await d.first();
    for (let i = 0; i < 24; i++) await d.advance(100);
    expect(d.state()).toBe('connecting');
    await d.advance(100);
    expect(d.state()).toBe('degraded');
    expect(d.error()).toBe(`rates unknown: the counters of ${url} have not moved in 2.5 s`);
    expect(sink(d.got, T0 + 2500)).toMatchObject({ in_per_s: null, verdict: 'unknown' });
  });
});
