// Remembers where a Loki tail got to, so a reconnection resumes there without showing a line twice.
import { labelsKey, type LokiEntry } from './loki-api.js';

const MAX_AT_LAST = 10_000;

function keyOf(e: LokiEntry): string {
  return `${labelsKey(e.labels)}\u0000${e.line}`;
}

/** What was already shown when a connection started: entries before it, or at it and seen, are repeats. */
export interface ResumeFence {
  isRepeat(entry: LokiEntry): boolean;
}

/** The newest timestamp shown and the entries shown at exactly that timestamp. */
export class LokiResume {
  private last: bigint | null = null;
  private atLast = new Set<string>();

  /** The newest nanosecond timestamp shown, or null before any entry. */
  get lastNs(): string | null {
    return this.last === null ? null : this.last.toString();
  }

  /** Records an entry that was shown. */
  note(entry: LokiEntry): void {
    const ns = BigInt(entry.ns);
    if (this.last === null || ns > this.last) {
      this.last = ns;
      this.atLast = new Set();
    }
    if (ns === this.last && this.atLast.size < MAX_AT_LAST) this.atLast.add(keyOf(entry));
  }

  /** A snapshot for a new connection that starts at `lastNs`. */
  fence(): ResumeFence {
    const last = this.last;
    const seen = new Set(this.atLast);
    return {
      isRepeat: (entry) => {
        if (last === null) return false;
        const ns = BigInt(entry.ns);
        return ns < last || (ns === last && seen.has(keyOf(entry)));
      },
    };
  }
}
