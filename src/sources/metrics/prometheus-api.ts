// Prometheus HTTP API client (query, query_range, label values) over httpGet; speaks to VictoriaMetrics unchanged.
import type { HttpTarget } from '../../config/profile.js';
import type { Series } from '../../model/console-state/events.js';
import { decodeEnvelope, decodeMatrix, decodeVector, type InstantSample } from '../../model/promql/prom-response.js';
import { displayUrl, redact } from '../../model/session/redact.js';
import { FetchError, httpGet, type HttpGetOptions } from '../http-get.js';

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

/**
 * How long a successful query answer is handed to callers asking the very same request, in milliseconds: the panels'
 * rounds start together but drift apart by their latencies, so "the same round" is the request in flight or answered
 * within this time. Every query names its own time, so a shared answer is the answer to that request.
 */
export const SHARE_ANSWER_MS = 1000;

/** Client options besides the target; `shareMs` overrides SHARE_ANSWER_MS. */
export interface PrometheusApiOptions extends Pick<HttpGetOptions, 'dispatcher' | 'now'> {
  shareMs?: number;
}

/** One request on the wire and the callers waiting for it. */
interface Flight {
  answer: Promise<PromResult<unknown>>;
  controller: AbortController;
  waiting: number;
  /** When it was answered (the client's clock), or undefined while in flight. */
  doneAt?: number;
}

/**
 * Thin client for one Prometheus-compatible endpoint. Identical requests (the full URL with every parameter) are
 * sent once: callers asking while one is in flight, or within `shareMs` of its answer, share it. A caller that gives
 * up does not cancel the request for the others; the last one to give up does.
 */
export class PrometheusApi {
  private readonly flights = new Map<string, Flight>();

  constructor(
    private readonly target: HttpTarget,
    private readonly extra: PrometheusApiOptions = {},
  ) {}

  private now(): number {
    return (this.extra.now ?? (() => performance.now()))();
  }

  private async fetchDecoded(url: string, signal: AbortSignal): Promise<PromResult<unknown>> {
    const { shareMs: _shareMs, ...http } = this.extra;
    const answer = await httpGet(url, {
      headers: { accept: 'application/json', ...this.target.headers },
      timeoutMs: this.target.timeoutMs,
      maxBytes: PROMETHEUS_MAX_BODY_BYTES,
      signal,
      secrets: this.target.secrets,
      transport: this.target.transport,
      ...http,
    });
    const decoded = decodeEnvelope(answer.status, answer.contentType, answer.body);
    if (!decoded.ok) throw new PromApiError(decoded.errorType, redact(decoded.error, this.target.secrets));
    return { data: decoded.data, warnings: decoded.warnings, latencyMs: answer.latencyMs };
  }

  private get(path: string, params: Record<string, string | string[]>, signal?: AbortSignal): Promise<PromResult<unknown>> {
    const url = new URL(this.target.url.replace(/\/+$/, '') + path);
    for (const [k, v] of Object.entries(params)) for (const one of Array.isArray(v) ? v : [v]) url.searchParams.append(k, one);
    const key = url.toString();
    const now = this.now();
    const keep = this.extra.shareMs ?? SHARE_ANSWER_MS;
    for (const [k, f] of this.flights) if (f.doneAt !== undefined && now - f.doneAt > keep) this.flights.delete(k);
    let flight = this.flights.get(key);
    if (!flight) {
      const controller = new AbortController();
      const f: Flight = { controller, waiting: 0, answer: this.fetchDecoded(key, controller.signal) };
      f.answer.then(
        () => (f.doneAt = this.now()),
        // A failure is not kept: the next caller asks again.
        () => this.flights.get(key) === f && this.flights.delete(key),
      );
      this.flights.set(key, f);
      flight = f;
    }
    return this.wait(key, flight, signal);
  }

  /** The flight's answer for one caller, who may give up (signal) without cancelling it for the others. */
  private wait(key: string, flight: Flight, signal?: AbortSignal): Promise<PromResult<unknown>> {
    if (!signal) {
      // Waits to the end: the request is never cancelled under it.
      flight.waiting += 1;
      return flight.answer.finally(() => (flight.waiting -= 1));
    }
    const canceled = () => new FetchError('INC_CANCELED', `canceled (${displayUrl(key)})`);
    if (signal.aborted) return Promise.reject(canceled());
    flight.waiting += 1;
    return new Promise((resolve, reject) => {
      let left = false;
      const leave = () => {
        left = true;
        flight.waiting -= 1;
        signal.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        if (left) return;
        leave();
        if (flight.waiting === 0 && flight.doneAt === undefined) {
          flight.controller.abort();
          if (this.flights.get(key) === flight) this.flights.delete(key);
        }
        reject(canceled());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      flight.answer.then(
        (r) => {
          if (left) return;
          leave();
          resolve(r);
        },
        (err: unknown) => {
          if (left) return;
          leave();
          reject(err);
        },
      );
    });
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
