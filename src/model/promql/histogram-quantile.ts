// PromQL's histogram_quantile() over classic buckets, following bucketQuantile in Prometheus's promql/quantile.go.
import { parseFloatToken } from '../exposition/exposition-lexer.js';
import type { LabelledValue } from './sum-by.js';

/** One cumulative bucket: upper bound `le` (Infinity for +Inf) and the count of observations <= le. */
export interface Bucket {
  le: number;
  count: number;
}

/**
 * Buckets from labelled values (for example the output of `sumBy(..., ['le'])`): `le` parsed as Prometheus
 * parses it ("+Inf", "1e-3", ...); values without a parseable `le` are skipped, as histogram_quantile does.
 */
export function bucketsFromLe(items: Iterable<LabelledValue>): Bucket[] {
  const out: Bucket[] = [];
  for (const item of items) {
    const raw = Object.hasOwn(item.labels, 'le') ? item.labels.le : undefined;
    const le = raw === undefined ? undefined : parseFloatToken(raw, 0, raw.length);
    if (le !== undefined) out.push({ le, count: item.value });
  }
  return out;
}

/** Relative difference below which neighbouring bucket counts are treated as equal (float noise from rate()). */
export const SMALL_DELTA_TOLERANCE = 1e-12;

const MIN_NORMAL = 2.2250738585072014e-308;

/** Prometheus's almost.Equal: a and b differ by less than epsilon relative to their size. */
function almostEqual(a: number, b: number, epsilon: number): boolean {
  if (Number.isNaN(a) && Number.isNaN(b)) return true;
  if (a === b) return true;
  const absSum = Math.abs(a) + Math.abs(b);
  const diff = Math.abs(a - b);
  if (a === 0 || b === 0 || absSum < MIN_NORMAL) return diff < epsilon * MIN_NORMAL;
  return diff / Math.min(absSum, Number.MAX_VALUE) < epsilon;
}

/**
 * The q-quantile (0 <= q <= 1) estimated from cumulative buckets, interpolating linearly inside a bucket.
 * Edge rules as in Prometheus: NaN q -> NaN; q < 0 -> -Inf; q > 1 -> +Inf; no +Inf bucket, fewer than two
 * buckets or zero observations -> NaN; buckets with equal `le` are merged; tiny float differences between
 * neighbours are ignored and decreasing counts are lifted to keep counts monotonic; the lowest bucket
 * starts at 0 when its upper bound is positive (else its upper bound is the answer); a quantile that falls
 * in the +Inf bucket is the upper bound of the second-highest bucket.
 */
export function histogramQuantile(q: number, buckets: readonly Bucket[]): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  if (buckets.length === 0) return NaN;
  const sorted = buckets.map((b) => ({ le: b.le, count: b.count })).sort((a, b) => a.le - b.le);
  if (sorted[sorted.length - 1].le !== Infinity) return NaN;

  const merged: Bucket[] = [];
  for (const b of sorted) {
    const prev = merged[merged.length - 1];
    if (prev !== undefined && prev.le === b.le) prev.count += b.count;
    else merged.push(b);
  }
  ensureMonotonic(merged);

  if (merged.length < 2) return NaN;
  const observations = merged[merged.length - 1].count;
  if (observations === 0) return NaN;
  let rank = q * observations;
  // The first bucket (the +Inf one excluded) whose count reaches the rank, by the same binary search as Go's
  // sort.Search, so that even NaN counts lead to the same bucket.
  let b = 0;
  for (let hi = merged.length - 1; b < hi; ) {
    const mid = (b + hi) >>> 1;
    if (merged[mid].count >= rank) hi = mid;
    else b = mid + 1;
  }

  if (b === merged.length - 1) return merged[merged.length - 2].le;
  if (b === 0 && merged[0].le <= 0) return merged[0].le;
  let bucketStart = 0;
  const bucketEnd = merged[b].le;
  let count = merged[b].count;
  if (b > 0) {
    bucketStart = merged[b - 1].le;
    count -= merged[b - 1].count;
    rank -= merged[b - 1].count;
  }
  return bucketStart + (bucketEnd - bucketStart) * (rank / count);
}

/**
 * Makes counts non-decreasing in place: a count within SMALL_DELTA_TOLERANCE of the last kept one (either
 * direction) takes its value, and so does any smaller count.
 */
function ensureMonotonic(buckets: Bucket[]): void {
  let prev = buckets[0].count;
  for (let i = 1; i < buckets.length; i++) {
    const curr = buckets[i].count;
    if (curr === prev) continue;
    if (almostEqual(prev, curr, SMALL_DELTA_TOLERANCE) || curr < prev) {
      buckets[i].count = prev;
      continue;
    }
    prev = curr;
  }
}
