// Number and time formatting for panels: percentages, seconds, rates and ages.

/** A ratio 0..1 as a percentage with sensible precision: 0.05 -> "5.00%", 0.1234 -> "12.3%". */
export function formatPercent(ratio: number): string {
  if (!Number.isFinite(ratio)) return 'n/a';
  // A chart's axis steps by fractions that land a hair below zero: that is 0.00%, never "-0.00%".
  const pct = Math.abs(ratio * 100) < 0.005 ? 0 : ratio * 100;
  return `${pct >= 10 ? pct.toFixed(1) : pct.toFixed(2)}%`;
}

/** Seconds in a readable unit: 0.0042 -> "4.2ms", 2.5 -> "2.50s". */
export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return 'n/a';
  if (s < 0.001) return `${(s * 1e6).toFixed(0)}µs`.replace('µ', 'u');
  if (s < 1) return `${(s * 1000).toFixed(s < 0.01 ? 1 : 0)}ms`;
  if (s < 100) return `${s.toFixed(2)}s`;
  return `${Math.round(s)}s`;
}

/**
 * True when `s` is over the threshold by more than a float's rounding: histogram_quantile interpolating to a bucket's
 * bound gives 0.5000000000000001 for 0.5, which is the SLO, not over it.
 */
export function overThreshold(s: number, threshold: number): boolean {
  return Number.isFinite(s) && threshold > 0 && s - threshold > threshold * 1e-9;
}

/**
 * Seconds beside a threshold: as formatSeconds, with more digits when that would read the same as the threshold
 * though the value is not it ("500.4ms" over an SLO of 500ms, "499.6ms" under it, never two "500ms").
 */
export function formatSecondsAgainst(s: number, threshold: number): string {
  const text = formatSeconds(s);
  if (Math.abs(s - threshold) <= threshold * 1e-9 || text !== formatSeconds(threshold) || !Number.isFinite(s)) return text;
  for (let digits = 1; digits <= 6; digits++) {
    const finer = s < 1 ? `${(s * 1000).toFixed(digits)}ms` : `${s.toFixed(digits + 2)}s`;
    const slo = threshold < 1 ? `${(threshold * 1000).toFixed(digits)}ms` : `${threshold.toFixed(digits + 2)}s`;
    if (finer !== slo) return finer;
  }
  return text;
}

/** An events-per-second rate compactly: 4988 -> "4988/s", 12345 -> "12.3k/s". */
export function formatRate(perS: number | undefined): string {
  if (perS === undefined || !Number.isFinite(perS)) return '-';
  if (perS >= 1e6) return `${(perS / 1e6).toFixed(1)}M/s`;
  if (perS >= 1e4) return `${(perS / 1e3).toFixed(1)}k/s`;
  if (perS >= 100) return `${Math.round(perS)}/s`;
  return `${perS.toFixed(perS === 0 ? 0 : 1)}/s`;
}

/** An age in milliseconds as "2s", "40s", "3m", "2h". */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) return `${s}s`;
  if (s < 5400) return `${Math.round(s / 60)}m`;
  return `${Math.round(s / 3600)}h`;
}

/** Wall-clock HH:MM:SS in UTC for an epoch-millisecond time. */
export function formatClock(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}
