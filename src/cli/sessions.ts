// `incident sessions [--json]`: time-to-first-graph history with p50 and p95.
import { safeJson } from '../model/text/safe-json.js';
import { safeText } from '../model/text/safe-text.js';
import { quantile, type SessionRecord } from '../model/session/session-record.js';
import { readSessions } from '../sources/files/session-file.js';

/** Summary figures over sessions that reached a first graph; milliseconds. */
export function summarize(records: SessionRecord[]) {
  const ttfg = records.map((r) => r.ttfg_ms).filter((v): v is number => typeof v === 'number');
  return { sessions: records.length, with_graph: ttfg.length, ttfg_p50_ms: quantile(ttfg, 0.5), ttfg_p95_ms: quantile(ttfg, 0.95) };
}

/** Why a session showed no graph, or ended badly: its end if not a plain quit, else the first source error. */
export function sessionProblem(r: SessionRecord): string {
  const errors = Object.entries(r.sources ?? {}).filter(([, s]) => s.last_error).map(([name, s]) => `${name}: ${s.last_error}`);
  if (r.ended === 'crash') return `crashed${errors.length ? `; ${errors[0]}` : ''}`;
  return r.ttfg_ms === null && errors.length ? errors[0] : '';
}

/** Prints the history, newest first, optionally of one service; resolves with the exit code. */
export function runSessions(dir: string, json: boolean, limit: number, out: NodeJS.WritableStream = process.stdout, service?: string): number {
  const read = readSessions(dir);
  const { malformed, file } = read;
  const records = service === undefined ? read.records : read.records.filter((r) => r.service === service);
  const summary = summarize(records);
  const fmt = (v: number) => (Number.isFinite(v) ? `${Math.round(v)} ms` : '-');
  if (json) {
    out.write(`${safeJson({ file, ...summary, ttfg_p50_ms: Number.isFinite(summary.ttfg_p50_ms) ? summary.ttfg_p50_ms : null,
      ttfg_p95_ms: Number.isFinite(summary.ttfg_p95_ms) ? summary.ttfg_p95_ms : null, malformed_lines: malformed, records }, 2)}\n`);
    return 0;
  }
  if (records.length === 0) {
    out.write(service === undefined ? `no sessions recorded yet in ${file}\n` : `no sessions of service "${safeText(service)}" in ${file}\n`);
    return 0;
  }
  const rows = records.slice(-limit).reverse().map((r) => [
    r.started_at.replace('T', ' ').slice(0, 19), r.command, r.service, r.profile,
    r.ttfg_ms === null ? '-' : `${r.ttfg_ms} ms`, r.first_log_ms === null ? '-' : `${r.first_log_ms} ms`, r.ended, r.host, sessionProblem(r),
  ].map((cell) => safeText(String(cell)).slice(0, 120)));
  const head = ['started (UTC)', 'command', 'service', 'profile', 'TTFG', 'first log', 'ended', 'host', 'problem'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmtRow = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  out.write(`${[fmtRow(head), ...rows.map(fmtRow)].join('\n')}\n\n`);
  out.write(`${summary.sessions} sessions, ${summary.with_graph} reached a graph: TTFG p50 ${fmt(summary.ttfg_p50_ms)}, p95 ${fmt(summary.ttfg_p95_ms)}\n`);
  if (malformed) out.write(`${malformed} malformed lines skipped in ${file}\n`);
  return 0;
}
