// Range bounds aligned to the step (start and end multiples of it, the window covered) and the newest value joined on.
import { describe, expect, it } from 'vitest';
import type { Series } from '../../../src/model/console-state/events.js';
import { alignedRange, wantsNewest, withNewest } from '../../../src/model/promql/aligned-range.js';

// A moment that is a multiple of every step in the table (8, 15, 33 and 3 s divide 1320 s).
const T = Math.floor(Date.UTC(2026, 11, 6, 4, 40, 0) / 1_320_000) * 1_320_000;

describe('alignedRange', () => {
  it.each([
    // now (ms after T), window, step -> start, end (seconds after T/1000)
    [0, 900_000, 8000, -904, 0],
    [1, 900_000, 8000, -904, 0],
    [7999, 900_000, 8000, -904, 0],
    [8000, 900_000, 8000, -896, 8],
    [13_500, 900_000, 8000, -896, 8],
    [59_999, 900_000, 15_000, -855, 45],
    [61_234, 3_600_000, 33_000, -3597, 33],
    [123_456, 300_000, 1000, -177, 123],
  ])('now +%i ms, window %i ms, step %i ms', (dt, windowMs, stepMs, start, end) => {
    const r = alignedRange(T + dt, windowMs, stepMs);
    expect(r).toEqual({ start: T / 1000 + start, end: T / 1000 + end, step: stepMs / 1000 });
  });

  it('gives start and end that are multiples of the step, covering the window, for any now', () => {
    for (const step of [1, 3, 7, 8, 15, 33, 120]) {
      for (let i = 0; i < 200; i++) {
        const now = T + i * 777 + step * 13;
        const r = alignedRange(now, 900_000, step * 1000);
        expect(r.start % step).toBe(0);
        expect(r.end % step).toBe(0);
        expect(r.end).toBeLessThanOrEqual(now / 1000);
        expect(now / 1000 - r.end).toBeLessThan(step);
        expect(r.end - r.start).toBeGreaterThanOrEqual(900);
        expect(r.end - r.start - step).toBeLessThan(900);
      }
    }
  });

  it('sends the same bounds for every refresh within one step', () => {
    const a = alignedRange(T + 8_000, 900_000, 8000);
    const b = alignedRange(T + 12_000, 900_000, 8000);
    const c = alignedRange(T + 15_999, 900_000, 8000);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(alignedRange(T + 16_000, 900_000, 8000)).not.toEqual(a);
  });

  it('reaches extra steps before the window when asked', () => {
    expect(alignedRange(T + 5000, 120_000, 3000, 1)).toEqual({ start: T / 1000 + 3 - 123, end: T / 1000 + 3, step: 3 });
  });
});

describe('withNewest', () => {
  const range: Series[] = [
    { labels: { pod: 'a' }, points: [[100, 0.1], [110, 0.2]] as Array<[number, number | null]> },
    { labels: { pod: 'b', zone: 'x' }, points: [[100, 0.3]] as Array<[number, number | null]> },
  ];

  it('appends each instant sample to the series with the same labels, whatever their order', () => {
    const out = withNewest(range, [{ labels: { zone: 'x', pod: 'b' }, value: 0.4 }, { labels: { pod: 'a' }, value: 0.25 }], 117);
    expect(out).toEqual([
      { labels: { pod: 'a' }, points: [[100, 0.1], [110, 0.2], [117, 0.25]] },
      { labels: { pod: 'b', zone: 'x' }, points: [[100, 0.3], [117, 0.4]] },
    ]);
    expect(range[0].points).toHaveLength(2);
  });

  it('keeps series without a newest value, adds new ones, and turns NaN into a gap', () => {
    const out = withNewest(range, [{ labels: { pod: 'c' }, value: 0.9 }, { labels: { pod: 'a' }, value: Number.NaN }], 117);
    expect(out).toEqual([
      { labels: { pod: 'a' }, points: [[100, 0.1], [110, 0.2], [117, null]] },
      range[1],
      { labels: { pod: 'c' }, points: [[117, 0.9]] },
    ]);
  });
});

describe('wantsNewest', () => {
  it.each([
    // t - end (s), scrape interval (ms) -> ask
    [0, 15_000, false],
    [7, 15_000, false],
    [14, 15_000, false],
    [15, 15_000, true],
    [40, 15_000, true],
    [0, 1000, false],
    [1, 1000, true],
    [1, 0, true],
  ])('%i s after the range end, scrapes every %i ms: %s', (gap, scrape, ask) => {
    expect(wantsNewest(1000 + gap, 1000, scrape)).toBe(ask);
  });
});
