// Suspects for a whole archive, from the finished `replay --summary` report (nothing is scanned again).
import { BUCKET_SECONDS, type SummaryReport } from '../summary/summary-report.js';
import { changeSuspect, dependencySuspect, mergePodSuspects, podErrorSuspect, type ChangeInput } from './rules.js';
import { rankSuspects, type Suspect } from './suspect.js';

const ms = (iso: string) => Date.parse(iso);

/**
 * The suspects of a report, best first: per service whose errors rose (the summary's own first_rise), the deploy
 * nearest before the rise (of that service or naming none) and its top pod by errors; over all errors, the top
 * masked message. With no rise anywhere nothing is elevated, so nothing passes: no clear suspect.
 */
export function summarySuspects(r: SummaryReport): Suspect[] {
  const out: Suspect[] = [];
  const pods: Suspect[] = [];
  const risen = r.services.filter((s) => s.first_rise !== null);
  for (const s of risen) {
    const rise = s.first_rise as NonNullable<typeof s.first_rise>;
    const peakAfter = s.peak && s.peak.at >= rise.at ? s.peak.error_ratio : 0;
    const changes: ChangeInput[] = r.deploys
      .filter((d) => d.at !== null && (d.service === null || d.service === s.service))
      .map((d) => ({ at: ms(d.at as string), label: d.version ? `${d.service ?? s.service} ${d.version}` : d.message }));
    const change = changeSuspect({ at: ms(rise.at), before: s.baseline_error_ratio, after: Math.max(rise.error_ratio, peakAfter) }, changes, BUCKET_SECONDS * 1000);
    if (change) out.push(change);
    const top = r.top_pods.find((p) => p.service === s.service);
    // The summary counts pods only among error lines, so the "two pods seen" condition is the live console's alone.
    const pod = podErrorSuspect({ top: top ? { key: top.pod, errors: top.errors, at: ms(rise.at) } : null, total: s.errors }, true);
    if (pod) pods.push(pod);
  }
  const totalErrors = r.services.reduce((n, s) => n + s.errors, 0);
  const first = r.top_errors[0];
  const firstRise = risen.map((s) => ms((s.first_rise as NonNullable<typeof s.first_rise>).at)).sort((a, b) => a - b)[0];
  const dep = dependencySuspect({ top: first ? { key: first.message, errors: first.count, at: firstRise ?? null } : null, total: totalErrors }, risen.length > 0);
  if (dep) out.push(dep);
  out.push(...mergePodSuspects(pods));
  return rankSuspects(out);
}
