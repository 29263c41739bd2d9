// Replays a past range from the backends: a replay clock moves the window's end from the range's start to its end at
// the chosen speed, and the sources read each new moment (through the piece cache, so a seek back asks nothing new).
import type { Clock, TimerHandle } from '../model/session/clock.js';
import type { ReplayStatus } from '../model/session/replay-status.js';
import type { HistoricalClock } from './historical-clock.js';

/** How often the replay time moves, in real milliseconds. */
export const TICK_MS = 250;

/** What the player needs: the range (epoch ms), how to read the moment shown, and where the next jump is. */
export interface BackendPlayerOptions {
  past: HistoricalClock;
  real: Clock;
  fromMs: number;
  toMs: number;
  /** Reads the moment now shown (every source's round). */
  show: () => void;
  /** Least replay time between two reads while playing, in ms (one chart step). */
  stepMs: () => number;
  /** The next jump in the error rate after a moment (epoch ms), or null. */
  nextJump: (afterMs: number) => Promise<number | null>;
}

/** The replay controls over a past range (the replay screen's ReplayControl). */
export class BackendPlayer {
  private status: ReplayStatus = { speed: 1, paused: false, ended: false, readDone: true };
  private readonly listeners = new Set<() => void>();
  private timer: TimerHandle | undefined;
  private lastTick = 0;
  private shownAt = Number.NaN;

  constructor(private readonly o: BackendPlayerOptions) {}

  /** The replay time (the window's end), epoch ms. */
  get at(): number {
    return this.o.past.now();
  }

  getStatus = (): ReplayStatus => this.status;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Starts at the range's start. */
  run(): void {
    this.o.past.moveTo(this.o.fromMs);
    this.read(true);
    this.lastTick = this.o.real.now();
    this.schedule();
  }

  stop(): void {
    if (this.timer !== undefined) this.o.real.clearTimeout(this.timer);
    this.timer = undefined;
  }

  togglePause(): void {
    this.set({ paused: !this.status.paused });
    this.lastTick = this.o.real.now();
  }

  setSpeed(speed: number): void {
    this.set({ speed });
  }

  /** Shows the window ending at `at` (kept within the range). */
  seek(at: number): void {
    this.o.past.moveTo(Math.max(this.o.fromMs, Math.min(this.o.toMs, at)));
    this.set({ ended: this.at >= this.o.toMs });
    this.read(true);
  }

  /** Seeks to the next jump in the error rate; false when there is none left. */
  async nextAnomaly(): Promise<boolean> {
    const at = await this.o.nextJump(this.at);
    if (at === null || at > this.o.toMs) return false;
    this.seek(at);
    return true;
  }

  private set(change: Partial<ReplayStatus>): void {
    const next = { ...this.status, ...change };
    if (next.speed === this.status.speed && next.paused === this.status.paused && next.ended === this.status.ended) return;
    this.status = next;
    for (const l of this.listeners) l();
  }

  private read(now: boolean): void {
    if (!now && Math.abs(this.at - this.shownAt) < this.o.stepMs()) return;
    this.shownAt = this.at;
    this.o.show();
  }

  private schedule(): void {
    this.timer = this.o.real.setTimeout(() => this.tick(), TICK_MS);
  }

  private tick(): void {
    const now = this.o.real.now();
    const elapsed = now - this.lastTick;
    this.lastTick = now;
    if (!this.status.paused && !this.status.ended) {
      const speed = Number.isFinite(this.status.speed) ? this.status.speed : 1000;
      this.o.past.moveTo(Math.min(this.o.toMs, this.at + elapsed * speed));
      if (this.at >= this.o.toMs) this.set({ ended: true });
      this.read(false);
    }
    this.schedule();
  }
}
