// The log pane in the snapshot JSON: the newest lines in contract shape, and what was lost.
import type { LogBuffer } from './log-buffer.js';

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, (_m, f: string) => (f === '000' ? 'Z' : `.${f}Z`));

/**
 * `panels.logs`: up to `limit` newest lines (oldest first) of the service and pod in scope, with at, level,
 * service, source, message, plus counts in scope (`total` and `dropped` stay the whole buffer's).
 */
export function logsSnapshot(buffer: LogBuffer, limit: number, scope: { service?: string; pod?: string } = {}) {
  const q = { service: scope.service || undefined, pod: scope.pod };
  return {
    lines: buffer.tail(limit, 0, q).map((l) => ({
      at: iso(l.at), level: l.level, service: l.service ?? null, source: l.source, message: l.message,
      ...(l.pod ? { pod: l.pod } : {}), ...(l.status !== undefined ? { status: l.status } : {}),
      ...(l.latency !== undefined ? { latency_s: l.latency } : {}), ...(l.traceId ? { trace_id: l.traceId } : {}),
    })),
    dropped: buffer.dropped,
    total: buffer.total,
    counts: buffer.countByLevel(q),
  };
}
