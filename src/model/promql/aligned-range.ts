// Range-query bounds aligned to the step, so the same panel asks the same question for a whole step; and the newest
// value, asked for separately, joined to the range answer.
import type { Series } from '../console-state/events.js';
import type { InstantSample } from './prom-response.js';

/** Bounds of one range query in unix seconds; `step` in seconds. */
export interface AlignedRange {
  start: number;
  end: number;
  step: number;
}

/**
 * The range to ask for at `nowMs` (epoch ms): the end is the last multiple of the step at or before now, the start a
 * whole number of steps earlier covering `windowMs` (plus `extraSteps` steps before it). Both are multiples of the
 * step, so every refresh within one step, and every console with the same step, sends the same request: results
 * caches in front of Prometheus (Thanos, Mimir, Cortex query-frontends) answer it without evaluating it again, and
 * Mimir caches only aligned requests. The newest partial step is left out; the caller asks for it separately.
 */
export function alignedRange(nowMs: number, windowMs: number, stepMs: number, extraSteps = 0): AlignedRange {
  const step = Math.max(1, Math.round(stepMs / 1000));
  const end = Math.floor(nowMs / 1000 / step) * step;
  const steps = Math.ceil(windowMs / 1000 / step) + extraSteps;
  return { start: end - steps * step, end, step };
}

/**
 * Whether the newest value is worth an instant query at `t` (unix seconds) beside a range ending at `end`: when the
 * unfinished step is at least one scrape interval long a newer scrape may be missing from the range; a shorter one
 * misses at most the scrape in flight, as every reading does.
 */
export function wantsNewest(t: number, end: number, scrapeIntervalMs: number): boolean {
  return (t - end) * 1000 >= Math.max(1000, scrapeIntervalMs);
}

/** A stable key for a label set, the same whatever order the labels came in. */
const labelKey = (labels: Record<string, string>): string => JSON.stringify(Object.keys(labels).sort().map((k) => [k, labels[k]]));

/**
 * The range answer with the newest value appended: each instant sample taken at `t` (unix seconds, after the range's
 * end) becomes the last point of the series with the same labels, or a series of its own. NaN and infinities are gaps,
 * as in the range answer. Returns new arrays; the answers it reads may be shared with other panels.
 */
export function withNewest(series: Series[], newest: InstantSample[], t: number): Series[] {
  const byKey = new Map(newest.map((s) => [labelKey(s.labels), s.value]));
  const point = (v: number): [number, number | null] => [t, Number.isFinite(v) ? v : null];
  const out = series.map((s) => {
    const key = labelKey(s.labels);
    const v = byKey.get(key);
    if (v === undefined) return s;
    byKey.delete(key);
    return { labels: s.labels, points: [...s.points.filter(([pt]) => pt < t), point(v)] };
  });
  for (const s of newest) if (byKey.has(labelKey(s.labels))) out.push({ labels: s.labels, points: [point(s.value)] });
  return out;
}
