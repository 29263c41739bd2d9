// Runs one task periodically: single-flight (a tick is skipped while the last run is busy), exponential backoff on failure.
import type { Clock, TimerHandle } from '../../model/session/clock.js';

/** What the poller runs; a rejected promise counts as a failure and triggers backoff. */
export type PollRun = (signal: AbortSignal) => Promise<void>;

/** Poller settings; delays in milliseconds. */
export interface PollerOptions {
  intervalMs: () => number;
  /** Longest delay after repeated failures. */
  maxBackoffMs?: number;
  clock: Clock;
}

/** Periodic single-flight runner with cancellation. */
export class Poller {
  private timer: TimerHandle | undefined;
  private running: AbortController | undefined;
  private failures = 0;
  private stopped = true;
  private idle: Promise<void> = Promise.resolve();

  constructor(private readonly run: PollRun, private readonly opts: PollerOptions) {}

  /** Consecutive failures so far (0 after a success). */
  get failureCount(): number {
    return this.failures;
  }

  /** Delay before the next attempt given the failures so far, in milliseconds. */
  nextDelayMs(): number {
    const base = this.opts.intervalMs();
    if (this.failures === 0) return base;
    const max = this.opts.maxBackoffMs ?? 30_000;
    return Math.min(max, Math.max(base, 1000 * 2 ** (this.failures - 1)));
  }

  /** Starts polling; the first run happens at once. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.tick();
  }

  /** Runs now unless a run is in flight; resets the schedule. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) return;
    this.tick();
  }

  /** Aborts the run in flight (if any) and starts a fresh one: used when the query changes (window, service). */
  restart(): void {
    if (this.stopped) return;
    this.running?.abort();
    this.running = undefined;
    this.failures = 0;
    this.tick();
  }

  /** Stops timers and aborts the run in flight; resolves once it has settled. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) this.opts.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.running?.abort();
    await this.idle;
  }

  private tick(): void {
    if (this.timer !== undefined) this.opts.clock.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.stopped || this.running) return;
    const controller = new AbortController();
    this.running = controller;
    this.idle = this.run(controller.signal).then(
      () => {
        this.failures = 0;
      },
      () => {
        if (!controller.signal.aborted) this.failures += 1;
      },
    ).finally(() => {
      if (this.running === controller) this.running = undefined;
      if (!this.stopped && !controller.signal.aborted) this.schedule();
    });
  }

  private schedule(): void {
    if (this.timer !== undefined) this.opts.clock.clearTimeout(this.timer);
    this.timer = this.opts.clock.setTimeout(() => this.tick(), this.nextDelayMs());
  }
}
