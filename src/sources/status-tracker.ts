// Emits a source's status only when its state or reason changes, with credentials removed from the reason.
import type { Emit, SourceState } from '../model/console-state/events.js';
import { redact } from '../model/session/redact.js';

/** Status reporter for one source. */
export class StatusTracker {
  private last: { state: SourceState; error: string | null } | undefined;

  constructor(
    private readonly source: string,
    private readonly kind: string,
    private readonly emit: Emit,
    private readonly now: () => number,
    private readonly secrets: readonly string[] = [],
  ) {}

  /** The state last reported, or undefined before the first report. */
  get state(): SourceState | undefined {
    return this.last?.state;
  }

  /** Reports `state` with an optional reason; repeated identical reports are dropped unless a latency is given. */
  set(state: SourceState, error: string | null = null, latencyMs?: number): void {
    const safe = error === null ? null : redact(error, this.secrets);
    if (latencyMs === undefined && this.last?.state === state && this.last.error === safe) return;
    this.last = { state, error: safe };
    this.emit({ type: 'status', source: this.source, kind: this.kind, at: this.now(), state, error: safe, latencyMs });
  }
}
