// A generated incident as log lines, for the stores' summary tests: one line a second for 50 minutes from T0,
// payments' errors rising from 1% to 30% at minute 35, a deploy line at minute 34, levels written several ways,
// messages with numbers, addresses and UUIDs (masked and merged by the summary), a latency on nine lines in ten.

/** Start of the archive, Unix seconds. */
export const ARCHIVE_T0 = Date.parse('2026-11-22T02:00:00Z') / 1000;

/** One line of the archive: its time (Unix seconds) and fields. */
export interface ArchiveLine {
  s: number;
  level: string;
  service: string;
  pod: string;
  message: string;
  latency_ms: number | null;
  trace_id: string;
}

/** RFC 3339 without milliseconds. */
export const isoSeconds = (s: number): string => new Date(s * 1000).toISOString().replace('.000Z', 'Z');

/** The archive's lines, oldest first. */
export function incidentArchive(count = 3000): ArchiveLine[] {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const out: ArchiveLine[] = [];
  for (let i = 0; i < count; i++) {
    const minute = Math.floor(i / 60);
    const service = ['payments', 'payments', 'checkout', 'auth'][i % 4];
    const pod = `${service}-${Math.floor(rand() * 3)}`;
    const error = rand() < (service === 'payments' && minute >= 35 ? 0.3 : 0.01);
    const level = error ? (i % 3 === 0 ? 'ERROR' : 'error') : rand() < 0.1 ? 'warning' : 'info';
    const ms = Math.round(20 + rand() * (service === 'payments' && minute >= 35 ? 2000 : 200));
    const message = i === 34 * 60 + 5 ? 'deployed version v2.3.1'
      : error ? [`upstream timeout after ${ms}ms to 10.0.${i % 5}.${i % 7}:8080`, `payment ${((i * 2654435761) % 4294967296).toString(16).padStart(8, '0')}-0000-4000-8000-00000000${String(i).padStart(4, '0')} declined`, `db error code ${i % 9}`][i % 3]
      : `handled request in ${ms}ms`;
    out.push({ s: ARCHIVE_T0 + i, level, service, pod, message, latency_ms: i % 10 === 0 ? null : ms, trace_id: `t${i}` });
  }
  return out;
}

/** The archive as JSON lines, as an application writes them. */
export function archiveJsonLines(lines: ArchiveLine[]): string {
  return `${lines.map((l) => JSON.stringify({
    time: isoSeconds(l.s), level: l.level, service: l.service, pod: l.pod, message: l.message, ...(l.latency_ms === null ? {} : { latency_ms: l.latency_ms }), trace_id: l.trace_id,
  })).join('\n')}\n`;
}
