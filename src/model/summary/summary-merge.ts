// Adds the totals of one summary accumulator (from another thread, as structured-clone data) into another.
import type { LogLevel } from '../logs/log-line.js';
import { addSamples, type SummaryAccumulator } from './summary-accumulator.js';

/** The plain data of a SummaryAccumulator, as it arrives from a worker thread (Maps survive structured clone). */
export type SummaryTotals = Pick<
  SummaryAccumulator,
  'lines' | 'untimed' | 'outside' | 'malformedJson' | 'firstAt' | 'lastAt' | 'levels' | 'services' | 'errorMessages' | 'podErrors' | 'deploys'
>;

/** Adds `from` into `into` (counts summed, buckets and latency samples joined, first/last times widened). */
export function mergeTotals(into: SummaryAccumulator, from: SummaryTotals): void {
  into.lines += from.lines;
  into.untimed += from.untimed;
  into.outside += from.outside;
  into.malformedJson += from.malformedJson;
  // NaN (no timed line counted on that side) never replaces a time.
  if (from.firstAt === from.firstAt && !(from.firstAt >= into.firstAt)) into.firstAt = from.firstAt;
  if (from.lastAt === from.lastAt && !(from.lastAt <= into.lastAt)) into.lastAt = from.lastAt;
  for (const level of Object.keys(from.levels) as LogLevel[]) into.levels[level] += from.levels[level];
  for (const [name, svc] of from.services) {
    let mine = into.services.get(name);
    if (!mine) {
      mine = { lines: 0, errors: 0, minutes: new Map() };
      into.services.set(name, mine);
    }
    mine.lines += svc.lines;
    mine.errors += svc.errors;
    for (const [minute, b] of svc.minutes) {
      const m = mine.minutes.get(minute);
      if (!m) mine.minutes.set(minute, b);
      else {
        m.lines += b.lines;
        m.errors += b.errors;
        addSamples(m.latencies, b.latencies);
      }
    }
  }
  for (const [key, msg] of from.errorMessages) {
    const mine = into.errorMessages.get(key);
    if (mine) mine.count += msg.count;
    else into.errorMessages.set(key, msg);
  }
  for (const [pod, p] of from.podErrors) {
    const mine = into.podErrors.get(pod);
    if (mine) mine.errors += p.errors;
    else into.podErrors.set(pod, p);
  }
  into.deploys.push(...from.deploys);
}
