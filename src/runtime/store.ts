// The one door through which data changes: apply(event), with listeners notified at most once per frame.
import { applyEvent, emptyState, forgetScoped, type ConsoleState } from '../model/console-state/console-state.js';
import type { SourceEvent } from '../model/console-state/events.js';
import type { LogLine } from '../model/logs/log-line.js';
import type { PipelineSample } from '../model/pipeline/pipeline-types.js';
import type { Clock, TimerHandle } from '../model/session/clock.js';

/** Something that wants to see every event (recorder, session tracker). */
export type EventTap = (event: SourceEvent) => void;

/** Where log lines go: a bounded, time-ordered buffer (model/log-store.ts); receivedAt in epoch ms. */
export interface LogSink {
  add(lines: LogLine[], receivedAt: number, droppedBySource?: number): void;
}

/** Where pipeline readings go: the tracker that turns them into rates, loss history and verdicts. */
export interface PipelineSink {
  apply(samples: readonly PipelineSample[]): void;
}

/** Holds ConsoleState; subscribe/getSnapshot fit React's useSyncExternalStore. */
export class Store {
  private state: ConsoleState = emptyState();
  private readonly listeners = new Set<() => void>();
  private readonly taps: EventTap[] = [];
  private pending: TimerHandle | undefined;
  private lastNotify = -Infinity;

  constructor(
    private readonly clock: Clock,
    private readonly frameMs = 33,
    /** The log buffer fed by `lines` events; the state keeps only counts and times, the lines live here. */
    readonly logs?: LogSink,
    /** Pipeline component history fed by `pipeline` events (rates need the previous reading, so it is kept here). */
    readonly pipeline?: PipelineSink,
  ) {}

  /** Current state (stable identity between changes). */
  getSnapshot = (): ConsoleState => this.state;

  /** Registers a listener; returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Adds a tap that sees every event before it is applied. */
  tap(fn: EventTap): void {
    this.taps.push(fn);
  }

  /** Applies one event and schedules a notification. */
  apply = (event: SourceEvent): void => {
    for (const t of this.taps) t(event);
    if (event.type === 'lines') this.logs?.add(event.lines, event.at, event.dropped);
    else if (event.type === 'pipeline') this.pipeline?.apply(event.samples);
    const before = this.state.firstDataAt;
    this.state = applyEvent(this.state, event);
    // The first real data point is shown at once, whatever was shown just before (the first graph waits on it).
    if (before === null && this.state.firstDataAt !== null) this.flush();
    else this.scheduleNotify();
  };

  /** Drops the data asked for the old scope (service or pod changed) and redraws at once. */
  forgetScoped(): void {
    this.state = forgetScoped(this.state);
    this.flush();
  }

  /** Notifies listeners now (used before a final frame and in tests). */
  flush(): void {
    if (this.pending !== undefined) this.clock.clearTimeout(this.pending);
    this.pending = undefined;
    this.lastNotify = this.clock.now();
    for (const l of [...this.listeners]) l();
  }

  private scheduleNotify(): void {
    if (this.pending !== undefined) return;
    const wait = Math.max(0, this.lastNotify + this.frameMs - this.clock.now());
    if (wait === 0) {
      // The first change after a quiet spell is shown at once (this is what the first graph waits on).
      this.flush();
      return;
    }
    this.pending = this.clock.setTimeout(() => {
      this.pending = undefined;
      this.flush();
    }, wait);
  }
}
