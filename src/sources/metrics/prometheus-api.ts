// Prometheus HTTP API client (query, query_range, label values) over httpGet; speaks to VictoriaMetrics unchanged.
import type { HttpTarget } from '../../config/profile.js';
import type { Series } from '../../model/console-state/events.js';
import { decodeEnvelope, decodeMatrix, decodeVector, type InstantSample } from '../../model/promql/prom-response.js';
import { redact } from '../../model/session/redact.js';
import { httpGet, type HttpGetOptions } from '../http-get.js';

/**
 * Largest Prometheus answer read, in bytes. What the console asks for is small (one error-rate series of at most
 * 11,000 points is about 330 KB; the top-K p99 bars, ALERTS and label values rarely reach a megabyte); a server
 * that sends more, or without end, is cut off here instead of filling memory three requests at a time.
 */
export const PROMETHEUS_MAX_BODY_BYTES = 8 * 1024 * 1024;

/** An answer the API refused or that could not be decoded; `message` is safe to show. */
export class PromApiError extends Error {
  readonly code = 'INC_PROM_API';
  readonly errorType: string;
  constructor(errorType: string, message: string) {
    super(message);
    this.name = 'PromApiError';
    this.errorType = errorType;
  }
}

/** A decoded result with warnings and the round-trip time in milliseconds. */
export interface PromResult<T> {
  data: T;
  warnings: string[];
  latencyMs: number;
}

/** Thin client for one Prometheus-compatible endpoint. */
export class PrometheusApi {
  constructor(
    private readonly target: HttpTarget,
    private readonly extra: Pick<HttpGetOptions, 'dispatcher' | 'now'> = {},
  ) {}

  private async get(path: string, params: Record<string, string | string[]>, signal?: AbortSignal): Promise<PromResult<unknown>> {
    const url = new URL(this.target.url.replace(/\/+$/, '') + path);
    for (const [k, v] of Object.entries(params)) for (const one of Array.isArray(v) ? v : [v]) url.searchParams.append(k, one);
    const answer = await httpGet(url.toString(), {
      headers: { accept: 'application/json', ...this.target.headers },
      timeoutMs: this.target.timeoutMs,
      maxBytes: PROMETHEUS_MAX_BODY_BYTES,
      signal,
      secrets: this.target.secrets,
      ...this.extra,
    });
    const decoded = decodeEnvelope(answer.status, answer.contentType, answer.body);
    if (!decoded.ok) throw new PromApiError(decoded.errorType, redact(decoded.error, this.target.secrets));
    return { data: decoded.data, warnings: decoded.warnings, latencyMs: answer.latencyMs };
  }

  /** query_range between start and end (unix seconds) at step seconds. */
  async queryRange(query: string, start: number, end: number, step: number, signal?: AbortSignal): Promise<PromResult<Series[]>> {
    const res = await this.get('/api/v1/query_range', { query, start: String(start), end: String(end), step: String(step) }, signal);
    const series = decodeMatrix(res.data);
    if (typeof series === 'string') throw new PromApiError('bad_response', series);
    return { ...res, data: series };
  }

  /** Instant query at `time` (unix seconds). */
  async query(query: string, time: number, signal?: AbortSignal): Promise<PromResult<InstantSample[]>> {
    const res = await this.get('/api/v1/query', { query, time: String(time) }, signal);
    const vector = decodeVector(res.data);
    if (typeof vector === 'string') throw new PromApiError('bad_response', vector);
    return { ...res, data: vector };
  }

  /** Values of a label, optionally restricted by series selectors. */
  async labelValues(label: string, match: string[] = [], signal?: AbortSignal): Promise<PromResult<string[]>> {
    const res = await this.get(`/api/v1/label/${encodeURIComponent(label)}/values`, match.length ? { 'match[]': match } : {}, signal);
    const values = Array.isArray(res.data) ? res.data.filter((v): v is string => typeof v === 'string') : [];
    return { ...res, data: values };
  }
}
