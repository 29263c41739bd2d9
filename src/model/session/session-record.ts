// The record of one console session: when it started, time-to-first-graph, per-source first data, how it ended.
import type { SourceEvent } from '../console-state/events.js';
import { redact } from './redact.js';

/** How a session ended. */
export type EndReason = 'quit' | 'SIGINT' | 'SIGTERM' | 'SIGHUP' | 'once' | 'error' | 'exit' | 'crash';

/** One line of sessions.jsonl; times in milliseconds, `started_at` RFC 3339. */
export interface SessionRecord {
  id: string;
  started_at: string;
  command: string;
  profile: string;
  service: string;
  host: string;
  ttfg_ms: number | null;
  first_log_ms: number | null;
  sources: Record<string, { kind: string; first_data_ms: number | null; errors: number; last_error: string | null }>;
  ended: EndReason;
  duration_ms: number;
  /** With telemetry.pushgateway: where the session's TTFG was pushed and why that failed (null when it did not). */
  ttfg_push?: { to: string; error: string | null };
}

/** Collects the session's facts from the event stream; time offsets are from process start. */
export class SessionTracker {
  private readonly record: Omit<SessionRecord, 'id'>;
  private readonly id: () => string;
  private finished = false;

  constructor(
    // The id is asked for when the record is closed: making one loads node:crypto (about 5 ms), which the first graph
    // need not wait for.
    init: { id: () => string; startedAtMs: number; command: string; profile: string; service: string; host: string },
    private readonly sinceStart: () => number,
    private readonly secrets: readonly string[],
  ) {
    this.id = init.id;
    this.record = {
      started_at: new Date(init.startedAtMs).toISOString(),
      command: init.command,
      profile: init.profile,
      service: init.service,
      host: init.host,
      ttfg_ms: null,
      first_log_ms: null,
      sources: {},
      ended: 'exit',
      duration_ms: 0,
    };
  }

  /** Time-to-first-graph in milliseconds, or null before the first graph. */
  get ttfgMs(): number | null {
    return this.record.ttfg_ms;
  }

  /** Notes the first painted frame with a real data point. */
  firstGraph(): void {
    if (this.record.ttfg_ms === null) this.record.ttfg_ms = Math.round(this.sinceStart());
  }

  /** Sees every source event (a store tap). */
  observe = (event: SourceEvent): void => {
    const s = (this.record.sources[event.source] ??= { kind: event.source, first_data_ms: null, errors: 0, last_error: null });
    if (event.type === 'status') {
      if (event.kind) s.kind = event.kind;
      if (event.state === 'down' || event.state === 'degraded') {
        s.errors++;
        s.last_error = event.error ? redact(event.error, this.secrets).slice(0, 300) : null;
      }
      return;
    }
    if (s.first_data_ms === null) s.first_data_ms = Math.round(this.sinceStart());
    if (event.type === 'lines' && event.lines.length > 0 && this.record.first_log_ms === null) {
      this.record.first_log_ms = Math.round(this.sinceStart());
    }
  };

  /** Closes the record once (later calls return null) with how it ended. */
  finish(ended: EndReason): SessionRecord | null {
    if (this.finished) return null;
    this.finished = true;
    return { id: this.id(), ...this.record, ended, duration_ms: Math.round(this.sinceStart()) };
  }
}

/** p-quantile (0..1) of numbers by nearest rank; NaN for an empty list. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}
