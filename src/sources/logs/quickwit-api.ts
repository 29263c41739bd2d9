// Quickwit's search API: POST /api/v1/<index>/search with query, start_timestamp and end_timestamp (seconds, end
// exclusive), max_hits, sort_by and Elasticsearch-style aggs; answers {num_hits, hits, aggregations}. Failures are
// 4xx with {"message": "..."}.
import type { HttpTarget } from '../../config/profile.js';
import type { QuickwitLogs } from '../../config/quickwit-logs.js';
import { latencySeconds } from '../../model/logs/log-parse.js';
import { levelFrom } from '../../model/logs/log-severity.js';
import type { LogLine } from '../../model/logs/log-line.js';
import { httpGet, loadUndici } from '../http-get.js';

/** An answer Quickwit refused, with its message. */
export class QuickwitError extends Error {
  readonly code = 'INC_QUICKWIT';
  constructor(message: string) {
    super(message);
    this.name = 'QuickwitError';
  }
}

/** One search request (the body of the POST). */
export interface QuickwitRequest {
  query: string;
  start_timestamp?: number;
  end_timestamp?: number;
  max_hits: number;
  sort_by?: string;
  aggs?: Record<string, unknown>;
}

/** One search answer, with its size in bytes and round trip in milliseconds. */
export interface QuickwitAnswer {
  num_hits: number;
  hits: Array<Record<string, unknown>>;
  aggregations?: Record<string, any>;
  bytes: number;
  latencyMs: number;
}

/** Runs one search on the target's index. */
export async function quickwitSearch(target: HttpTarget & QuickwitLogs, request: QuickwitRequest, signal?: AbortSignal): Promise<QuickwitAnswer> {
  await loadUndici();
  const url = new URL(target.url);
  url.pathname = `${url.pathname.replace(/\/*$/, '')}/api/v1/${encodeURIComponent(target.index)}/search`;
  const answer = await httpGet(url.toString(), {
    headers: target.headers, timeoutMs: target.timeoutMs, signal, secrets: target.secrets, transport: target.transport, jsonBody: JSON.stringify(request),
  });
  let doc: { message?: unknown; num_hits?: unknown; hits?: unknown; aggregations?: Record<string, unknown> };
  try {
    doc = JSON.parse(answer.body);
  } catch {
    throw new QuickwitError(`HTTP ${answer.status}: not JSON: ${answer.body.trim().split('\n')[0].slice(0, 200)}`);
  }
  if (answer.status >= 400) throw new QuickwitError(`HTTP ${answer.status}: ${typeof doc.message === 'string' ? doc.message.slice(0, 300) : 'no message'}`);
  if (!Array.isArray(doc.hits)) throw new QuickwitError('answer without hits: not a Quickwit search answer');
  return { num_hits: Number(doc.num_hits ?? 0), hits: doc.hits as QuickwitAnswer['hits'], aggregations: doc.aggregations, bytes: Buffer.byteLength(answer.body), latencyMs: answer.latencyMs };
}

/** A field of a hit by name, or by dotted path into nested objects. */
export function fieldOf(hit: Record<string, unknown>, name: string | undefined): unknown {
  if (!name) return undefined;
  if (name in hit) return hit[name];
  let v: unknown = hit;
  for (const part of name.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  return v;
}

/** Epoch ms from a time value: RFC 3339, or a number in seconds, ms, µs or ns (told by its size). */
export function timeMs(v: unknown): number {
  if (typeof v === 'string') return /^\d+(\.\d+)?$/.test(v) ? timeMs(Number(v)) : Date.parse(v);
  if (typeof v !== 'number' || !Number.isFinite(v)) return Number.NaN;
  const a = Math.abs(v);
  return a < 1e11 ? v * 1000 : a < 1e14 ? v : a < 1e17 ? v / 1000 : v / 1e6;
}

const textOf = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : typeof v === 'string' ? v : JSON.stringify(v));

/** A LogLine from one hit. */
export function lineFromHit(hit: Record<string, unknown>, q: QuickwitLogs, source: string): LogLine {
  const f = q.fields;
  const message = textOf(fieldOf(hit, f.message)) ?? '';
  const service = textOf(fieldOf(hit, f.service));
  const pod = textOf(fieldOf(hit, f.pod));
  const trace = textOf(fieldOf(hit, f.trace_id));
  const latency = f.latency ? latencySeconds(f.latency.split('.').at(-1) as string, fieldOf(hit, f.latency)) : undefined;
  return {
    at: timeMs(fieldOf(hit, f.time)), timed: true, level: levelFrom(fieldOf(hit, f.level)) ?? 'unknown', source, message, raw: message,
    ...(service ? { service } : {}), ...(pod ? { pod } : {}), ...(latency !== undefined && Number.isFinite(latency) ? { latency } : {}), ...(trace ? { traceId: trace } : {}),
  };
}

/** The profile's query scoped: $service and $pod become quoted values. */
export function scopedQuery(q: QuickwitLogs, scope: { service?: string; pod?: string } = {}): string {
  const quote = (s: string) => `"${s.replace(/["\\]/g, '\\$&')}"`;
  return q.query.replace(/\$\{?service\}?/g, quote(scope.service ?? '')).replace(/\$\{?pod\}?/g, quote(scope.pod ?? ''));
}
