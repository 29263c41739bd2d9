// ClickHouse's HTTP interface: a read-only SELECT sent as `?query=` (GET), answered one JSON object per line
// (FORMAT JSONEachRow). Errors are plain text with a `Code: N` prefix, usually with HTTP 500.
import type { HttpTarget } from '../../config/profile.js';
import { httpGet, loadUndici } from '../http-get.js';

/** An answer ClickHouse refused, with its own text (first line). */
export class ClickHouseError extends Error {
  readonly code = 'INC_CLICKHOUSE';
  constructor(message: string) {
    super(message);
    this.name = 'ClickHouseError';
  }
}

/** Rows of one query, with the answer's size in bytes and its round trip in milliseconds. */
export interface ClickHouseAnswer<T> {
  rows: T[];
  bytes: number;
  latencyMs: number;
}

/** The URL asking `sql` (credentials of the target's URL stay in its headers, as for every endpoint). */
export function clickhouseUrl(base: string, sql: string): string {
  const url = new URL(base);
  url.pathname = url.pathname.replace(/\/*$/, '/');
  url.searchParams.set('query', sql);
  return url.toString();
}

/** Runs one SELECT ending in FORMAT JSONEachRow; 64-bit integers (sent quoted) become numbers. */
export async function clickhouseQuery<T>(target: HttpTarget, sql: string, signal?: AbortSignal): Promise<ClickHouseAnswer<T>> {
  await loadUndici();
  const answer = await httpGet(clickhouseUrl(target.url, sql), {
    headers: target.headers, timeoutMs: target.timeoutMs, signal, secrets: target.secrets, transport: target.transport, maxBytes: 64 * 1024 * 1024,
  });
  if (answer.status >= 400 || /^Code: \d+/.test(answer.body)) {
    const first = answer.body.trim().split('\n')[0] ?? '';
    throw new ClickHouseError(`HTTP ${answer.status}: ${first.length > 300 ? `${first.slice(0, 300)}…` : first}`);
  }
  const rows: T[] = [];
  for (const line of answer.body.split('\n')) {
    if (line === '') continue;
    let row: Record<string, unknown>;
    try {
      row = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new ClickHouseError(`not JSONEachRow: ${line.slice(0, 120)}`);
    }
    for (const [k, v] of Object.entries(row)) if (typeof v === 'string' && /^-?\d{1,15}$/.test(v) && k !== 'msg' && k !== 'lvl' && k !== 'svc' && k !== 'pd' && k !== 'tid') row[k] = Number(v);
    rows.push(row as T);
  }
  return { rows, bytes: Buffer.byteLength(answer.body), latencyMs: answer.latencyMs };
}
