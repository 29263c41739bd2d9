// Loki 3.x HTTP API shapes: GET /loki/api/v1/query_range and the /loki/api/v1/tail WebSocket.
// Timestamps are nanosecond Unix epochs as decimal strings; they exceed Number.MAX_SAFE_INTEGER, so they stay strings or BigInt.

/** One log entry with the labels of its stream; `ns` is a nanosecond epoch as a decimal string. */
export interface LokiEntry {
  ns: string;
  line: string;
  labels: Record<string, string>;
}

/** An answer that is not the documented shape. */
export class LokiFormatError extends Error {
  readonly code = 'INC_LOKI_FORMAT';
  constructor(message: string) {
    super(message);
    this.name = 'LokiFormatError';
  }
}

/** Epoch milliseconds as a nanosecond epoch string. */
export function nsFromMs(ms: number): string {
  return (BigInt(Math.floor(ms)) * 1_000_000n).toString();
}

/** A nanosecond epoch string as epoch milliseconds (rounded down). */
export function msFromNs(ns: string): number {
  return Number(BigInt(ns) / 1_000_000n);
}

/** Orders two nanosecond epoch strings: negative, zero or positive. */
export function compareNs(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function endpoint(base: string, path: string, params: Record<string, string>): URL {
  const url = new URL(base);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`;
  url.search = new URLSearchParams(params).toString();
  return url;
}

/** The query_range URL for the newest `limit` entries between two nanosecond epochs. */
export function queryRangeUrl(base: string, q: { query: string; startNs: string; endNs: string; limit: number }): string {
  return endpoint(base, '/loki/api/v1/query_range', {
    query: q.query,
    start: q.startNs,
    end: q.endNs,
    limit: String(q.limit),
    direction: 'backward',
  }).toString();
}

/** The tail WebSocket URL (ws:// or wss://) starting at a nanosecond epoch; `delayForS` is 0..5 seconds. */
export function tailUrl(base: string, q: { query: string; startNs: string; delayForS: number; limit: number }): string {
  const url = endpoint(base, '/loki/api/v1/tail', {
    query: q.query,
    start: q.startNs,
    delay_for: String(q.delayForS),
    limit: String(q.limit),
  });
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

function entriesOf(streams: unknown): LokiEntry[] {
  if (!Array.isArray(streams)) throw new LokiFormatError('expected a list of streams');
  const out: LokiEntry[] = [];
  for (const s of streams as Array<{ stream?: unknown; values?: unknown }>) {
    const labels: Record<string, string> = {};
    if (s && typeof s.stream === 'object' && s.stream !== null) {
      for (const [k, v] of Object.entries(s.stream)) if (typeof v === 'string') labels[k] = v;
    }
    if (!Array.isArray(s?.values)) continue;
    for (const v of s.values as unknown[]) {
      if (!Array.isArray(v) || typeof v[0] !== 'string' || typeof v[1] !== 'string' || !/^\d{1,30}$/.test(v[0])) continue;
      out.push({ ns: v[0], line: v[1], labels });
    }
  }
  // Oldest first; entries with the same timestamp keep their order.
  return out.sort((a, b) => compareNs(a.ns, b.ns));
}

function json(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new LokiFormatError('answer is not JSON');
  }
}

/** Entries of a query_range answer, oldest first. */
export function parseQueryRange(body: string): LokiEntry[] {
  const doc = json(body) as { status?: unknown; data?: { resultType?: unknown; result?: unknown } };
  if (doc?.status !== 'success' || !doc.data) throw new LokiFormatError(`status is ${JSON.stringify(doc?.status ?? null)}, not "success"`);
  if (doc.data.resultType !== 'streams') {
    throw new LokiFormatError(`the query returns ${String(doc.data.resultType)}, not log lines: use a log selector such as {app="payments"}`);
  }
  return entriesOf(doc.data.result);
}

/** Entries of one tail message, oldest first, and how many entries the server dropped. */
export function parseTailMessage(text: string): { entries: LokiEntry[]; dropped: number } {
  const doc = json(text) as { streams?: unknown; dropped_entries?: unknown };
  const dropped = Array.isArray(doc?.dropped_entries) ? doc.dropped_entries.length : 0;
  return { entries: doc?.streams == null ? [] : entriesOf(doc.streams), dropped };
}

/** A stable key for a stream's labels. */
export function labelsKey(labels: Record<string, string>): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(',');
}
