// The simulated incident: the deploy raises payments' 5xx share and one pod's latency, counters only grow, buckets are cumulative.
import { describe, expect, it } from 'vitest';
import { DEMO_PODS, HOT_POD } from '../../src/demo/scenario.js';
import { DemoSimulation, type PodCounters } from '../../src/demo/simulation.js';
import { histogramQuantile } from '../../src/model/promql/histogram-quantile.js';

const START = Date.UTC(2026, 10, 22, 14, 30, 0);
const sim = new DemoSimulation(START);
const tl = sim.timeline;
const MIN = 60_000;

/** 5xx share of one service's requests between two moments, from the exact counters. */
function errorRatio(service: string, fromMs: number, toMs: number): number {
  const a = sim.fleet(fromMs).filter((p) => p.service === service);
  const b = sim.fleet(toMs).filter((p) => p.service === service);
  let errors = 0;
  let total = 0;
  b.forEach((p, i) => {
    for (const [status, n] of Object.entries(p.requests)) {
      const inc = n - a[i].requests[status];
      total += inc;
      if (status.startsWith('5')) errors += inc;
    }
  });
  return errors / total;
}

function p99(pod: string, fromMs: number, toMs: number): number {
  const a = sim.fleet(fromMs).find((p) => p.pod === pod)!;
  const b = sim.fleet(toMs).find((p) => p.pod === pod)!;
  return histogramQuantile(0.99, b.buckets.map((bk, i) => ({ le: bk.le, count: bk.count - a.buckets[i].count })));
}

describe('DemoSimulation', () => {
  it('places the deploy and the pipeline loss a few minutes before the start', () => {
    expect(tl.deployMs).toBe(START - 4 * MIN);
    expect(tl.lossMs).toBe(START - 6 * MIN);
    expect(tl.peakMs).toBeGreaterThan(tl.deployMs);
    expect(tl.peakMs).toBeLessThan(START);
    expect(new Set(DEMO_PODS.map((p) => p.service))).toEqual(new Set(['payments', 'checkout', 'search']));
  });

  it.each([
    { service: 'payments', from: -20, to: -5, min: 0.0005, max: 0.005 },
    { service: 'payments', from: -2, to: 0, min: 0.05, max: 0.15 },
    { service: 'payments', from: 10, to: 12, min: 0.05, max: 0.15 },
    { service: 'checkout', from: -20, to: -5, min: 0.0005, max: 0.005 },
    { service: 'checkout', from: -2, to: 0, min: 0.0005, max: 0.005 },
    { service: 'search', from: -2, to: 0, min: 0.0005, max: 0.005 },
  ])('$service 5xx share from $from to $to minutes is within [$min, $max]', ({ service, from, to, min, max }) => {
    const r = errorRatio(service, START + from * MIN, START + to * MIN);
    expect(r).toBeGreaterThan(min);
    expect(r).toBeLessThan(max);
  });

  it.each([
    { pod: HOT_POD, from: -20, to: -5, over: false },
    { pod: HOT_POD, from: -2, to: 0, over: true },
    { pod: 'payments-7c9f-a', from: -2, to: 0, over: false },
    { pod: 'search-9a41-a', from: -2, to: 0, over: false },
  ])('p99 of $pod from $from to $to minutes is over the 500ms SLO: $over', ({ pod, from, to, over }) => {
    const v = p99(pod, START + from * MIN, START + to * MIN);
    expect(Number.isFinite(v)).toBe(true);
    expect(v > 0.5).toBe(over);
  });

  const moments = [
    tl.originMs - 1000, tl.originMs, tl.originMs + 1, START - 30 * MIN,
    tl.lossMs - 1, tl.lossMs, tl.lossMs + 1, tl.deployMs - 1, tl.deployMs, tl.deployMs + 1,
    tl.peakMs - 1, tl.peakMs, START - 1, START, START + 1, START + 2, START + 7 * MIN, START + 10 * 3600_000,
  ];

  it('keeps histogram buckets cumulative, +Inf equal to _count, and requests by status adding up to the count', () => {
    for (const at of moments) {
      for (const p of sim.fleet(at)) {
        for (let i = 1; i < p.buckets.length; i++) expect(p.buckets[i].count).toBeGreaterThanOrEqual(p.buckets[i - 1].count);
        expect(p.buckets[p.buckets.length - 1].le).toBe(Infinity);
        expect(p.buckets[p.buckets.length - 1].count).toBe(p.count);
        const byStatus = Object.values(p.requests).reduce((s, n) => s + n, 0);
        expect(byStatus).toBeCloseTo(p.count, 6);
      }
    }
  });

  it('never lets a counter decrease, however close two moments are', () => {
    const values = (ps: PodCounters[]) => ps.flatMap((p) => [...Object.values(p.requests), ...p.buckets.map((b) => b.count), p.sum, p.count]);
    const pipeline = (at: number) => sim.pipeline(at).flatMap((c) => [c.received, c.sent, c.errors, c.discarded]);
    let prev = values(sim.fleet(moments[0]));
    let prevPipe = pipeline(moments[0]);
    for (const at of moments.slice(1)) {
      const next = values(sim.fleet(at));
      const nextPipe = pipeline(at);
      next.forEach((v, i) => expect(v).toBeGreaterThanOrEqual(prev[i]));
      nextPipe.forEach((v, i) => expect(v).toBeGreaterThanOrEqual(prevPipe[i]));
      [prev, prevPipe] = [next, nextPipe];
    }
  });

  it('is a pure function of time: the same moment gives the same counters', () => {
    expect(new DemoSimulation(START).fleet(START - 90_000)).toEqual(sim.fleet(START - 90_000));
  });

  it('has the loki sink discard and fill its buffer only after the loss started; the S3 sink stays healthy', () => {
    const sink = (at: number, id: string) => sim.pipeline(at).find((c) => c.id === id)!;
    const before = [sink(tl.lossMs - 2 * MIN, 'loki_out'), sink(tl.lossMs - MIN, 'loki_out')];
    expect(before[1].discarded - before[0].discarded).toBe(0);
    expect(before[1].buffer!.events / before[1].buffer!.maxEvents).toBeLessThan(0.1);
    const after = [sink(START - MIN, 'loki_out'), sink(START, 'loki_out')];
    const discardedPerS = (after[1].discarded - after[0].discarded) / 60;
    expect(discardedPerS).toBeGreaterThan(50);
    expect(after[1].buffer!.events / after[1].buffer!.maxEvents).toBeGreaterThan(0.9);
    const archive = [sink(START - MIN, 'archive'), sink(START, 'archive')];
    expect(archive[1].discarded - archive[0].discarded).toBe(0);
    expect(archive[1].buffer!.events / archive[1].buffer!.maxEvents).toBeLessThan(0.2);
  });

  it('moves payments from generation 1 to 2 at the deploy and leaves the others alone', () => {
    expect(sim.generation('payments', tl.deployMs - 1)).toBe(1);
    expect(sim.generation('payments', tl.deployMs)).toBe(2);
    expect(sim.generation('search', START)).toBe(1);
  });
});
