// The clock of `watch --at` / `--from --to`: "now" is the end of a past window, timers are real, so every source
// asks for that window with the same code it uses live. Zoom keeps the centre; pan moves by a quarter window.
import type { Clock, TimerHandle } from '../model/session/clock.js';

/** Share of the window one pan step moves it. */
export const PAN_SHARE = 0.25;

/** A clock stopped at the end of a past window, which zoom and pan move. */
export class HistoricalClock implements Clock {
  private end: number;
  private window: number;

  /** `endMs` epoch ms, `windowMs` ms; `real` gives real time (never passed) and timers. */
  constructor(private readonly real: Clock, endMs: number, windowMs: number) {
    this.end = endMs;
    this.window = windowMs;
  }

  /** The end of the window shown, in epoch ms. */
  now = (): number => this.end;

  /** The window length in milliseconds. */
  get windowMs(): number {
    return this.window;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    return this.real.setTimeout(fn, ms);
  }

  clearTimeout(handle: TimerHandle): void {
    this.real.clearTimeout(handle);
  }

  /** A new window length around the same centre (the end never passes real time). */
  zoom(windowMs: number): void {
    const centre = this.end - this.window / 2;
    this.window = windowMs;
    this.end = Math.min(this.real.now(), Math.round(centre + windowMs / 2));
  }

  /** Moves the window's end to `endMs` (never past real time); for a replay of the past. */
  moveTo(endMs: number): void {
    this.end = Math.min(this.real.now(), Math.round(endMs));
  }

  /** Moves the window a quarter of its length back (-1) or forward (1); false when it is already at real time. */
  pan(direction: -1 | 1): boolean {
    const next = Math.min(this.real.now(), this.end + direction * Math.round(this.window * PAN_SHARE));
    if (next === this.end) return false;
    this.end = next;
    return true;
  }
}
