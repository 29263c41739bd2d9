// The interface every data source implements.
import type { Emit } from '../model/console-state/events.js';

/** A running producer of events. start() must not throw; failures become status events. */
export interface Source {
  /** Display name, unique within a session ("prometheus", "app.log", "loki"). */
  readonly name: string;
  /** Kind shown in the JSON snapshot ("prometheus", "scrape", "file", "command", "stdin", "loki", "alertmanager"). */
  readonly kind: string;
  start(emit: Emit): void;
  /** Stops timers, requests and child processes; resolves when nothing is left running. */
  stop(): Promise<void>;
}

/** A Source that can be refreshed now or restarted when its scope changes (the polled metric sources). */
export interface PolledSource extends Source {
  refresh(): void;
  restart(): void;
}
