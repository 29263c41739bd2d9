// Decoding of Prometheus HTTP API answers (also VictoriaMetrics, Thanos, Mimir): envelope, value strings, result shapes.
import type { Series } from '../console-state/events.js';

/** One element of an instant vector. */
export interface InstantSample {
  labels: Record<string, string>;
  value: number;
}

/** A decoded answer: data or a readable error, plus warnings to show. */
export type PromDecoded<T> =
  | { ok: true; data: T; warnings: string[] }
  | { ok: false; error: string; errorType: string; warnings: string[] };

/** Converts a Prometheus value string to a number: "NaN", "+Inf", "-Inf", "1e-07" (Number("+Inf") is NaN in JavaScript). */
export function parsePromValue(text: unknown): number {
  if (typeof text === 'number') return text;
  if (typeof text !== 'string') return Number.NaN;
  switch (text) {
    case '+Inf':
    case 'Inf':
    case 'inf':
    case '+inf':
      return Number.POSITIVE_INFINITY;
    case '-Inf':
    case '-inf':
      return Number.NEGATIVE_INFINITY;
    default:
      return text.trim() === '' ? Number.NaN : Number(text);
  }
}

/** The first words of a non-JSON body, for an error message: an HTML <title> if there is one. */
export function describeBody(body: string): string {
  const title = /<title[^>]*>([^<]{1,120})<\/title>/i.exec(body);
  // Tags and runs of blanks fold to one space; every other character stays as sent (the terminal gate shows
  // controls as text), so a title in any script reads as written.
  const text = (title ? title[1] : body).replace(/<[^>]*>/g, ' ').replace(/[ \t\n]+/g, ' ').trim();
  return text.length > 80 ? `${text.slice(0, 77)}...` : text || '(empty body)';
}

/** Where JSON.parse gave up, as a reason: "invalid JSON at byte 1,204" or, at the end, "(truncated?)". */
export function jsonProblem(message: string, body: string): string {
  const bytes = Buffer.byteLength(body);
  const at = /position (\d+)/.exec(message);
  if (/end of JSON input/.test(message) || (at && Number(at[1]) >= body.length - 1)) return `invalid JSON: ends at byte ${bytes.toLocaleString('en')} (truncated?)`;
  // Some messages name the token but not where it is: the token, then (one character of the body, at most).
  if (!at) return `invalid JSON of ${bytes.toLocaleString('en')} bytes: ${message.split(/,|\n/)[0].slice(0, 40)}`;
  const byte = Buffer.byteLength(body.slice(0, Number(at[1])));
  return `invalid JSON at byte ${byte.toLocaleString('en')} of ${bytes.toLocaleString('en')}`;
}

function warningsOf(doc: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const key of ['warnings', 'infos']) {
    const list = doc[key];
    if (Array.isArray(list)) for (const w of list) if (typeof w === 'string') out.push(w);
  }
  if (doc.isPartial === true) out.push('partial response (isPartial)');
  return out;
}

/** Decodes the envelope of any API answer; `status` is the HTTP status, `contentType` its header. */
export function decodeEnvelope(status: number, contentType: string, body: string): PromDecoded<unknown> {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (err) {
    const kind = contentType.split(';')[0].trim() || 'no content type';
    // A body that says it is JSON (or looks like it) and does not parse was cut or garbled: say where, not what.
    if (/json/i.test(kind) || /^\s*[[{]/.test(body)) {
      return { ok: false, errorType: 'bad_json', error: `HTTP ${status}, ${jsonProblem(String((err as Error).message), body)}`, warnings: [] };
    }
    return { ok: false, errorType: 'non_json', error: `HTTP ${status}, ${kind}: ${describeBody(body)}`, warnings: [] };
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    return { ok: false, errorType: 'bad_response', error: `HTTP ${status}: unexpected JSON (${describeBody(body)})`, warnings: [] };
  }
  const env = doc as Record<string, unknown>;
  const warnings = warningsOf(env);
  if (env.status === 'success' && status < 400) return { ok: true, data: env.data, warnings };
  const errorType = typeof env.errorType === 'string' ? env.errorType : `http_${status}`;
  const error = typeof env.error === 'string' ? env.error : `HTTP ${status} without an error message`;
  return { ok: false, errorType, error: `${errorType}: ${error}`, warnings };
}

function labelsOf(metric: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (metric && typeof metric === 'object') {
    for (const [k, v] of Object.entries(metric)) if (typeof v === 'string') out[k] = v;
  }
  return out;
}

/** Decodes `data` of a query_range answer (resultType "matrix") into series; a non-finite value becomes a gap (null). */
export function decodeMatrix(data: unknown): Series[] | string {
  const d = data as { resultType?: unknown; result?: unknown } | null;
  if (!d || d.resultType !== 'matrix' || !Array.isArray(d.result)) return `expected a matrix result, got ${String(d?.resultType)}`;
  return d.result.map((r: { metric?: unknown; values?: unknown }) => ({
    labels: labelsOf(r.metric),
    points: (Array.isArray(r.values) ? r.values : []).map((pair: unknown): [number, number | null] => {
      const [t, v] = Array.isArray(pair) ? pair : [Number.NaN, 'NaN'];
      const value = parsePromValue(v);
      return [Number(t), Number.isFinite(value) ? value : null];
    }),
  }));
}

/** Decodes `data` of an instant query (resultType "vector" or "scalar") into samples; NaN and infinities are kept. */
export function decodeVector(data: unknown): InstantSample[] | string {
  const d = data as { resultType?: unknown; result?: unknown } | null;
  if (d?.resultType === 'scalar' && Array.isArray(d.result)) return [{ labels: {}, value: parsePromValue(d.result[1]) }];
  if (!d || d.resultType !== 'vector' || !Array.isArray(d.result)) return `expected a vector result, got ${String(d?.resultType)}`;
  return d.result.map((r: { metric?: unknown; value?: unknown }) => ({
    labels: labelsOf(r.metric),
    value: parsePromValue(Array.isArray(r.value) ? r.value[1] : undefined),
  }));
}
