// The clock of a past window: now is the window's end; zoom keeps the centre, pan moves a quarter, neither passes real time.
import { describe, expect, it } from 'vitest';
import { HistoricalClock } from '../../src/runtime/historical-clock.js';
import type { Clock } from '../../src/model/session/clock.js';

const REAL = 10_000_000;
const real: Clock = { now: () => REAL, setTimeout: () => 'timer', clearTimeout: () => undefined };

describe('HistoricalClock', () => {
  it('says the window end is now and passes timers to the real clock', () => {
    const c = new HistoricalClock(real, 1_000_000, 900_000);
    expect(c.now()).toBe(1_000_000);
    expect(c.setTimeout(() => undefined, 5)).toBe('timer');
  });

  it('zooms around the same centre', () => {
    const c = new HistoricalClock(real, 1_000_000, 900_000);
    c.zoom(1_800_000);
    expect([c.now(), c.windowMs]).toEqual([1_450_000, 1_800_000]);
    c.zoom(300_000);
    expect([c.now(), c.windowMs]).toEqual([700_000, 300_000]);
  });

  it('pans a quarter window each way, and never past real time', () => {
    const c = new HistoricalClock(real, 1_000_000, 800_000);
    expect(c.pan(-1)).toBe(true);
    expect(c.now()).toBe(800_000);
    expect(c.pan(1)).toBe(true);
    expect(c.now()).toBe(1_000_000);
    const late = new HistoricalClock(real, REAL - 100_000, 800_000);
    expect(late.pan(1)).toBe(true);
    expect(late.now()).toBe(REAL);
    expect(late.pan(1)).toBe(false);
    late.zoom(3_600_000);
    expect(late.now()).toBe(REAL);
  });
});
