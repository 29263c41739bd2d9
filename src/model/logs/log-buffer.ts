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

/** Lines held in time order; the oldest go first when the buffer is full, and every loss is counted. */
export class LogBuffer {
  private lines: LogLine[] = [];
  /** Arrival number of each line in `lines`, same positions (the first line ever added is 0). */
  private arrivals: number[] = [];
  private head = 0;
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
    return this.lines.length - this.head;
  }

  /** Forgets every line (a replay seeking back starts the pane again); totals and drops are kept. */
  clear(): void {
    this.lines = [];
    this.arrivals = [];
    this.head = 0;
    for (const k of Object.keys(this.counts) as LogLevel[]) this.counts[k] = 0;
    this.version++;
  }

  /** Adds lines from one event (receivedAt in epoch ms) and counts the source's own losses. */
  add(lines: readonly LogLine[], _receivedAt?: number, droppedBySource = 0): void {
    this.dropped += droppedBySource;
    for (const line of lines) this.insert(line, this.total++);
    const over = this.size - this.o.capacity;
    if (over > 0) {
      for (let i = this.head; i < this.head + over; i++) this.counts[this.lines[i].level]--;
      this.head += over;
      this.dropped += over;
      // Compacts now and then so trimming stays amortised constant time.
      if (this.head > this.o.capacity) {
        this.lines = this.lines.slice(this.head);
        this.arrivals = this.arrivals.slice(this.head);
        this.head = 0;
      }
    }
    this.version++;
  }

  private insert(line: LogLine, arrival: number): void {
    this.counts[line.level]++;
    const last = this.lines.length > this.head ? this.lines[this.lines.length - 1] : undefined;
    if (!last || line.at >= last.at) {
      this.lines.push(line);
      this.arrivals.push(arrival);
      return;
    }
    if (last.at - line.at > this.o.reorderWindowMs) {
      this.late++;
      this.lines.push(line);
      this.arrivals.push(arrival);
      return;
    }
    // Binary search for the first line later than this one, among the held lines.
    let lo = this.head;
    let hi = this.lines.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.lines[mid].at <= line.at) lo = mid + 1;
      else hi = mid;
    }
    this.lines.splice(lo, 0, line);
    this.arrivals.splice(lo, 0, arrival);
  }

  /** The newest `count` matching lines after skipping `skip` matching lines from the end, oldest first. */
  tail(count: number, skip: number, q: LogQuery = {}): LogLine[] {
    const out: LogLine[] = [];
    let skipped = 0;
    for (let i = this.endIndex(q.until); i >= this.head && out.length < count; i--) {
      const line = this.lines[i];
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
    for (let i = this.endIndex(q.until); i >= this.head; i--) if (this.matches(i, q)) out[this.lines[i].level]++;
    return out;
  }

  /** How many held lines match the query. */
  count(q: LogQuery = {}): number {
    if (!q.test && !q.errorsOnly && !q.pod && !q.service && q.until == null && q.arrivedBefore == null) return this.size;
    let n = 0;
    for (let i = this.endIndex(q.until); i >= this.head; i--) if (this.matches(i, q)) n++;
    return n;
  }

  private matches(i: number, q: LogQuery): boolean {
    const line = this.lines[i];
    if (q.arrivedBefore != null && this.arrivals[i] >= q.arrivedBefore) return false;
    if (q.errorsOnly && !isError(line)) return false;
    if (q.pod && line.pod !== q.pod && !line.raw.includes(q.pod)) return false;
    if (q.service && !sameService(line, q.service)) return false;
    return !q.test || q.test(line);
  }

  /** Index of the last line at or before `until` (all lines when null). */
  private endIndex(until?: number | null): number {
    if (until == null) return this.lines.length - 1;
    let lo = this.head;
    let hi = this.lines.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.lines[mid].at <= until) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }
}
