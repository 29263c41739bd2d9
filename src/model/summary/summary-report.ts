// The incident timeline document built from summary totals: the `replay --summary --json` shape (snake_case, stable).
import type { LogLevel } from '../logs/log-line.js';
import { BUCKET_MS, type ServiceTotals } from './summary-accumulator.js';
import type { SummaryTotals } from './summary-merge.js';

/** Key under which lines without a service are counted. */
export const NO_SERVICE_KEY = '(none)';
/** A minute counts as a rise when its error ratio exceeds baseline x this factor... */
export const RISE_FACTOR = 2;
/** ...and exceeds baseline + this ratio (0..1)... */
export const RISE_MIN_DELTA = 0.01;
/** ...and has at least this many errors. */
export const RISE_MIN_ERRORS = 3;
/** Entries kept in top_errors and top_pods. */
export const TOP_N = 10;

/** How far the read of one file got, as the archive reader reports it. */
export interface FileRead {
  path: string;
  bytes: number;
  lines: number;
  /** Why reading stopped early (e.g. "truncated gzip"), or null. */
  cut: string | null;
  /** Lines longer than the reader's limit, each cut to it. */
  linesCut: number;
}

/** One read file. */
export interface SummaryFile {
  path: string;
  bytes: number;
  lines: number;
  /** Why reading stopped early (e.g. "truncated gzip"), or null. */
  cut: string | null;
  /** Lines longer than the archive reader's limit (MAX_LINE_BYTES), each cut to it and counted once in `lines`. */
  lines_cut: number;
}

/** A minute of one service (RFC 3339 minute start). */
export interface MinutePoint {
  at: string;
  lines: number;
  errors: number;
  /** errors / lines, 0..1. */
  error_ratio: number;
}

/** One service's timeline. */
export interface ServiceSummary {
  service: string;
  lines: number;
  errors: number;
  /** Minutes with lines: what the baseline is the median of. */
  minutes: number;
  /** Median per-minute error ratio (0..1) over the minutes with lines: the service's normal. */
  baseline_error_ratio: number;
  /** First minute whose error ratio passed the rise rule, or null. */
  first_rise: MinutePoint | null;
  /** Minute with the most errors (earliest on a tie), or null without errors. */
  peak: MinutePoint | null;
  /** Exact p99 latency (nearest rank over the minute's samples) per minute with samples. */
  p99: Array<{ at: string; seconds: number; samples: number }>;
}

/** The whole `replay --summary --json` document. */
export interface SummaryReport {
  files: SummaryFile[];
  lines: number;
  lines_untimed: number;
  lines_outside_range: number;
  lines_malformed_json: number;
  span: { from: string | null; to: string | null; duration_s: number | null };
  by_level: Record<LogLevel, number>;
  by_service: Record<string, number>;
  services: ServiceSummary[];
  top_errors: Array<{ message: string; count: number; example: string }>;
  top_pods: Array<{ pod: string; service: string; errors: number }>;
  deploys: Array<{ at: string | null; service: string | null; version: string | null; message: string }>;
}

/** RFC 3339 in UTC without milliseconds when they are zero. */
export const isoTime = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

/** Ranges longer than this are first narrowed around k by selecting in a sample of them (see selectKth). */
const SAMPLED_ABOVE = 600;

/**
 * The k-th smallest value (0-based) of `a`, which is reordered in place. Floyd and Rivest's selection: in a long range
 * the pivot is the value selected, the same way, from a small range of values around k, so one partition of the
 * whole range leaves few values beside k. For a p99 that is about one pass over the samples, where a median-of-three
 * pivot took two or three.
 */
export function selectKth(a: Float64Array, k: number): number {
  selectIn(a, 0, a.length - 1, k);
  return a[k];
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/** Puts the k-th smallest value of a[lo..hi] at k, the smaller ones before it and the larger after. */
function selectIn(a: Float64Array, lo: number, hi: number, k: number): void {
  while (hi > lo) {
    if (hi - lo > SAMPLED_ABOVE) {
      // A range of about n^(2/3) values around k, placed where k's rank in it is k's rank in the whole.
      const n = hi - lo + 1;
      const i = k - lo + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * Math.sign(i - n / 2);
      selectIn(a, Math.max(lo, Math.floor(k - (i * s) / n + sd)), Math.min(hi, Math.floor(k + ((n - i) * s) / n + sd)), k);
    }
    // Partition a[lo..hi] around t, the value now at k.
    const t = a[k];
    let i = lo;
    let j = hi;
    swap(a, lo, k);
    if (a[hi] > t) swap(a, hi, lo);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while (a[i] < t) i++;
      while (a[j] > t) j--;
    }
    if (a[lo] === t) swap(a, lo, j);
    else {
      j++;
      swap(a, j, hi);
    }
    if (j <= k) lo = j + 1;
    if (k <= j) hi = j - 1;
  }
}

/** Exact p-quantile (0..1) of the samples (no NaN among them) by nearest rank; selects in a copy. */
export function nearestRank(samples: ArrayLike<number>, q: number): number {
  const copy = Float64Array.from(samples);
  if (copy.length === 0) return Number.NaN;
  return selectKth(copy, Math.max(0, Math.ceil(q * copy.length) - 1));
}

/** The middle value of `xs` (the mean of the two middle ones for an even count), 0 when empty. */
export function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const point = (at: number, b: { lines: number; errors: number }): MinutePoint => ({
  at: isoTime(at), lines: b.lines, errors: b.errors, error_ratio: b.lines ? b.errors / b.lines : 0,
});

/** The error ratio (0..1) a minute must exceed to count as a rise above `baseline` (also needs RISE_MIN_ERRORS errors). */
export const riseThreshold = (baseline: number): number => Math.max(baseline * RISE_FACTOR, baseline + RISE_MIN_DELTA);

/** Timeline of one service: baseline, first rise, peak and p99 per minute. */
export function serviceSummary(name: string, svc: ServiceTotals): ServiceSummary {
  const minutes = [...svc.minutes.entries()].sort((a, b) => a[0] - b[0]);
  const ratios = minutes.filter(([, b]) => b.lines > 0).map(([, b]) => b.errors / b.lines);
  const baseline = median(ratios);
  const threshold = riseThreshold(baseline);
  let rise: MinutePoint | null = null;
  let peak: MinutePoint | null = null;
  let peakErrors = 0;
  const p99: ServiceSummary['p99'] = [];
  for (const [at, b] of minutes) {
    if (rise === null && b.errors >= RISE_MIN_ERRORS && b.errors / b.lines > threshold) rise = point(at, b);
    if (b.errors > peakErrors) {
      peakErrors = b.errors;
      peak = point(at, b);
    }
    const n = b.latencies.length;
    // Selects in the bucket's own samples (their order is not kept: only the set matters).
    if (n) p99.push({ at: isoTime(at), seconds: selectKth(b.latencies.data.subarray(0, n), Math.ceil(0.99 * n) - 1), samples: n });
  }
  return { service: name || NO_SERVICE_KEY, lines: svc.lines, errors: svc.errors, minutes: ratios.length, baseline_error_ratio: baseline, first_rise: rise, peak, p99 };
}

/** Builds the summary document from merged totals and the files read. */
export function buildSummaryReport(t: SummaryTotals, files: FileRead[]): SummaryReport {
  const timed = t.firstAt === t.firstAt;
  const services = [...t.services.entries()].sort((a, b) => b[1].errors - a[1].errors || b[1].lines - a[1].lines || (a[0] < b[0] ? -1 : 1));
  const by_service: Record<string, number> = {};
  for (const [name, svc] of services) by_service[name || NO_SERVICE_KEY] = svc.lines;
  return {
    files: files.map((f) => ({ path: f.path, bytes: f.bytes, lines: f.lines, cut: f.cut, lines_cut: f.linesCut })),
    lines: t.lines,
    lines_untimed: t.untimed,
    lines_outside_range: t.outside,
    lines_malformed_json: t.malformedJson,
    span: {
      from: timed ? isoTime(t.firstAt) : null,
      to: timed ? isoTime(t.lastAt) : null,
      duration_s: timed ? (t.lastAt - t.firstAt) / 1000 : null,
    },
    by_level: { ...t.levels },
    by_service,
    services: services.map(([name, svc]) => serviceSummary(name, svc)),
    top_errors: [...t.errorMessages.entries()]
      .sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1))
      .slice(0, TOP_N)
      .map(([message, m]) => ({ message, count: m.count, example: m.example })),
    top_pods: [...t.podErrors.entries()]
      .sort((a, b) => b[1].errors - a[1].errors || (a[0] < b[0] ? -1 : 1))
      .slice(0, TOP_N)
      .map(([pod, p]) => ({ pod, service: p.service || NO_SERVICE_KEY, errors: p.errors })),
    deploys: [...t.deploys]
      .sort((a, b) => (a.at === a.at ? a.at : -Infinity) - (b.at === b.at ? b.at : -Infinity))
      .map((d) => ({ at: d.at === d.at ? isoTime(d.at) : null, service: d.service, version: d.version, message: d.message })),
  };
}

/** Minute bucket length in seconds, as documented for the timeline. */
export const BUCKET_SECONDS = BUCKET_MS / 1000;
