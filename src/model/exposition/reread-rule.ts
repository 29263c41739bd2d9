// When a directly scraped target gives its first rate: the rule that decides which readings of its counters are taken
// in, and how soon to read it again while they have not moved.
//
// A target's counters move when the target updates them, which is often once a second (Vector's internal metrics,
// exporters that cache), not at every request. So a second reading taken soon after the first usually sees the same
// values, and that pair is not a rate of zero: nothing was measured yet. The rule:
// - the first reading is taken in; while the counters stay where they were, the target is read again after 100, 200,
//   300 ms ... (never past one scrape interval after the last reading taken in), and those still readings are dropped.
//   The steps grow by 100 ms rather than doubling: a target updating once a second, the common case, is then seen
//   moving at most a second after the first reading (600 ms median) instead of 1.5 s (700 ms median), for a few more
//   reads of a slow target (17 in 15 s instead of 8);
// - the first reading where they moved is taken in and gives the first rate;
// - counters that stay still for a whole scrape interval are a real zero: that reading is taken in, as Prometheus's
//   rate() gives 0 for two equal samples one interval apart. After the first rate the same holds: a reading that did
//   not move is only taken in once it is a scrape interval after the last one.
// Which pair gives a right first rate depends on what is asked of it. Ratios (errors over requests, a quantile of
// bucket rates) and targets that stamp their samples with their own time (Vector's prometheus_exporter does by default,
// as Fluent Bit 1.x does) are right from the first pair that moved: span 'one-change'. A per-second figure from a
// target that does not stamp is not: between the first reading and the first change lies an unknown part of the
// target's update period. That needs 'two-changes': the rate runs from one observed change to the next, each timed
// halfway between the reading that saw it and the one before, read every 100 ms while waiting so that both are close.

/** First re-read delay after a reading whose counters had not moved, in milliseconds; 100 ms longer at every re-read. */
export const FIRST_REREAD_MS = 100;

/** Re-read delay while timing two changes of an unstamped target, in milliseconds. */
export const CHANGE_TIMING_REREAD_MS = 100;

/** Which readings bound a first rate: see the file comment. */
export type RateSpan = 'one-change' | 'two-changes';

/** What to do with one reading. */
export interface RereadDecision {
  /** Take the reading in (feed it to the rate math); false: drop it, it says nothing yet. */
  take: boolean;
  /** The reading starts a new rate span: no rate is computed from the reading taken before it. */
  restart: boolean;
  /** Before the first rate, when the counters moved: the moment of the change, halfway since the reading before (epoch ms). */
  changedAt: number | null;
  /** Read the target again after this many milliseconds; null: its regular schedule. */
  rereadInMs: number | null;
}

/** The re-read rule for one target; times are whatever clock the caller reads, in epoch milliseconds. */
export class RereadRule {
  private lastTakenAt: number | null = null;
  private lastAt = 0;
  private lastFingerprint = '';
  private changes = 0;
  private stillReads = 1;
  private firstAt: number | null = null;
  /** True once the target has given its first rate, or a real zero. */
  rated = false;

  /** `intervalMs`: the target's scrape interval in milliseconds. */
  constructor(private readonly intervalMs: number) {}

  /** Milliseconds since the first reading (0 before it). */
  waitedMs(now: number): number {
    return this.firstAt === null ? 0 : now - this.firstAt;
  }

  /**
   * Decides about the reading taken at `at` whose counters read as `fingerprint` (any string that changes when a
   * counter moves; include the samples' own timestamps when the target stamps them).
   */
  observe(at: number, fingerprint: string, span: RateSpan): RereadDecision {
    const before = this.lastAt;
    const wasRated = this.rated;
    const moved = this.lastTakenAt !== null && fingerprint !== this.lastFingerprint;
    this.lastAt = at;
    this.lastFingerprint = fingerprint;
    if (this.lastTakenAt === null) {
      this.firstAt = at;
      return this.taken(at, false, null, Math.min(FIRST_REREAD_MS, this.intervalMs));
    }
    // Only while waiting for the first rate are readings close enough together to time a change by.
    const changedAt = moved && !wasRated ? before + (at - before) / 2 : null;
    if (moved) {
      this.stillReads = 1;
      if (!this.rated && span === 'two-changes' && this.changes === 0) {
        this.changes = 1;
        return this.taken(at, true, changedAt, Math.min(CHANGE_TIMING_REREAD_MS, this.intervalMs));
      }
      this.rated = true;
      return this.taken(at, false, changedAt, null);
    }
    const still = at - this.lastTakenAt;
    if (still >= this.intervalMs) {
      this.rated = true;
      return this.taken(at, false, null, null);
    }
    if (this.rated) return { take: false, restart: false, changedAt: null, rereadInMs: null };
    const step = span === 'two-changes' ? CHANGE_TIMING_REREAD_MS : FIRST_REREAD_MS * ++this.stillReads;
    return { take: false, restart: false, changedAt: null, rereadInMs: Math.max(1, Math.min(step, this.intervalMs - still)) };
  }

  private taken(at: number, restart: boolean, changedAt: number | null, rereadInMs: number | null): RereadDecision {
    this.lastTakenAt = at;
    return { take: true, restart, changedAt, rereadInMs };
  }
}
