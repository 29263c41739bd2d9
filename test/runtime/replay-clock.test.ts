// The replay clock: recording time at a speed, standing still when paused, timers in recording time, seek.
import { describe, expect, it } from 'vitest';
import { ReplayClock } from '../../src/runtime/replay-clock.js';
import { FakeClock } from './fake-clock.js';

const T0 = 1_795_357_000_000;

describe('ReplayClock', () => {
  it('follows the real clock at 1x and 10x', () => {
    const real = new FakeClock(5);
    const clock = new ReplayClock(T0, real);
    real.advance(1000);
    expect(clock.now()).toBe(T0 + 1000);
    clock.setSpeed(10);
    real.advance(1000);
    expect(clock.now()).toBe(T0 + 11_000);
  });

  it('stands still while paused and fires timers in recording time', () => {
    const real = new FakeClock();
    const clock = new ReplayClock(T0, real);
    const fired: number[] = [];
    clock.setTimeout(() => fired.push(clock.now()), 5000);
    clock.setPaused(true);
    real.advance(60_000);
    expect(clock.now()).toBe(T0);
    expect(fired).toEqual([]);
    clock.setPaused(false);
    clock.setSpeed(100);
    real.advance(49);
    expect(fired).toEqual([]);
    real.advance(1);
    expect(fired).toEqual([T0 + 5000]);
  });

  it('fires due timers on a seek forward; as fast as possible moves only by advanceTo', () => {
    const real = new FakeClock();
    const clock = new ReplayClock(T0, real);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('a'), 60_000);
    clock.seek(T0 + 120_000);
    real.advance(0);
    expect(fired).toEqual(['a']);
    clock.setSpeed(Infinity);
    real.advance(10_000);
    expect(clock.now()).toBe(T0 + 120_000);
    clock.advanceTo(T0 + 130_000);
    clock.advanceTo(T0 + 125_000);
    expect(clock.now()).toBe(T0 + 130_000);
  });

  it('cancelled timers never fire', () => {
    const real = new FakeClock();
    const clock = new ReplayClock(T0, real);
    let fired = false;
    clock.clearTimeout(clock.setTimeout(() => (fired = true), 10));
    real.advance(100);
    expect(fired).toBe(false);
  });
});
