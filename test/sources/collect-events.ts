// Test support for log sources: a trivial parse function, an event collector and a polling wait.
import type { LinesEvent, SourceEvent, StatusEvent } from '../../src/model/console-state/events.js';
import type { LogLine } from '../../src/model/logs/log-line.js';

/** Parses nothing: the raw line becomes the message; level from a leading word such as "ERROR". */
export function plainParse(raw: string, source: string, readAt: number): LogLine {
  const m = /^(error|warn|info|debug)\b/i.exec(raw);
  const level = (m ? m[1].toLowerCase() : 'unknown') as LogLine['level'];
  return { at: readAt, timed: false, level, source, message: raw, raw };
}

/** Everything a source emitted, with helpers to look at it. */
export class Collected {
  readonly events: SourceEvent[] = [];
  readonly emit = (e: SourceEvent): void => {
    this.events.push(e);
  };

  /** Raw text of every line emitted, in order. */
  lines(): string[] {
    return this.batches().flatMap((e) => e.lines.map((l) => l.raw));
  }

  /** Every lines event. */
  batches(): LinesEvent[] {
    return this.events.filter((e): e is LinesEvent => e.type === 'lines');
  }

  /** Every status event. */
  statuses(): StatusEvent[] {
    return this.events.filter((e): e is StatusEvent => e.type === 'status');
  }

  /** The last status event, if any. */
  lastStatus(): StatusEvent | undefined {
    return this.statuses().at(-1);
  }

  /** Sum of `dropped` over all lines events. */
  dropped(): number {
    return this.batches().reduce((n, e) => n + (e.dropped ?? 0), 0);
  }
}

/** Polls `check` every few milliseconds until it returns true; fails with `what` after `timeoutMs`. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
