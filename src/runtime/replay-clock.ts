// A Clock whose now() follows a recording's time: pause, speed 1x..1000x or as fast as possible, and seek.
import type { Clock, TimerHandle } from '../model/session/clock.js';
import { systemClock } from '../sources/system-clock.js';

interface Timer {
  due: number;
  fn: () => void;
}

/** Recording time (epoch ms) driven by a real clock; timers fire when recording time reaches them. */
export class ReplayClock implements Clock {
  private anchorAt: number;
  private anchorReal: number;
  private rate = 1;
  private paused = false;
  private readonly timers = new Set<Timer>();
  private armed: TimerHandle | undefined;

  /** Starts at recording time `startAt` (epoch ms), playing at 1x, on the `real` clock. */
  constructor(startAt: number, private readonly real: Clock = systemClock) {
    this.anchorAt = startAt;
    this.anchorReal = real.now();
  }

  /** Current recording time in epoch milliseconds. */
  now = (): number => {
    if (this.paused || !Number.isFinite(this.rate)) return this.anchorAt;
    return this.anchorAt + (this.real.now() - this.anchorReal) * this.rate;
  };

  /** Speed factor (Infinity: as fast as possible, time jumps from event to event). */
  get speed(): number {
    return this.rate;
  }

  /** True while time stands still. */
  get isPaused(): boolean {
    return this.paused;
  }

  /** Runs `fn` once recording time has advanced by `ms`. */
  setTimeout = (fn: () => void, ms: number): TimerHandle => {
    const timer: Timer = { due: this.now() + Math.max(0, ms), fn };
    this.timers.add(timer);
    this.arm();
    return timer;
  };

  /** Cancels a timer. */
  clearTimeout = (handle: TimerHandle): void => {
    this.timers.delete(handle as Timer);
    this.arm();
  };

  /** Stops or restarts time. */
  setPaused(paused: boolean): void {
    if (paused === this.paused) return;
    this.reanchor();
    this.paused = paused;
    this.arm();
  }

  /** Changes the speed factor (>= 1, or Infinity). */
  setSpeed(speed: number): void {
    this.reanchor();
    this.rate = Math.max(1, speed);
    this.arm();
  }

  /** Jumps to recording time `at` (epoch ms); due timers fire. */
  seek(at: number): void {
    this.anchorAt = at;
    this.anchorReal = this.real.now();
    this.arm();
  }

  /** In as-fast-as-possible mode: moves time forward to `at` without waiting. */
  advanceTo(at: number): void {
    if (at > this.now()) this.seek(at);
  }

  /** Cancels every timer (when the replay stops). */
  dispose(): void {
    this.timers.clear();
    this.arm();
  }

  private reanchor(): void {
    this.anchorAt = this.now();
    this.anchorReal = this.real.now();
  }

  private arm(): void {
    if (this.armed !== undefined) this.real.clearTimeout(this.armed);
    this.armed = undefined;
    if (this.timers.size === 0) return;
    let first: Timer | undefined;
    for (const t of this.timers) if (!first || t.due < first.due) first = t;
    const now = this.now();
    if (first!.due > now && (this.paused || !Number.isFinite(this.rate))) {
      // Paused time never reaches a later timer; as-fast-as-possible time only moves by advanceTo/seek.
      return;
    }
    const wait = Math.max(0, Math.ceil((first!.due - now) / this.rate));
    this.armed = this.real.setTimeout(() => this.fire(), wait);
  }

  private fire(): void {
    this.armed = undefined;
    const now = this.now();
    const due = [...this.timers].filter((t) => t.due <= now).sort((a, b) => a.due - b.due);
    for (const t of due) this.timers.delete(t);
    for (const t of due) t.fn();
    this.arm();
  }
}
