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

/** Prints the history; resolves with the exit code. */
export function runSessions(dir: string, json: boolean, limit: number, out: NodeJS.WritableStream = process.stdout): number {
  const { records, malformed, file } = readSessions(dir);
  const summary = summarize(records);
  const fmt = (v: number) => (Number.isFinite(v) ? `${Math.round(v)} ms` : '-');
  if (json) {
    out.write(`${safeJson({ file, ...summary, ttfg_p50_ms: Number.isFinite(summary.ttfg_p50_ms) ? summary.ttfg_p50_ms : null,
      ttfg_p95_ms: Number.isFinite(summary.ttfg_p95_ms) ? summary.ttfg_p95_ms : null, malformed_lines: malformed, records }, 2)}\n`);
    return 0;
  }
  if (records.length === 0) {
    out.write(`no sessions recorded yet in ${file}\n`);
    return 0;
  }
  const rows = records.slice(-limit).map((r) => [
    r.started_at.replace('T', ' ').slice(0, 19), r.command, r.service, r.profile,
    r.ttfg_ms === null ? '-' : `${r.ttfg_ms} ms`, r.first_log_ms === null ? '-' : `${r.first_log_ms} ms`, r.ended, r.host,
  ].map((cell) => safeText(String(cell))));
  const head = ['started (UTC)', 'command', 'service', 'profile', 'TTFG', 'first log', 'ended', 'host'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmtRow = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  out.write(`${[fmtRow(head), ...rows.map(fmtRow)].join('\n')}\n\n`);
  out.write(`${summary.sessions} sessions, ${summary.with_graph} reached a graph: TTFG p50 ${fmt(summary.ttfg_p50_ms)}, p95 ${fmt(summary.ttfg_p95_ms)}\n`);
  if (malformed) out.write(`${malformed} malformed lines skipped in ${file}\n`);
  return 0;
}
