// The log pane's lines: bounded, merged by timestamp across sources with a bounded reorder window, counted.
import type { LogLevel, LogLine } from './log-line.js';

/** Buffer settings: how many lines are kept, and how late (ms) a line may arrive and still take its place. */
export interface LogBufferOptions {
  capacity: number;
  reorderWindowMs: number;
}

/** Which lines a view wants; `until` is a time cursor in epoch ms. */
export interface LogQuery {
  test?: (line: LogLine) => boolean;
  errorsOnly?: boolean;
  pod?: string;
  /** Hides lines that name another service; lines that name none are kept. */
  service?: string;
  until?: number | null;
  /** Shows only lines that arrived before this many had (a frozen view); null or absent: every line. */
  arrivedBefore?: number | null;
}

/** True when a line's service field, if any, is the scoped service (one name containing the other, any case). */
export function sameService(line: LogLine, service: string): boolean {
  const own = line.service;
  // The same name is the common case, and needs no lower-case copies (this runs for every held line, every frame).
  if (!own || own === service) return true;
  const a = own.toLowerCase();
  const b = service.toLowerCase();
  return a.includes(b) || b.includes(a);
}

const ERRORISH: ReadonlySet<LogLevel> = new Set(['error', 'fatal']);

/** True for error and fatal lines. */
export const isError = (line: LogLine): boolean => ERRORISH.has(line.level);

/**
 * Lines held in time order; the oldest go first when the buffer is full, and every loss is counted. The held lines are
 * lines[head..end): slots are reused, so a burst of lines allocates no new arrays once the buffer has filled, and a
 * line that leaves lets go at once of what it reads from (a block of bytes, during a burst).
 */
export class LogBuffer {
  private lines: Array<LogLine | undefined> = [];
  /** Arrival number of each line in `lines`, same positions (the first line ever added is 0). */
  private arrivals: number[] = [];
  private head = 0;
  private end = 0;
  /** Lines received since start. */
  total = 0;
  /** Lines lost: pushed out by the capacity, or reported lost by a source. */
  dropped = 0;
  /** Lines that came later than the reorder window and were placed at the end instead of their time. */
  late = 0;
  /** Changes on every add. */
  version = 0;
  readonly counts: Record<LogLevel, number> = { fatal: 0, error: 0, warn: 0, info: 0, debug: 0, trace: 0, unknown: 0 };

  constructor(private readonly o: LogBufferOptions) {}

  /** Lines held now. */
  get size(): number {
    return this.end - this.head;
  }

  /** Forgets every line (a replay seeking back starts the pane again); totals and drops are kept. */
  clear(): void {
    this.lines = [];
    this.arrivals = [];
    this.head = 0;
    this.end = 0;
    for (const k of Object.keys(this.counts) as LogLevel[]) this.counts[k] = 0;
    this.version++;
  }

  /** Adds lines from one event (receivedAt in epoch ms) and counts the source's own losses. */
  add(lines: readonly LogLine[], _receivedAt?: number, droppedBySource = 0): void {
    this.dropped += droppedBySource;
    for (const line of lines) this.insert(line, this.total++);
    const over = this.size - this.o.capacity;
    if (over > 0) {
      for (let i = this.head; i < this.head + over; i++) {
        this.counts[this.at(i).level]--;
        this.lines[i] = undefined;
      }
      this.head += over;
      this.dropped += over;
      // Moves the held lines to the front now and then, in place, so trimming stays amortised constant time.
      if (this.head > this.o.capacity) {
        const n = this.end - this.head;
        for (let i = 0; i < n; i++) {
          this.lines[i] = this.lines[this.head + i];
          this.arrivals[i] = this.arrivals[this.head + i];
        }
        this.lines.fill(undefined, n, this.end);
        this.head = 0;
        this.end = n;
      }
    }
    this.version++;
  }

  /** The held line in slot `i` (head <= i < end). */
  private at(i: number): LogLine {
    return this.lines[i] as LogLine;
  }

  private insert(line: LogLine, arrival: number): void {
    this.counts[line.level]++;
    const last = this.end > this.head ? this.at(this.end - 1) : undefined;
    let to = this.end;
    if (last && line.at < last.at) {
      if (last.at - line.at > this.o.reorderWindowMs) this.late++;
      else {
        // Binary search for the first line later than this one, among the held lines; those after it move up one.
        let lo = this.head;
        let hi = this.end;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (this.at(mid).at <= line.at) lo = mid + 1;
          else hi = mid;
        }
        for (; to > lo; to--) {
          this.lines[to] = this.lines[to - 1];
          this.arrivals[to] = this.arrivals[to - 1];
        }
      }
    }
    this.lines[to] = line;
    this.arrivals[to] = arrival;
    this.end++;
  }

  /** The newest `count` matching lines after skipping `skip` matching lines from the end, oldest first. */
  tail(count: number, skip: number, q: LogQuery = {}): LogLine[] {
    const out: LogLine[] = [];
    let skipped = 0;
    for (let i = this.endIndex(q.until); i >= this.head && out.length < count; i--) {
      const line = this.at(i);
      if (!this.matches(i, q)) continue;
      if (skipped < skip) skipped++;
      else out.push(line);
    }
    return out.reverse();
  }

  /** Held lines by level among those the query matches (the pane's counts for the service and pod in scope). */
  countByLevel(q: LogQuery = {}): Record<LogLevel, number> {
    if (!q.test && !q.errorsOnly && !q.pod && !q.service && q.until == null && q.arrivedBefore == null) return { ...this.counts };
    const out: Record<LogLevel, number> = { fatal: 0, error: 0, warn: 0, info: 0, debug: 0, trace: 0, unknown: 0 };
    for (let i = this.endIndex(q.until); i >= this.head; i--) if (this.matches(i, q)) out[this.at(i).level]++;
    return out;
  }

  /** How many held lines match the query. */
  count(q: LogQuery = {}): number {
    if (!q.test && !q.errorsOnly && !q.pod && !q.service && q.until == null && q.arrivedBefore == null) return this.size;
    let n = 0;
    for (let i = this.endIndex(q.until); i >= this.head; i--) if (this.matches(i, q)) n++;
    return n;
  }

  /**
   * Held lines that name a service, when not one of them names `service` (as sameService matches it): a mistyped
   * scope, whose pane shows only the lines that name no service. 0 as soon as one does (newest first, so that is soon).
   */
  namingOthers(service: string): number {
    let n = 0;
    for (let i = this.end - 1; i >= this.head; i--) {
      const line = this.at(i);
      if (!line.service) continue;
      if (sameService(line, service)) return 0;
      n++;
    }
    return n;
  }

  private matches(i: number, q: LogQuery): boolean {
    const line = this.at(i);
    if (q.arrivedBefore != null && this.arrivals[i] >= q.arrivedBefore) return false;
    if (q.errorsOnly && !isError(line)) return false;
    if (q.pod && line.pod !== q.pod && !line.raw.includes(q.pod)) return false;
    if (q.service && !sameService(line, q.service)) return false;
    return !q.test || q.test(line);
  }

  /** Index of the last line at or before `until` (all lines when null). */
  private endIndex(until?: number | null): number {
    if (until == null) return this.end - 1;
    let lo = this.head;
    let hi = this.end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.at(mid).at <= until) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }
}
