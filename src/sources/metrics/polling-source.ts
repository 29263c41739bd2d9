// The shell every polled source shares: its poller, its emit, its status events, and start/stop/refresh/restart.
import type { Emit, SourceEvent, SourceState } from '../../model/console-state/events.js';
import type { Clock } from '../../model/session/clock.js';
import { Poller, type PollRun } from './poller.js';
import type { PolledSource } from '../source.js';

/** A polled source around one round function; `kind` may change while it runs (alerts: Alertmanager or ALERTS). */
export class PollingSource implements PolledSource {
  private out: Emit = () => undefined;
  readonly poller: Poller;

  constructor(
    readonly name: string,
    public kind: string,
    private readonly clock: Clock,
    round: PollRun,
    intervalMs: () => number,
    /** What a scope or window change does; by default the round in flight is cancelled and run again. */
    private readonly onRestart?: () => void,
    /** What else stopping ends (timers of the source's own). */
    private readonly onStop?: () => void,
  ) {
    this.poller = new Poller(round, { intervalMs, clock });
  }

  /** Hands an event to the runtime. */
  emit = (event: SourceEvent): void => this.out(event);

  /** Emits this source's state, with a reason when not up and the round trip in milliseconds when known. */
  status = (state: SourceState, error: string | null, latencyMs?: number): void =>
    this.out({ type: 'status', source: this.name, kind: this.kind, at: this.clock.now(), state, error, latencyMs });

  start(emit: Emit): void {
    this.out = emit;
    this.status('connecting', null);
    this.poller.start();
  }

  stop(): Promise<void> {
    this.onStop?.();
    return this.poller.stop();
  }

  refresh(): void {
    this.poller.kick();
  }

  restart(): void {
    if (this.onRestart) this.onRestart();
    else this.poller.restart();
  }
}
