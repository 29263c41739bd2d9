// When the error rate rose, by the summary's rule (baseline = median ratio; a rise passes twice it and 1 point above it).
import { median, RISE_MIN_ERRORS, riseThreshold } from '../summary/summary-report.js';

/** One point of an error-ratio series: epoch ms, ratio 0..1, and the error count when known (log-derived). */
export interface RatioPoint {
  at: number;
  ratio: number | null;
  errors?: number;
}

/** A rise: when (epoch ms), the baseline before it and the highest ratio from it on (0..1). */
export interface Rise {
  at: number;
  before: number;
  after: number;
}

/**
 * The first point of `points` (oldest first) whose ratio passes the summary's rise rule against the median of all
 * of them, with at least one calm point before it; null when none passes. A point with a count must have
 * RISE_MIN_ERRORS errors, as in the summary. A point without one (a rate from Prometheus, a ratio of a few log lines
 * per step) stands for an unknown number of errors, so the rise must hold instead: the next point passes too, and so
 * does the median from it to the newest point. One noisy step is not a rise.
 */
export function findRise(points: readonly RatioPoint[]): Rise | null {
  const finite = points.filter((p): p is RatioPoint & { ratio: number } => p.ratio !== null && Number.isFinite(p.ratio));
  if (finite.length < 2) return null;
  const baseline = median(finite.map((p) => p.ratio));
  const threshold = riseThreshold(baseline);
  const holds = (j: number) => j + 1 < finite.length && finite[j + 1].ratio > threshold && median(finite.slice(j).map((p) => p.ratio)) > threshold;
  const i = finite.findIndex((p, j) => p.ratio > threshold && (p.errors === undefined ? holds(j) : p.errors >= RISE_MIN_ERRORS));
  if (i <= 0) return null;
  let after = 0;
  for (let j = i; j < finite.length; j++) after = Math.max(after, finite[j].ratio);
  return { at: finite[i].at, before: baseline, after };
}
