// `--loki URL`: recent lines from query_range, then live lines from the tail WebSocket, resumed without repeats.
// Follows the Loki 3.x HTTP API (GET /loki/api/v1/query_range, WebSocket /loki/api/v1/tail).
import type { Dispatcher, WebSocket } from 'undici';
import type { Emit } from '../../model/console-state/events.js';
import type { LogLine } from '../../model/logs/log-line.js';
import { redact } from '../../model/session/redact.js';
import { DEFAULT_BACKOFF, backoffDelay, formatDelay, type BackoffPolicy } from '../backoff.js';
import { httpGet, loadUndici, loadedUndici } from '../http-get.js';
import { dispatcherFor, proxyFor } from '../transport.js';
import type { Transport } from '../../config/profile.js';
import { msFromNs, nsFromMs, parseQueryRange, parseTailMessage, queryRangeUrl, tailUrl, type LokiEntry } from './loki-api.js';
import { resolveLokiAccess, type LokiAccess, type LokiCredentials } from './loki-auth.js';
import { LokiResume, type ResumeFence } from './loki-resume.js';
import { LineBatcher, type ParseLine } from './line-batcher.js';
import { DEFAULT_MAX_LINE_BYTES, cutText } from './line-splitter.js';
import type { LogSourceStats } from './log-source-stats.js';
import type { Source } from '../source.js';
import type { Clock } from '../../model/session/clock.js';
import { sleep, systemClock } from '../system-clock.js';
import { StatusTracker } from '../status-tracker.js';

/** Settings for the Loki source; durations in milliseconds. */
export interface LokiOptions {
  /** Base URL such as http://loki:3100 (userinfo, if any, becomes basic auth and is never shown). */
  url: string;
  /** LogQL log query, e.g. {app="payments"}. */
  query: string;
  name?: string;
  parse: ParseLine;
  credentials?: LokiCredentials;
  env?: NodeJS.ProcessEnv;
  readFile?: (path: string) => Promise<string>;
  /** Entries fetched at start (default 200; Loki refuses more than 5000). */
  backfillLimit?: number;
  /** How far back the backfill looks (default one hour). */
  backfillWindowMs?: number;
  /** Entries the tail sends per batch (default 100). */
  tailLimit?: number;
  /** Seconds Loki holds entries back to order them, 0..5 (default 0). */
  delayForS?: number;
  timeoutMs?: number;
  backoff?: BackoffPolicy;
  clock?: Clock;
  dispatcher?: Dispatcher;
  /** The endpoint's TLS settings and proxy. */
  transport?: Transport;
  maxLineBytes?: number;
  batchLines?: number;
  batchMs?: number;
  /** false: read the backfill window only, no live tail (a past window). Default true. */
  tail?: boolean;
}

function firstLine(body: string): string {
  const line = body.trim().split('\n')[0] ?? '';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

/** A log source reading one LogQL query from Loki. */
export class LokiSource implements Source {
  readonly name: string;
  readonly kind = 'loki';
  private readonly clock: Clock;
  private readonly resume = new LokiResume();
  private access: LokiAccess | undefined;
  private batcher: LineBatcher | undefined;
  private status: StatusTracker | undefined;
  private emit: Emit = () => undefined;
  private stopped = true;
  private timer: unknown;
  private attempt = 0;
  private tailFromNs = '0';
  private ws: WebSocket | null = null;
  private wsClosed: Promise<void> = Promise.resolve();
  private abort = new AbortController();
  private linesRead = 0;
  private linesCut = 0;

  constructor(private readonly o: LokiOptions) {
    this.name = o.name ?? 'loki';
    this.clock = o.clock ?? systemClock;
  }

  /** Resolves credentials, fetches the backfill, then tails. */
  start(emit: Emit): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.abort = new AbortController();
    this.emit = emit;
    this.batcher = new LineBatcher({ source: this.name, emit, clock: this.clock, maxLines: this.o.batchLines, flushMs: this.o.batchMs });
    this.status = new StatusTracker(this.name, this.kind, emit, () => this.clock.now());
    this.status.set('connecting');
    void this.begin();
  }

  /** Cancels requests, closes the tail and emits what was read. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.ws) {
      this.ws.close(1000);
      await Promise.race([this.wsClosed, sleep(this.clock, 1000)]);
    }
    this.batcher?.flush();
  }

  /** Counters since start. */
  stats(): LogSourceStats {
    return { linesRead: this.linesRead, linesCut: this.linesCut };
  }

  private async begin(): Promise<void> {
    try {
      this.access = await resolveLokiAccess(this.o.url, this.o.credentials, this.o.env, this.o.readFile);
    } catch (err) {
      // The user has to fix this; retrying would not help.
      this.status?.set('down', (err as Error).message);
      return;
    }
    this.status = new StatusTracker(this.name, this.kind, this.emit, () => this.clock.now(), this.access.secrets);
    try {
      await loadUndici({ webSocket: true });
    } catch (err) {
      this.status.set('down', `HTTP client failed to load: ${(err as Error).message}`);
      return;
    }
    await this.backfill();
  }

  private async backfill(): Promise<void> {
    this.timer = undefined;
    if (this.stopped || !this.access) return;
    const end = this.clock.now();
    const endNs = nsFromMs(end);
    const url = queryRangeUrl(this.access.baseUrl, {
      query: this.o.query,
      startNs: nsFromMs(end - (this.o.backfillWindowMs ?? 3_600_000)),
      endNs,
      limit: Math.min(5000, this.o.backfillLimit ?? 200),
    });
    let entries: LokiEntry[];
    let latencyMs: number;
    try {
      const answer = await this.get(url);
      latencyMs = answer.latencyMs;
      if (answer.status >= 400) throw new Error(`HTTP ${answer.status}: ${firstLine(answer.body)}`);
      entries = parseQueryRange(answer.body);
    } catch (err) {
      if (this.stopped) return;
      this.retryLater(`backfill failed: ${(err as Error).message}`, () => void this.backfill());
      return;
    }
    if (this.stopped) return;
    this.attempt = 0;
    this.tailFromNs = endNs;
    for (const e of entries) this.accept(e);
    this.batcher?.flush();
    this.status?.set('up', null, latencyMs);
    if (this.o.tail !== false) this.connect();
  }

  private get(url: string) {
    const access = this.access as LokiAccess;
    return httpGet(url, {
      headers: access.headers,
      timeoutMs: this.o.timeoutMs ?? 10_000,
      signal: this.abort.signal,
      secrets: access.secrets,
      dispatcher: this.o.dispatcher,
      transport: this.o.transport,
    });
  }

  private connect(): void {
    this.timer = undefined;
    if (this.stopped || !this.access) return;
    const fence = this.resume.fence();
    const url = tailUrl(this.access.baseUrl, {
      query: this.o.query,
      startNs: this.resume.lastNs ?? this.tailFromNs,
      delayForS: this.o.delayForS ?? 0,
      limit: this.o.tailLimit ?? 100,
    });
    // The tail goes through the endpoint's TLS settings and proxy (tunnelled); with neither, the default client as before.
    const viaTransport = !!this.o.transport?.tls || proxyFor(url, this.o.transport).proxy !== null;
    const dispatcher = this.o.dispatcher ?? (viaTransport ? dispatcherFor(url, this.o.transport, true) : undefined);
    const ws = new (loadedUndici().WebSocket)(url, { headers: this.access.headers, dispatcher });
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    let opened = false;
    let failure = '';
    let closed!: () => void;
    this.wsClosed = new Promise<void>((r) => (closed = r));
    ws.addEventListener('open', () => {
      opened = true;
      this.status?.set('up');
    });
    ws.addEventListener('message', (ev) => this.onMessage(ev.data as string | ArrayBuffer, fence));
    ws.addEventListener('error', (ev) => {
      failure = (ev as { message?: string }).message ?? '';
    });
    ws.addEventListener('close', (ev) => {
      this.ws = null;
      closed();
      if (this.stopped) return;
      this.batcher?.flush();
      if (opened) {
        const why = ev.reason ? `${ev.code}: ${ev.reason}` : String(ev.code);
        this.retryLater(`tail closed by the server (${why})`, () => this.connect());
      } else void this.explainRefusal(failure);
    });
  }

  /** A refused tail handshake carries no readable body: ask query_range why, for a useful reason. */
  private async explainRefusal(failure: string): Promise<void> {
    let reason = `tail connection failed${failure ? `: ${failure}` : ''}`;
    try {
      const now = this.clock.now();
      const answer = await this.get(queryRangeUrl((this.access as LokiAccess).baseUrl, { query: this.o.query, startNs: nsFromMs(now - 60_000), endNs: nsFromMs(now), limit: 1 }));
      if (answer.status >= 400) reason = `tail connection failed: HTTP ${answer.status}: ${firstLine(answer.body)}`;
    } catch (err) {
      reason = `tail connection failed: ${(err as Error).message}`;
    }
    if (!this.stopped) this.retryLater(reason, () => this.connect());
  }

  private retryLater(reason: string, again: () => void): void {
    const delay = backoffDelay(this.attempt, this.o.backoff ?? DEFAULT_BACKOFF);
    this.attempt += 1;
    this.status?.set('down', `${reason}, reconnecting in ${formatDelay(delay)}`);
    this.timer = this.clock.setTimeout(again, delay);
  }

  private onMessage(data: string | ArrayBuffer, fence: ResumeFence): void {
    let parsed: { entries: LokiEntry[]; dropped: number };
    try {
      parsed = parseTailMessage(typeof data === 'string' ? data : Buffer.from(data).toString('utf8'));
    } catch (err) {
      this.status?.set('degraded', `unreadable tail message: ${(err as Error).message}`);
      return;
    }
    this.attempt = 0;
    if (this.status?.state !== 'up') this.status?.set('up');
    for (const e of parsed.entries) if (!fence.isRepeat(e)) this.accept(e);
    this.batcher?.addDropped(parsed.dropped);
  }

  private accept(e: LokiEntry): void {
    this.resume.note(e);
    this.linesRead += 1;
    this.batcher?.push(this.toLine(e));
  }

  private toLine(e: LokiEntry): LogLine {
    const secrets = this.access?.secrets ?? [];
    const safe = secrets.some((s) => e.line.includes(s)) ? redact(e.line, secrets) : e.line;
    const { text, cut } = cutText(safe, this.o.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES);
    if (cut) this.linesCut += 1;
    const at = msFromNs(e.ns);
    const line = this.o.parse(text, this.name, at);
    const service = line.service ?? e.labels.service ?? e.labels.app ?? e.labels.service_name;
    const pod = line.pod ?? e.labels.pod;
    return { ...line, timed: true, ns: e.ns, ...(service ? { service } : {}), ...(pod ? { pod } : {}) };
  }
}

/** Builds the source for `--loki URL` with a LogQL query. */
export function lokiLogs(opts: LokiOptions): LokiSource {
  return new LokiSource(opts);
}
