// One HTTP GET with a timeout, cancellation and a cap on body size; failures become FetchError with a stable code.
import type { Dispatcher } from 'undici';
import type { Transport } from '../config/profile.js';
import { displayUrl, redact } from '../model/session/redact.js';
import { loadUndici } from './http-client.js';
import { dispatcherFor, proxyFor } from './transport.js';
import { earlyGate, noteFirstRange, takeEarlyAnswer } from './first-request.js';
import { writeCacheFile } from './cache-files.js';
import { describeTlsFailure } from './tls-failure.js';
import { collectSoon } from './full-collection.js';

/** A failed request: `code` is stable (INC_CONNECT_REFUSED, INC_TIMEOUT, ...), `message` is safe to show. */
export class FetchError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'FetchError';
    this.code = code;
  }
}

/** What came back. */
export interface HttpAnswer {
  status: number;
  contentType: string;
  body: string;
  /** Milliseconds from sending the request to the last body byte. */
  latencyMs: number;
}

/** Request options; `now` is the clock used for latency (performance.now by default). */
export interface HttpGetOptions {
  headers?: Record<string, string>;
  timeoutMs: number;
  /** Largest body accepted in bytes (DEFAULT_MAX_BODY_BYTES); a larger body fails with INC_BODY_TOO_LARGE. */
  maxBytes?: number;
  signal?: AbortSignal;
  secrets?: readonly string[];
  dispatcher?: Dispatcher;
  /** The endpoint's TLS settings and proxy; the environment's proxy applies without it. */
  transport?: Transport;
  now?: () => number;
  /** A JSON body: the request is then a POST (Quickwit's search with aggregations). */
  jsonBody?: string;
}

/**
 * Largest answer read by default, in bytes: far above what the console asks for (one error-rate series, the top-K
 * p99 bars, a bounded Loki backfill), low enough that a server sending without end costs little memory.
 */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * Most bytes held at once by every answer being read: several sources sending without end together cost at most
 * this. When it is passed, the largest answer in flight is the one stopped.
 */
export const MAX_IN_FLIGHT_BYTES = 8 * 1024 * 1024;

/** An answer being read: its size so far, and how to stop it. */
interface Reading {
  size: number;
  stop(reason: FetchError): void;
}

const reading = new Set<Reading>();
let inFlight = 0;

/** Stops the largest answer in flight while all of them together hold more than MAX_IN_FLIGHT_BYTES. */
function keepWithinBudget(url: string): void {
  while (inFlight > MAX_IN_FLIGHT_BYTES) {
    let largest: Reading | undefined;
    for (const r of reading) if (!largest || r.size > largest.size) largest = r;
    if (!largest) return;
    reading.delete(largest);
    inFlight -= largest.size;
    largest.stop(new FetchError('INC_BODY_TOO_LARGE', `answer still growing at ${sizeText(largest.size)} while answers being read passed ${sizeText(MAX_IN_FLIGHT_BYTES)}, stopped reading (${displayUrl(url)})`));
  }
}

/** A byte count as the reason gives it: "16 MiB", "512 KiB". */
const sizeText = (n: number): string => (n >= 1024 * 1024 && n % (1024 * 1024) === 0 ? `${n / 1024 / 1024} MiB` : `${Math.round(n / 1024)} KiB`);

export { closeDefaultDispatcher, defaultDispatcher, loadedUndici, loadUndici } from './http-client.js';

function classify(err: unknown, url: string, timeoutMs: number, timedOut: boolean, secrets: readonly string[]): FetchError {
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.code ?? e.cause?.code ?? '';
  const where = displayUrl(url);
  if (timedOut) return new FetchError('INC_TIMEOUT', `timed out after ${timeoutMs} ms (${where})`);
  if (code === 'ECONNREFUSED') return new FetchError('INC_CONNECT_REFUSED', `connection refused (${where})`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new FetchError('INC_DNS', `host not found (${where})`);
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return new FetchError('INC_TIMEOUT', `connect timed out (${where})`);
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return new FetchError('INC_CONNECTION_RESET', `connection reset (${where})`);
  if (code === 'UND_ERR_ABORTED' || (e as Error).name === 'AbortError') return new FetchError('INC_CANCELED', `canceled (${where})`);
  const msg = redact(String(e.message ?? err), secrets).split('\n')[0];
  return new FetchError('INC_HTTP_FAILED', `${msg}${code ? ` [${code}]` : ''} (${where})`);
}

/** GETs `url`; resolves with any HTTP status, rejects with FetchError for transport failures, timeouts and oversized bodies. */
export async function httpGet(url: string, opts: HttpGetOptions): Promise<HttpAnswer> {
  const plain = !opts.dispatcher && !opts.transport?.tls && proxyFor(url, opts.transport).proxy === null
    && Object.keys(opts.headers ?? {}).every((h) => h.toLowerCase() === 'accept' && opts.headers?.[h] === 'application/json');
  // The launcher may have sent this very request before the program was loaded (only ever a plain one). The first
  // range query is noted in the order the program asks, whether the launcher answers it or not.
  const early = opts.jsonBody === undefined && plain ? takeEarlyAnswer(url) : undefined;
  if (opts.jsonBody === undefined) noteFirstRange(url, plain, (file, text) => writeCacheFile(file, text, 'first-', 64));
  const answered = early && (await early.answer);
  if (early && answered) {
    return { status: answered.status, contentType: answered.contentType, body: answered.body, latencyMs: answered.doneAt - early.sentAt };
  }
  const gated = early ? null : earlyGate();
  if (gated) await gated;
  const now = opts.now ?? (() => performance.now());
  const started = now();
  const timeout = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    timeout.abort();
  }, opts.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout.signal]) : timeout.signal;
  const secrets = opts.secrets ?? [];
  try {
    const { request } = await loadUndici();
    const res = await request(url, {
      method: opts.jsonBody === undefined ? 'GET' : 'POST',
      headers: { 'accept-encoding': 'identity', ...(opts.jsonBody === undefined ? {} : { 'content-type': 'application/json' }), ...opts.headers },
      ...(opts.jsonBody === undefined ? {} : { body: opts.jsonBody }),
      signal,
      dispatcher: opts.dispatcher ?? dispatcherFor(url, opts.transport),
    });
    const max = opts.maxBytes ?? DEFAULT_MAX_BODY_BYTES;
    const declared = Number(res.headers['content-length']);
    if (Number.isFinite(declared) && declared > max) {
      res.body.destroy();
      throw new FetchError('INC_BODY_TOO_LARGE', `answer of ${sizeText(declared)} is larger than ${sizeText(max)}, not read (${displayUrl(url)})`);
    }
    let chunks: Buffer[] = [];
    let stopped: FetchError | undefined;
    const mine: Reading = {
      size: 0,
      stop: (reason) => {
        stopped = reason;
        res.body.destroy();
      },
    };
    reading.add(mine);
    try {
      for await (const chunk of res.body) {
        if (stopped) break;
        const n = (chunk as Buffer).length;
        mine.size += n;
        inFlight += n;
        if (mine.size > max) {
          stopped = new FetchError('INC_BODY_TOO_LARGE', `answer larger than ${sizeText(max)}, stopped reading (${displayUrl(url)})`);
          break;
        }
        chunks.push(chunk as Buffer);
        keepWithinBudget(url);
      }
    } catch (err) {
      if (!stopped) throw err;
    } finally {
      if (reading.delete(mine)) inFlight -= mine.size;
    }
    if (stopped) {
      // Stop while streaming and let go of what was read, so a body without end costs at most `max`.
      chunks = [];
      res.body.destroy();
      // The megabytes the answer held are garbage now, but a quiet console allocates too little to collect them soon.
      collectSoon();
      throw stopped;
    }
    const header = res.headers['content-type'];
    return {
      status: res.statusCode,
      contentType: Array.isArray(header) ? header[0] : (header ?? ''),
      body: Buffer.concat(chunks).toString('utf8'),
      latencyMs: now() - started,
    };
  } catch (err) {
    if (err instanceof FetchError) throw err;
    const tls = timedOut ? null : await describeTlsFailure(err, url, opts.transport, opts.timeoutMs);
    if (tls) throw new FetchError('INC_TLS', `${redact(tls, secrets)} (${displayUrl(url)})`);
    throw classify(err, url, opts.timeoutMs, timedOut, secrets);
  } finally {
    clearTimeout(timer);
  }
}
