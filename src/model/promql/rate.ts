// PromQL's increase() and rate() over scraped samples, with Prometheus's extrapolation (extrapolatedRate in
// promql/functions.go): counter resets, extrapolation to the range edges when the first/last sample is within
// 1.1 average intervals of them (else half an interval), and no extrapolation below a counter's zero point.
import type { TimedSample } from './sample-ring.js';

/** Where two generations of Prometheus differ; the defaults follow Prometheus 3. */
export interface RateOptions {
  /**
   * Also take a sample lying exactly on rangeStart, as Prometheus 2 did (its ranges were closed on both
   * ends); Prometheus 3 ranges are left-open. Default false.
   */
  includeRangeStart?: boolean;
  /**
   * Clamp the start of the extrapolation to the counter's zero point before, not after, the 1.1x-interval
   * test, as Prometheus 2 releases before the 2024 fix (2.42 among them) did. Default false.
   */
  zeroClampBeforeThreshold?: boolean;
}

/** The samples a PromQL range selector would pick: rangeStart < t <= rangeEnd (both epoch milliseconds). */
export function samplesInRange(samples: readonly TimedSample[], rangeStartMs: number, rangeEndMs: number, options: RateOptions = {}): TimedSample[] {
  const out: TimedSample[] = [];
  for (const s of samples) {
    if (s.t > rangeEndMs) break;
    if (s.t > rangeStartMs || (options.includeRangeStart === true && s.t === rangeStartMs)) out.push(s);
  }
  return out;
}

/**
 * increase() over (rangeStartMs, rangeEndMs]: the counter's growth over the range, extrapolated. Samples
 * must be in time order; those outside the range are ignored. Null when fewer than two samples fall in it.
 */
export function increase(samples: readonly TimedSample[], rangeStartMs: number, rangeEndMs: number, options: RateOptions = {}): number | null {
  return extrapolatedRate(samplesInRange(samples, rangeStartMs, rangeEndMs, options), rangeStartMs, rangeEndMs, true, false, options);
}

/** rate() over (rangeStartMs, rangeEndMs]: increase() per second of the range. Null when it has no answer. */
export function rate(samples: readonly TimedSample[], rangeStartMs: number, rangeEndMs: number, options: RateOptions = {}): number | null {
  return extrapolatedRate(samplesInRange(samples, rangeStartMs, rangeEndMs, options), rangeStartMs, rangeEndMs, true, true, options);
}

/** delta() over (rangeStartMs, rangeEndMs] for gauges: last minus first, extrapolated, no reset handling. */
export function delta(samples: readonly TimedSample[], rangeStartMs: number, rangeEndMs: number, options: RateOptions = {}): number | null {
  return extrapolatedRate(samplesInRange(samples, rangeStartMs, rangeEndMs, options), rangeStartMs, rangeEndMs, false, false, options);
}

function extrapolatedRate(
  points: readonly TimedSample[],
  rangeStart: number,
  rangeEnd: number,
  isCounter: boolean,
  isRate: boolean,
  options: RateOptions,
): number | null {
  if (points.length < 2) return null;
  const first = points[0];
  const last = points[points.length - 1];
  let result = last.v - first.v;
  if (isCounter) {
    // A drop means the counter restarted from zero: what it had reached before the drop still counts.
    for (let i = 1; i < points.length; i++) if (points[i].v < points[i - 1].v) result += points[i - 1].v;
  }
  let durationToStart = (first.t - rangeStart) / 1000;
  let durationToEnd = (rangeEnd - last.t) / 1000;
  const sampledInterval = (last.t - first.t) / 1000;
  const averageInterval = sampledInterval / (points.length - 1);
  const threshold = averageInterval * 1.1;
  const rangeSeconds = (rangeEnd - rangeStart) / 1000;

  if (options.zeroClampBeforeThreshold === true) {
    if (isCounter && result > 0 && first.v >= 0) {
      const durationToZero = sampledInterval * (first.v / result);
      if (durationToZero < durationToStart) durationToStart = durationToZero;
    }
    let interval = sampledInterval;
    interval += durationToStart < threshold ? durationToStart : averageInterval / 2;
    interval += durationToEnd < threshold ? durationToEnd : averageInterval / 2;
    result = result * (interval / sampledInterval);
    return isRate ? result / rangeSeconds : result;
  }

  if (durationToStart >= threshold) durationToStart = averageInterval / 2;
  if (isCounter) {
    // Counters cannot go below zero: do not extrapolate further back than where this one would be zero.
    let durationToZero = durationToStart;
    if (result > 0 && first.v >= 0) durationToZero = sampledInterval * (first.v / result);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }
  if (durationToEnd >= threshold) durationToEnd = averageInterval / 2;
  let factor = 1;
  if (sampledInterval !== 0) factor = (sampledInterval + durationToStart + durationToEnd) / sampledInterval;
  if (isRate) factor /= rangeSeconds;
  return result * factor;
}
