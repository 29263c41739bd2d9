// What the re-read rule needs from a target's readings: whether its counters moved, when it stamped them, and what
// to say while some targets are still waiting for their first rate.
import type { ExpositionSample } from './exposition-types.js';
import type { RereadRule } from './reread-rule.js';

/**
 * A string that changes when any sample of the named metrics (all samples when `names` is absent) changes value or
 * timestamp. Gauges are best left out: a memory gauge moves at every read while the counters wait for their update.
 */
export function countersFingerprint(samples: readonly ExpositionSample[], names?: ReadonlySet<string>): string {
  const parts: string[] = [];
  for (const s of samples) {
    if (names && !names.has(s.name)) continue;
    parts.push(s.timestampMs === undefined ? String(s.value) : `${s.value}@${s.timestampMs}`);
  }
  return parts.join(' ');
}

/** The latest timestamp the target put on its samples (epoch ms), or undefined when it stamps none. */
export function samplesStampedAt(samples: readonly ExpositionSample[]): number | undefined {
  let latest: number | undefined;
  for (const s of samples) if (s.timestampMs !== undefined && (latest === undefined || s.timestampMs > latest)) latest = s.timestampMs;
  return latest;
}

/** Status wording for targets without a first rate: `waiting` while one is within `waitMs`, else an `unknown` note each. */
export function rateWaitNotes(targets: ReadonlyArray<{ url: string; rule: RereadRule }>, now: number, waitMs: number): { waiting: string | null; unknown: string[] } {
  const pending = targets.filter((t) => !t.rule.rated);
  if (pending.length === 0) return { waiting: null, unknown: [] };
  if (pending.some((t) => t.rule.waitedMs(now) < waitMs)) {
    const what = pending.length === 1 ? `the counters of ${pending[0].url}` : `the counters of ${pending.length} targets`;
    return { waiting: `waiting for ${what} to move to compute rates`, unknown: [] };
  }
  const seconds = Math.round(waitMs / 100) / 10;
  return { waiting: null, unknown: pending.map((t) => `rates unknown: the counters of ${t.url} have not moved in ${seconds} s`) };
}
