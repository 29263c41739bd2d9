import { describe, expect, it } from 'vitest';
import { extractPipeline } from '../../../src/model/pipeline/pipeline-extract.js';
import {
  PipelineTracker, counterRate, defaultPipelineThresholds, pipelineThresholds, verdictFor, type PipelineRow,
} from '../../../src/model/pipeline/pipeline-health.js';
import type { PipelineReading } from '../../../src/model/pipeline/pipeline-reading.js';
import { formatAge, formatRate, type PipelineRowData } from '../../../src/model/pipeline/pipeline-verdict.js';
import { readFixture } from '../../fixtures/pipeline/read-exposition.js';

const T0 = 1_795_357_700_000;

function row(over: Partial<PipelineRowData>): PipelineRowData {
  return {
    id: 'loki_out', kind: 'sink', type: 'loki', product: 'vector',
    in_per_s: 5000, out_per_s: 5000, errors_per_s: 0, discarded_per_s: 0, intentional_discarded_per_s: null,
    buffer_fill: 0.1, utilization: 0.3, up: null, problems_per_s: {}, loss_history: [], last_seen: T0,
    ...over,
  };
}

describe('verdictFor', () => {
  const t = defaultPipelineThresholds;
  const cases: Array<[what: string, over: Partial<PipelineRowData>, now: number, verdict: string, reason: string]> = [
    ['a healthy Vector sink', {}, T0, 'ok', '5000 events/s, no loss'],
    ['a Vector sink discarding events', { discarded_per_s: 12, out_per_s: 4988 }, T0, 'failing', 'discarding 12 events/s'],
    ['a small discard rate keeps its decimals', { discarded_per_s: 0.25 }, T0, 'failing', 'discarding 0.25 events/s'],
    ['errors degrade', { errors_per_s: 3 }, T0, 'degraded', '3 errors/s'],
    ['a nearly full buffer fails', { buffer_fill: 0.92 }, T0, 'failing', 'buffer 92% full'],
    ['a filling buffer degrades', { buffer_fill: 0.8 }, T0, 'degraded', 'buffer 80% full'],
    ['a buffer just under the degraded line is ok', { buffer_fill: 0.749 }, T0, 'ok', '5000 events/s, no loss'],
    ['a sink sending less than it receives', { out_per_s: 4000 }, T0, 'degraded', 'sending 80% of received'],
    ['a transform may emit less than it receives', { kind: 'transform', out_per_s: 4000 }, T0, 'ok', '5000 events/s, no loss'],
    ['a busy component', { utilization: 0.97 }, T0, 'degraded', 'utilization 97%'],
    ['the worst finding wins over earlier milder ones', { errors_per_s: 3, buffer_fill: 0.95 }, T0, 'failing', 'buffer 95% full'],
    ['discarding is named before a full buffer', { discarded_per_s: 40, buffer_fill: 0.99 }, T0, 'failing', 'discarding 40 events/s'],
    ['silence makes it unknown', { discarded_per_s: 12 }, T0 + 45_000, 'unknown', 'no data for 45 s'],
    ['long silence in minutes', {}, T0 + 12 * 60_000, 'unknown', 'no data for 12 min'],
    ['silence within the stale limit keeps the verdict', { discarded_per_s: 12 }, T0 + 30_000, 'failing', 'discarding 12 events/s'],
    ['no rate known yet', { in_per_s: null, out_per_s: null, errors_per_s: null, discarded_per_s: null }, T0, 'unknown', 'waiting for a second reading'],
    ['a target that is down', { product: 'prometheus', kind: 'target', up: 0, in_per_s: null, out_per_s: null, errors_per_s: null, discarded_per_s: null }, T0, 'failing', 'target down'],
    ['a target that is up', { product: 'prometheus', kind: 'target', up: 1, in_per_s: null, out_per_s: null, errors_per_s: null, discarded_per_s: null }, T0, 'ok', 'up'],
    ['rule failures degrade', { product: 'prometheus', kind: 'server', problems_per_s: { 'rule evaluation failures': 0.2 } }, T0, 'degraded', 'rule evaluation failures 0.2/s'],
    ['problems at zero are fine', { product: 'prometheus', kind: 'server', problems_per_s: { 'notifications dropped': 0 } }, T0, 'ok', '5000 samples/s, no loss'],
    ['an OpenTelemetry receiver refusing items', { product: 'otelcol', kind: 'receiver', discarded_per_s: 5 }, T0, 'failing', 'refusing 5 items/s'],
    ['a Fluent Bit output dropping records', { product: 'fluentbit', kind: 'output', discarded_per_s: 1234.4 }, T0, 'failing', 'discarding 1234 records/s'],
  ];

  it.each(cases)('%s', (_what, over, now, verdict, reason) => {
    expect(verdictFor(row(over), t, now)).toEqual({ verdict, reason });
  });

  it('follows profile thresholds', () => {
    const lenient = pipelineThresholds({ discardFailPerS: 20, bufferFailing: 0.99, errorDegradedPerS: 5 });
    expect(verdictFor(row({ discarded_per_s: 12, buffer_fill: 0.95, errors_per_s: 3 }), lenient, T0)).toEqual({ verdict: 'degraded', reason: 'buffer 95% full' });
  });

  it('waits three refresh intervals when that is longer than the stale limit', () => {
    const slow = pipelineThresholds({ refreshMs: 30_000 });
    expect(verdictFor(row({}), slow, T0 + 60_000).verdict).toBe('ok');
    expect(verdictFor(row({}), slow, T0 + 91_000)).toEqual({ verdict: 'unknown', reason: 'no data for 91 s' });
  });
});

describe('pipelineThresholds', () => {
  it('takes the numbers a profile section defines and ignores the rest', () => {
    const profilePipeline = { targets: ['http://x'], queries: false, discardFailPerS: 1, bufferDegraded: 0.5, staleAfterMs: 60_000 };
    expect(pipelineThresholds({ ...profilePipeline, refreshMs: 2000 })).toEqual({
      ...defaultPipelineThresholds, discardFailPerS: 1, bufferDegraded: 0.5, staleAfterMs: 60_000, refreshMs: 2000,
    });
  });
});

describe('formatting', () => {
  it.each([[5000, '5000'], [12.4, '12'], [2.46, '2.5'], [1, '1'], [0.25, '0.25'], [0.123, '0.12'], [0.004, '<0.01'], [0, '0']])('rate %s -> %s', (v, text) => {
    expect(formatRate(v)).toBe(text);
  });
  it.each([[45_000, '45 s'], [119_000, '119 s'], [12 * 60_000, '12 min'], [3 * 3_600_000, '3 h']])('age %s -> %s', (ms, text) => {
    expect(formatAge(ms)).toBe(text);
  });
});

describe('counterRate', () => {
  it.each([
    [100, 150, 10, 5],
    [100, 30, 10, 3], // reset: the counter restarted and counted 30 since
    [100, 100, 10, 0],
    [undefined, 100, 10, null],
    [100, undefined, 10, null],
    [100, 150, 0, null],
  ])('%s -> %s over %s s = %s', (prev, cur, seconds, rate) => {
    expect(counterRate(prev, cur, seconds)).toBe(rate);
  });
});

const reading = (at: number, over: Partial<PipelineReading> = {}): PipelineReading => ({
  id: 'loki_out', product: 'vector', kind: 'sink', type: 'loki', at, ...over,
});

function only(tracker: PipelineTracker, now: number): PipelineRow {
  const rows = tracker.rows(now);
  expect(rows).toHaveLength(1);
  return rows[0];
}

describe('PipelineTracker', () => {
  it('turns two Vector scrapes into the loki sink failing and the archive ok', () => {
    const tracker = new PipelineTracker();
    tracker.apply(extractPipeline(readFixture('vector-0.53-a.txt'), T0));
    tracker.apply(extractPipeline(readFixture('vector-0.53-b.txt'), T0 + 10_000));
    const rows = tracker.rows(T0 + 10_000);
    const loki = rows.find((r) => r.id === 'loki_out');
    expect(loki).toMatchObject({
      in_per_s: 5000, out_per_s: 4988, errors_per_s: 1, discarded_per_s: 12, buffer_fill: 0.92,
      verdict: 'failing', reason: 'discarding 12 events/s', loss_history: [13], last_seen: T0 + 10_000,
    });
    expect(rows.find((r) => r.id === 'archive')).toMatchObject({ verdict: 'ok', discarded_per_s: null, in_per_s: 5000 });
    expect(rows.find((r) => r.id === 'drop_debug')).toMatchObject({ verdict: 'ok', intentional_discarded_per_s: 200 });
    expect(rows[0].id).toBe('loki_out');
  });

  it('is unknown after one reading of counters, with nothing in its history', () => {
    const tracker = new PipelineTracker();
    tracker.apply([reading(T0, { inTotal: 100, discardedTotal: 5 })]);
    expect(only(tracker, T0)).toMatchObject({ verdict: 'unknown', reason: 'waiting for a second reading', in_per_s: null, loss_history: [] });
  });

  it('rates over the times the target sampled its counters when both readings carry one', () => {
    const tracker = new PipelineTracker();
    tracker.apply([reading(T0 + 300, { inTotal: 1000, discardedTotal: 10, sampledAt: T0 - 200 })]);
    tracker.apply([reading(T0 + 700, { inTotal: 1100, discardedTotal: 17, sampledAt: T0 + 800 })]);
    expect(only(tracker, T0 + 700)).toMatchObject({ in_per_s: 100, discarded_per_s: 7, verdict: 'failing', last_seen: T0 + 700 });
  });

  it('gives no rate from a reading that restarts the span, and rates the next one from it', () => {
    const tracker = new PipelineTracker();
    tracker.apply([reading(T0, { inTotal: 1000, discardedTotal: 10 })]);
    tracker.apply([reading(T0 + 300, { inTotal: 1100, discardedTotal: 17, sampledAt: T0 + 250, restartsRate: true })]);
    expect(only(tracker, T0 + 300)).toMatchObject({ in_per_s: null, discarded_per_s: null, verdict: 'unknown', reason: 'waiting for a second reading' });
    tracker.apply([reading(T0 + 1300, { inTotal: 1200, discardedTotal: 24, sampledAt: T0 + 1250 })]);
    expect(only(tracker, T0 + 1300)).toMatchObject({ in_per_s: 100, discarded_per_s: 7, verdict: 'failing' });
  });

  it('treats a counter that went down as a restart and rates from the new value', () => {
    const tracker = new PipelineTracker();
    tracker.apply([reading(T0, { inTotal: 90_000, discardedTotal: 500 })]);
    tracker.apply([reading(T0 + 10_000, { inTotal: 1000, discardedTotal: 0 })]);
    expect(only(tracker, T0 + 10_000)).toMatchObject({ in_per_s: 100, discarded_per_s: 0, verdict: 'ok' });
  });

  it('goes unknown when a component falls silent, keeping its last numbers', () => {
    const tracker = new PipelineTracker({ thresholds: { refreshMs: 5000 } });
    tracker.apply([reading(T0, { inPerS: 10, discardedPerS: 2 })]);
    expect(only(tracker, T0 + 20_000).verdict).toBe('failing');
    expect(only(tracker, T0 + 45_000)).toMatchObject({ verdict: 'unknown', reason: 'no data for 45 s', discarded_per_s: 2 });
  });

  it('uses ready-made rates from one reading, preferring them over totals', () => {
    const tracker = new PipelineTracker();
    tracker.apply([reading(T0, { inPerS: 5000, outPerS: 4988, errorsPerS: 1, discardedPerS: 12, inTotal: 1 })]);
    expect(only(tracker, T0)).toMatchObject({ in_per_s: 5000, verdict: 'failing', reason: 'discarding 12 events/s', loss_history: [13] });
  });

  it('keeps a bounded loss history, oldest first', () => {
    const tracker = new PipelineTracker({ historyLength: 3 });
    for (let i = 0; i < 5; i++) tracker.apply([reading(T0 + i * 5000, { discardedPerS: i })]);
    expect(only(tracker, T0 + 20_000).loss_history).toEqual([2, 3, 4]);
  });

  it('shows a loss that started minutes ago in the history after it stopped', () => {
    const tracker = new PipelineTracker();
    let total = 0;
    for (let i = 0; i <= 72; i++) {
      if (i >= 12 && i < 24) total += 50; // 10 events/s for one minute, five minutes ago
      tracker.apply([reading(T0 + i * 5000, { discardedTotal: total })]);
    }
    const r = only(tracker, T0 + 72 * 5000);
    expect(r.verdict).toBe('ok');
    expect(r.loss_history).toHaveLength(72);
    expect(r.loss_history.filter((v) => v === 10)).toHaveLength(12);
    expect(r.loss_history.slice(-48).every((v) => v === 0)).toBe(true);
  });

  it('ignores a reading older than the last one', () => {
    const tracker = new PipelineTracker();
    tracker.apply([reading(T0, { inTotal: 100 })]);
    tracker.apply([reading(T0 + 10_000, { inTotal: 200 })]);
    tracker.apply([reading(T0 + 5000, { inTotal: 9999 })]);
    expect(only(tracker, T0 + 10_000).in_per_s).toBe(10);
  });

  it('computes rates of named problems from their totals', () => {
    const tracker = new PipelineTracker();
    const server = { id: 'prometheus', product: 'prometheus' as const, kind: 'server', type: 'prometheus' };
    tracker.apply([{ ...server, at: T0, problemTotals: { 'rule evaluation failures': 2 } }]);
    tracker.apply([{ ...server, at: T0 + 10_000, problemTotals: { 'rule evaluation failures': 4 } }]);
    expect(only(tracker, T0 + 10_000)).toMatchObject({ verdict: 'degraded', reason: 'rule evaluation failures 0.2/s' });
  });

  it('keeps a receiver and an exporter with the same id apart', () => {
    const tracker = new PipelineTracker();
    tracker.apply([
      { id: 'otlp', product: 'otelcol', kind: 'receiver', type: 'otlp', at: T0, inPerS: 1 },
      { id: 'otlp', product: 'otelcol', kind: 'exporter', type: 'otlp', at: T0, inPerS: 1, discardedPerS: 3 },
    ]);
    expect(tracker.rows(T0).map((r) => [r.kind, r.verdict])).toEqual([['exporter', 'failing'], ['receiver', 'ok']]);
  });

  it('forgets components silent for longer than forgetAfterMs', () => {
    const tracker = new PipelineTracker({ forgetAfterMs: 60_000 });
    tracker.apply([reading(T0, { inPerS: 1 })]);
    tracker.apply([reading(T0 + 61_000, { id: 'other', inPerS: 1 })]);
    expect(tracker.rows(T0 + 61_000).map((r) => r.id)).toEqual(['other']);
  });

  it('hands out copies: changing a row does not change the tracker', () => {
    const tracker = new PipelineTracker();
    tracker.apply([reading(T0, { discardedPerS: 1 })]);
    only(tracker, T0).loss_history.push(99);
    expect(only(tracker, T0).loss_history).toEqual([1]);
  });
});
