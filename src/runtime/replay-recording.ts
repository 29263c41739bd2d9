// Re-emits a recording's events on a replay clock: play, pause, speed, and seek by rebuilding from the start
// (from the events kept in memory, or by reading the file again once the recording is larger than the memory budget).
import type { Emit } from '../model/console-state/events.js';
import type { RecordedEvent } from '../model/session/recording-format.js';
import type { ReplayStatus } from '../model/session/replay-status.js';
import type { ReplayClock } from './replay-clock.js';

export type { ReplayStatus };

/** Player settings; times in epoch milliseconds. */
export interface ReplayPlayerOptions {
  events: AsyncIterable<RecordedEvent>;
  clock: ReplayClock;
  /** The recording's start time. */
  startAt: number;
  /** Where events go first. */
  emit: Emit;
  /** Empties the console (a fresh store) and returns where events go from now on; used to seek backwards. */
  reset(): Emit;
  /** The recording's end once known (its end line), else null: time stops at the last event. */
  endAt(): number | null;
  /** Events applied between yields to the event loop while catching up. */
  batch?: number;
  /** Reads the recording again from its start; without it every event read is kept for seeking back. */
  reopen?: () => AsyncIterable<RecordedEvent>;
  /** Recording text (characters of its lines) kept in memory for seeking back before switching to reopen(). */
  keepChars?: number;
}

/** Recording text kept in memory for seeks back by default (about 2 bytes of heap per character once parsed). */
export const DEFAULT_KEEP_CHARS = 64 * 1024 * 1024;

/** Applies events from `events` with t <= `until` (epoch ms) as fast as possible; returns the last applied time. */
export async function playUntil(events: AsyncIterable<RecordedEvent>, emit: Emit, until: number): Promise<number | null> {
  let last: number | null = null;
  for await (const r of events) {
    if (r.t > until) break;
    emit(r.event);
    last = r.t;
  }
  return last;
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Plays a recording into a console; keeps what it has read (up to a budget) so a seek backwards can rebuild the state. */
export class ReplayPlayer {
  private log: RecordedEvent[] = [];
  private keptChars = 0;
  private keeping = true;
  private pending: RecordedEvent | null = null;
  private iterator: AsyncIterator<RecordedEvent>;
  private index = 0;
  private lastApplied: number;
  private emit: Emit;
  private readDone = false;
  private stopped = false;
  private seekTarget: number | null = null;
  private wake: (() => void) | null = null;
  private current: ReplayStatus;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly opts: ReplayPlayerOptions) {
    this.iterator = opts.events[Symbol.asyncIterator]();
    this.emit = opts.emit;
    this.lastApplied = opts.startAt;
    this.current = this.snapshot(false);
  }

  /** Starts playing; resolves when stop() is called. */
  run(): Promise<void> {
    return this.loop();
  }

  /** Current status (stable identity between changes). */
  getStatus = (): ReplayStatus => this.current;

  /** Registers a listener for status changes; returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Pauses or resumes. */
  togglePause(): void {
    this.opts.clock.setPaused(!this.opts.clock.isPaused);
    this.changed();
    this.nudge();
  }

  /** Sets the speed factor (Infinity: as fast as possible). */
  setSpeed(speed: number): void {
    this.opts.clock.setSpeed(speed);
    this.changed();
    this.nudge();
  }

  /** Jumps to recording time `at` (epoch ms, clamped to the start; Infinity is the end). */
  seek(at: number): void {
    this.seekTarget = Math.max(this.opts.startAt, at);
    this.nudge();
  }

  /** Stops playing and releases the file. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.nudge();
    this.opts.clock.dispose();
    await this.iterator.return?.();
  }

  private async loop(): Promise<void> {
    const { clock } = this.opts;
    let applied = 0;
    while (!this.stopped) {
      if (this.seekTarget !== null) {
        await this.doSeek();
        continue;
      }
      const next = await this.peek();
      if (this.stopped || this.seekTarget !== null) continue;
      if (!next) {
        const end = Math.max(this.opts.endAt() ?? this.lastApplied, this.lastApplied);
        if (clock.now() < end && Number.isFinite(clock.speed)) await this.sleepUntil(end);
        else await this.finish(end);
        continue;
      }
      if (next.t > clock.now()) {
        if (Number.isFinite(clock.speed) || clock.isPaused) {
          await this.sleepUntil(next.t);
          continue;
        }
        clock.advanceTo(next.t);
      }
      this.applyNext();
      if (++applied % (this.opts.batch ?? 2000) === 0) await yieldToLoop();
    }
  }

  private async finish(end: number): Promise<void> {
    if (this.seekTarget !== null || this.stopped) return;
    this.opts.clock.seek(end);
    this.opts.clock.setPaused(true);
    this.changed(true);
    await new Promise<void>((resolve) => (this.wake = resolve));
    this.wake = null;
    this.changed();
  }

  private async doSeek(): Promise<void> {
    const target = this.seekTarget!;
    this.seekTarget = null;
    const { clock } = this.opts;
    if (target < this.lastApplied) {
      this.emit = this.opts.reset();
      this.index = 0;
      this.lastApplied = this.opts.startAt;
      if (!this.keeping) await this.rewind();
    }
    if (Number.isFinite(target)) clock.seek(target);
    let applied = 0;
    for (;;) {
      if (this.stopped || this.seekTarget !== null) return;
      const next = await this.peek();
      if (!next || next.t > target) break;
      this.applyNext();
      if (++applied % (this.opts.batch ?? 2000) === 0) await yieldToLoop();
    }
    if (!Number.isFinite(target)) clock.seek(Math.max(this.opts.endAt() ?? this.lastApplied, this.lastApplied));
    this.changed();
  }

  private async peek(): Promise<RecordedEvent | null> {
    if (this.index < this.log.length) return this.log[this.index];
    if (this.pending) return this.pending;
    if (this.readDone) return null;
    const r = await this.iterator.next();
    if (r.done) {
      this.readDone = true;
      this.changed();
      return null;
    }
    this.pending = r.value;
    if (this.keeping) this.keep(r.value);
    return r.value;
  }

  private keep(r: RecordedEvent): void {
    this.keptChars += r.size ?? 200;
    if (this.opts.reopen && this.keptChars > (this.opts.keepChars ?? DEFAULT_KEEP_CHARS)) {
      // Too big to hold: from now on a seek back reads the file again.
      this.keeping = false;
      this.log = [];
      this.index = 0;
      return;
    }
    this.log.push(r);
    this.pending = null;
  }

  /** Starts reading the recording again from its beginning (a seek back without the events in memory). */
  private async rewind(): Promise<void> {
    await this.iterator.return?.();
    this.iterator = this.opts.reopen!()[Symbol.asyncIterator]();
    this.pending = null;
    this.readDone = false;
  }

  private applyNext(): void {
    let r: RecordedEvent;
    if (this.index < this.log.length) r = this.log[this.index++];
    else {
      r = this.pending!;
      this.pending = null;
    }
    // The newest time applied: a recording whose clock stepped back still seeks back correctly.
    this.lastApplied = Math.max(this.lastApplied, r.t);
    this.emit(r.event);
  }

  private sleepUntil(at: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const handle = this.opts.clock.setTimeout(done, at - this.opts.clock.now());
      const clock = this.opts.clock;
      this.wake = done;
      function done() {
        clock.clearTimeout(handle);
        resolve();
      }
    }).finally(() => (this.wake = null));
  }

  private nudge(): void {
    this.wake?.();
  }

  private snapshot(ended: boolean): ReplayStatus {
    const { clock } = this.opts;
    return { speed: clock.speed, paused: clock.isPaused, ended, readDone: this.readDone };
  }

  private changed(ended = false): void {
    this.current = this.snapshot(ended);
    for (const l of [...this.listeners]) l();
  }
}
