// An archive of log lines as a compact timeline: one entry per line (time, level, latency, service, pod, and where its
// text is), sorted by time, with what the replay screen needs at any moment: error ratio per step, p99 per pod,
// the lines before a moment, and the next anomaly. Built once in a first pass; a seek is a binary search.
import type { LogLevel, LogLine } from './log-line.js';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'unknown'];
const ERROR_CODES = new Set([0, 1]);

/** Where a line's text is: which file and at which byte offset. */
export interface LineRef {
  file: number;
  offset: number;
}

/**
 * Indexes 0..n-1 ordered by t[i], ties in index order. When every time is a whole millisecond and (time - earliest)
 * and the index fit together in 53 bits, both are packed into one double and sorted natively (a comparator sort of a
 * million lines took 200 ms); otherwise by comparator.
 */
export function sortedOrder(t: Float64Array, n: number): Uint32Array {
  let min = Infinity;
  let max = -Infinity;
  let whole = true;
  for (let i = 0; i < n; i++) {
    const x = t[i];
    if (x < min) min = x;
    if (x > max) max = x;
    if (whole && !Number.isInteger(x)) whole = false;
  }
  const bits = Math.max(1, Math.ceil(Math.log2(n + 1)));
  const scale = 2 ** bits;
  const idx = new Uint32Array(n);
  if (n > 0 && whole && (max - min + 1) * scale <= Number.MAX_SAFE_INTEGER) {
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = (t[i] - min) * scale + i;
    keys.sort();
    for (let i = 0; i < n; i++) idx[i] = keys[i] % scale;
    return idx;
  }
  for (let i = 0; i < n; i++) idx[i] = i;
  return idx.sort((a, b) => t[a] - t[b] || a - b);
}

/** Appends parsed lines in file order, then `finish()` sorts them by time. */
export class ArchiveTimeline {
  private n = 0;
  private t = new Float64Array(1024);
  private level = new Uint8Array(1024);
  private latency = new Float32Array(1024);
  private service = new Uint16Array(1024);
  private pod = new Uint16Array(1024);
  private file = new Uint16Array(1024);
  private offset = new Float64Array(1024);
  private order: Uint32Array = new Uint32Array(0);
  private readonly names: string[] = [''];
  private readonly nameIds = new Map<string, number>([['', 0]]);
  /** Lines whose time came from the line before (none of their own). */
  untimed = 0;
  private lastAt = 0;

  /** Lines held. */
  get size(): number {
    return this.n;
  }

  private id(name: string | undefined): number {
    if (!name) return 0;
    let id = this.nameIds.get(name);
    if (id === undefined) {
      if (this.names.length >= 65_535) return 0;
      id = this.names.length;
      this.names.push(name);
      this.nameIds.set(name, id);
    }
    return id;
  }

  private grow(): void {
    const cap = this.t.length * 2;
    const g = <T extends Float64Array | Uint8Array | Float32Array | Uint16Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.t = g(this.t, (k) => new Float64Array(k));
    this.level = g(this.level, (k) => new Uint8Array(k));
    this.latency = g(this.latency, (k) => new Float32Array(k));
    this.service = g(this.service, (k) => new Uint16Array(k));
    this.pod = g(this.pod, (k) => new Uint16Array(k));
    this.file = g(this.file, (k) => new Uint16Array(k));
    this.offset = g(this.offset, (k) => new Float64Array(k));
  }

  /** Adds one parsed line of file `file` starting at byte `offset`; a line without its own time takes the last one's. */
  add(line: LogLine, file: number, offset: number): void {
    if (this.n === this.t.length) this.grow();
    const i = this.n++;
    let at = line.at;
    if (!line.timed) {
      this.untimed++;
      at = this.lastAt;
    } else this.lastAt = at;
    this.t[i] = at;
    this.level[i] = LEVELS.indexOf(line.level);
    this.latency[i] = line.latency ?? Number.NaN;
    this.service[i] = this.id(line.service);
    this.pod[i] = this.id(line.pod);
    this.file[i] = file;
    this.offset[i] = offset;
  }

  /** Sorts by time (stable: lines with equal times keep file order). Call once after the last add. */
  finish(): void {
    this.order = sortedOrder(this.t, this.n);
  }

  /** First and last line times (epoch ms), or null when empty. */
  span(): { start: number; end: number } | null {
    if (this.n === 0) return null;
    return { start: this.t[this.order[0]], end: this.t[this.order[this.n - 1]] };
  }

  /** Position of the first line later than `at` (lines before it happened at or before `at`). */
  positionAfter(at: number): number {
    let lo = 0;
    let hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.t[this.order[mid]] <= at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Where the text of the lines at positions [from, to) is, in time order. */
  refs(from: number, to: number): LineRef[] {
    const out: LineRef[] = [];
    for (let p = Math.max(0, from); p < Math.min(this.n, to); p++) {
      const i = this.order[p];
      out.push({ file: this.file[i], offset: this.offset[i] });
    }
    return out;
  }

  private inService(i: number, service?: string): boolean {
    return !service || this.service[i] === 0 || this.names[this.service[i]] === service;
  }

  /** Error ratio (error and fatal lines over all lines) per step ending at `endMs`, null where no line fell. */
  errorRate(startMs: number, endMs: number, stepMs: number, service?: string): Array<[number, number | null]> {
    const points: Array<[number, number | null]> = [];
    const steps = Math.floor((endMs - startMs) / stepMs);
    for (let k = steps; k >= 0; k--) {
      const to = endMs - k * stepMs;
      let all = 0;
      let errors = 0;
      for (let p = this.positionAfter(to - stepMs); p < this.positionAfter(to); p++) {
        const i = this.order[p];
        if (!this.inService(i, service)) continue;
        all++;
        if (ERROR_CODES.has(this.level[i])) errors++;
      }
      points.push([to / 1000, all > 0 ? errors / all : null]);
    }
    return points;
  }

  /** p99 latency (seconds) per pod over (endMs - rangeMs, endMs], highest first, at most `topK`. */
  p99ByPod(endMs: number, rangeMs: number, topK: number, service?: string): Array<{ pod: string; seconds: number }> {
    const byPod = new Map<number, number[]>();
    for (let p = this.positionAfter(endMs - rangeMs); p < this.positionAfter(endMs); p++) {
      const i = this.order[p];
      if (!this.inService(i, service) || Number.isNaN(this.latency[i])) continue;
      const list = byPod.get(this.pod[i]) ?? [];
      list.push(this.latency[i]);
      byPod.set(this.pod[i], list);
    }
    const out = [...byPod].map(([pod, xs]) => {
      xs.sort((a, b) => a - b);
      return { pod: this.names[pod] || 'all', seconds: xs[Math.min(xs.length - 1, Math.ceil(0.99 * xs.length) - 1)] };
    });
    return out.sort((a, b) => b.seconds - a.seconds).slice(0, topK);
  }

  /**
   * The start of the next step after `afterMs` whose error ratio jumps: at least twice the average of the
   * `baselineSteps` steps before it, and at least `floor` above that average. Null when none is left.
   */
  nextAnomaly(afterMs: number, stepMs: number, floor: number, baselineSteps = 10, service?: string): number | null {
    const span = this.span();
    if (!span) return null;
    const from = Math.max(span.start, afterMs - baselineSteps * stepMs);
    const points = this.errorRate(from, span.end + stepMs, stepMs, service);
    for (let k = baselineSteps; k < points.length; k++) {
      const [t, v] = points[k];
      if (v === null || t * 1000 <= afterMs + stepMs) continue;
      const base = points.slice(k - baselineSteps, k).map(([, x]) => x ?? 0);
      const avg = base.reduce((a, b) => a + b, 0) / base.length;
      if (v >= 2 * avg && v - avg >= floor) return t * 1000 - stepMs;
    }
    return null;
  }
}
