// The plain-text incident timeline printed by `replay --summary` (the same facts as the JSON document).
import { NO_SERVICE_KEY, type ServiceSummary, type SummaryReport } from '../../model/summary/summary-report.js';
import { NO_CLEAR_SUSPECT, type Suspect } from '../../model/suspects/suspect.js';

/** Columns in the p99 table; longer spans are grouped, each cell showing the worst minute of its group. */
export const P99_COLUMNS = 12;

const n = (x: number) => x.toLocaleString('en-US');
const pct = (r: number) => `${(r * 100).toFixed(r < 0.1 ? 1 : 0)}%`;
const hhmm = (iso: string | null) => (iso ? iso.slice(11, 16) : '--:--');
const secs = (s: number) => (s >= 10 ? `${s.toFixed(0)}s` : s >= 1 ? `${s.toFixed(1)}s` : `${Math.round(s * 1000)}ms`);

function duration(s: number | null): string {
  if (s === null) return '';
  const m = Math.round(s / 60);
  return m >= 120 ? ` (${(m / 60).toFixed(1)}h)` : ` (${m}m)`;
}

/** Fewest minutes with lines whose median is called a service's baseline. */
export const BASELINE_MIN_MINUTES = 3;

const plural = (x: number, one: string, many: string) => `${n(x)} ${x === 1 ? one : many}`;

function timelineRow(s: ServiceSummary, width: number): string {
  const name = s.service.padEnd(width);
  const rise = s.first_rise
    ? `errors rose ${hhmm(s.first_rise.at)} (${pct(s.first_rise.error_ratio)}, baseline ${pct(s.baseline_error_ratio)})`
    : s.minutes < BASELINE_MIN_MINUTES
      // A minute or two is not a normal to rise above: one error line would read as "baseline 100%".
      ? `too few minutes for a baseline (${plural(s.lines, 'line', 'lines')} in ${plural(s.minutes, 'minute', 'minutes')})`
      : `no rise above baseline ${pct(s.baseline_error_ratio)}`;
  const peak = s.peak ? `  peak ${hhmm(s.peak.at)} (${plural(s.peak.errors, 'error', 'errors')}/min, ${pct(s.peak.error_ratio)})` : '';
  return `  ${name}  ${rise}${peak}`;
}

function p99Rows(services: ServiceSummary[], width: number): string[] {
  const times = [...new Set(services.flatMap((s) => s.p99.map((p) => p.at)))].sort();
  if (times.length === 0) return [];
  const group = Math.ceil(times.length / P99_COLUMNS);
  const columns = Array.from({ length: Math.ceil(times.length / group) }, (_, i) => times[i * group]);
  const col = (i: number) => new Set(times.slice(i * group, (i + 1) * group));
  const rows = [`p99 latency${group > 1 ? ` (worst minute of each ${group})` : ' per minute'}`, `  ${''.padEnd(width)}  ${columns.map((t) => hhmm(t).padStart(6)).join('')}`];
  for (const s of services) {
    if (s.p99.length === 0) continue;
    const cells = columns.map((_, i) => {
      const set = col(i);
      const vals = s.p99.filter((p) => set.has(p.at)).map((p) => p.seconds);
      return (vals.length ? secs(Math.max(...vals)) : '-').padStart(6);
    });
    rows.push(`  ${s.service.padEnd(width)}  ${cells.join('')}`);
  }
  return rows;
}

/** The Suspects section: one line per suspect, best first, or "no clear suspect". */
export function suspectRows(suspects: readonly Suspect[]): string[] {
  if (suspects.length === 0) return [`suspects  ${NO_CLEAR_SUSPECT}`];
  const kind = Math.max(...suspects.map((s) => s.kind.length));
  return ['suspects (best first, score 0..1)', ...suspects.map((s) => `  ${s.score.toFixed(2)}  ${s.kind.padEnd(kind)}  ${s.subject}: ${s.evidence}`)];
}

/** The summary as lines of plain text (no colour), in the order an on-call engineer reads it; suspects after the services. */
export function summaryText(r: SummaryReport, suspects?: readonly Suspect[]): string[] {
  const out: string[] = [];
  const files = r.files.length === 1 ? r.files[0].path : `${r.files.length} files`;
  const notes = [r.lines_untimed ? `${n(r.lines_untimed)} without a timestamp` : '', r.lines_outside_range ? `${n(r.lines_outside_range)} outside --from/--to` : '']
    .filter(Boolean).join(', ');
  out.push(`${files}: ${n(r.lines)} lines${notes ? ` (${notes})` : ''}`);
  for (const f of r.files) if (f.cut) out.push(`  ${f.path}: ${f.cut} after ${n(f.lines)} lines; summary covers what was read`);
  for (const f of r.files) if (f.lines_cut) out.push(`  ${f.path}: ${n(f.lines_cut)} ${f.lines_cut === 1 ? 'line' : 'lines'} longer than 1 MiB, read up to 1 MiB`);
  out.push(`span      ${r.span.from ?? 'no timestamps'}${r.span.to ? ` .. ${r.span.to}` : ''}${duration(r.span.duration_s)}`);
  out.push(`levels    ${Object.entries(r.by_level).filter(([, c]) => c > 0).map(([l, c]) => `${l} ${n(c)}`).join('  ')}`);
  out.push(`services  ${r.services.map((s) => `${s.service} ${n(s.lines)}${s.errors ? ` (${plural(s.errors, 'error', 'errors')})` : ''}`).join('  ')}`);
  if (suspects) out.push('', ...suspectRows(suspects));
  const width = Math.min(24, Math.max(8, ...r.services.map((s) => s.service.length)));
  out.push('', 'timeline (per-minute error ratio against the service baseline)');
  for (const s of r.services) out.push(timelineRow(s, width));
  out.push('', r.deploys.length ? 'deploys' : 'deploys   none found');
  for (const d of r.deploys) out.push(`  ${d.at ? d.at.slice(11, 19) : '--:--:--'}  ${(d.service ?? NO_SERVICE_KEY).padEnd(width)}  ${d.version ?? ''}  ${d.message}`.trimEnd());
  if (r.top_errors.length) {
    out.push('', 'top errors');
    for (const e of r.top_errors) out.push(`  ${n(e.count).padStart(8)}  ${e.message}`);
  }
  if (r.top_pods.length) {
    out.push('', 'top pods by errors');
    for (const p of r.top_pods) out.push(`  ${n(p.errors).padStart(8)}  ${p.pod}  (${p.service})`);
  }
  const p99 = p99Rows(r.services, width);
  if (p99.length) out.push('', ...p99);
  return out;
}
