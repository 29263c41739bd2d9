// When a latency quantile is only a floor: histogram_quantile answers the highest finite bucket's bound for a quantile
// that falls in the +Inf bucket, so a p99 of exactly that bound means "at least this", not "this".
import { parseFloatToken } from '../exposition/exposition-lexer.js';
import type { Bucket } from './histogram-quantile.js';

/** A query that is `histogram_quantile(q, inner)` and nothing else: the quantile and the inner expression's text. */
export interface QuantileQuery {
  q: number;
  inner: string;
}

/**
 * Splits `histogram_quantile(q, inner)` into its two arguments; null when the query is anything else (an arithmetic
 * around it, a function of it, a quantile given by an expression). Strings are skipped whole, so a comma or a
 * parenthesis inside a label matcher's regular expression counts for nothing.
 */
export function splitQuantileQuery(query: string): QuantileQuery | null {
  const head = /^\s*histogram_quantile\s*\(/.exec(query);
  if (!head) return null;
  let depth = 1;
  let comma = -1;
  let i = head[0].length;
  for (; i < query.length && depth > 0; i++) {
    const c = query[i];
    if (c === '"' || c === "'" || c === '`') {
      const close = closingQuote(query, i);
      if (close < 0) return null;
      i = close;
    } else if (c === '#') return null;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 1 && comma < 0) comma = i;
  }
  if (depth !== 0 || comma < 0 || query.slice(i).trim() !== '') return null;
  const qText = query.slice(head[0].length, comma).trim();
  const q = qText === '' ? Number.NaN : Number(qText);
  const inner = query.slice(comma + 1, i - 1).trim();
  if (!(q >= 0 && q <= 1) || inner === '') return null;
  return { q, inner };
}

/** Index of the quote closing the string that opens at `open`, or -1; backquoted strings have no escapes. */
function closingQuote(text: string, open: number): number {
  const quote = text[open];
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\' && quote !== '`') i++;
    else if (text[i] === quote) return i;
  }
  return -1;
}

/** The series a quantile is computed for: its labels without `le` and the metric name, in a stable order. */
function bucketGroupKey(labels: Record<string, string>): string {
  return JSON.stringify(Object.keys(labels).filter((k) => k !== 'le' && k !== '__name__').sort().map((k) => [k, labels[k]]));
}

/**
 * The highest finite `le` of each group of bucket series (as histogram_quantile groups them), from the inner
 * expression's answer. Groups with no finite bucket are left out.
 */
export function topFiniteBounds(buckets: ReadonlyArray<{ labels: Record<string, string> }>): Map<string, number> {
  const out = new Map<string, number>();
  for (const b of buckets) {
    const raw = b.labels.le;
    if (raw === undefined) continue;
    const le = parseFloatToken(raw, 0, raw.length);
    if (le === undefined || !Number.isFinite(le)) continue;
    const key = bucketGroupKey(b.labels);
    if (!(le <= (out.get(key) ?? Number.NEGATIVE_INFINITY))) out.set(key, le);
  }
  return out;
}

/**
 * True when a quantile of `seconds` for the series labelled `labels` is its histogram's highest finite bound: the
 * quantile fell in the +Inf bucket, and the true value is that bound or more. A group the bounds do not know is not
 * marked, unless every known group has the same highest bound (one bucket layout for the whole service).
 */
export function isAtLeast(seconds: number, labels: Record<string, string>, bounds: ReadonlyMap<string, number>): boolean {
  if (!Number.isFinite(seconds)) return false;
  const top = boundOf(labels, bounds);
  return top !== undefined && Math.abs(seconds - top) <= Math.abs(top) * 1e-9;
}

/**
 * The highest finite bound `isAtLeast` compares a quantile of the series labelled `labels` with: its group's, or the
 * one every known group shares; undefined when the bounds cannot tell.
 */
export function boundOf(labels: Record<string, string>, bounds: ReadonlyMap<string, number>): number | undefined {
  const top = bounds.get(bucketGroupKey(labels));
  if (top !== undefined) return top;
  const all = new Set(bounds.values());
  return all.size === 1 ? [...all][0] : undefined;
}

/**
 * True when the q-quantile of cumulative `buckets` falls in the +Inf bucket, where histogram_quantile answers the
 * highest finite bound: more than a (1 - q) share of the observations are above that bound. With the counts at hand
 * this is exact; `isAtLeast` is what a bound alone can tell.
 */
export function pastHighestBucket(q: number, buckets: readonly Bucket[]): boolean {
  let all = Number.NaN;
  let top: Bucket | undefined;
  for (const b of buckets) {
    if (b.le === Number.POSITIVE_INFINITY) all = b.count;
    else if (Number.isFinite(b.le) && (top === undefined || b.le > top.le)) top = b;
  }
  return top !== undefined && all > 0 && q < 1 && q * all > top.count;
}
