// A stand-in Loki on 127.0.0.1 answering query_range and the tail WebSocket with the documented Loki 3.x shapes.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { acceptWebSocket, refuseUpgrade, type WsPeer } from '../helpers/ws-server.js';

/** A stored entry: nanosecond timestamp string, line, stream labels. */
export interface FakeEntry {
  ns: string;
  line: string;
  labels: Record<string, string>;
}

/** What a handler answers: HTTP status and body. */
export interface FakeAnswer {
  status: number;
  body: string;
}

/** A request the fake received. */
export interface FakeRequest {
  path: string;
  params: URLSearchParams;
  headers: IncomingHttpHeaders;
}

/** Groups entries into Loki streams. */
export function streamsOf(entries: FakeEntry[]): Array<{ stream: Record<string, string>; values: string[][] }> {
  const byLabels = new Map<string, { stream: Record<string, string>; values: string[][] }>();
  for (const e of entries) {
    const key = JSON.stringify(e.labels);
    const s = byLabels.get(key) ?? { stream: e.labels, values: [] };
    s.values.push([e.ns, e.line]);
    byLabels.set(key, s);
  }
  return [...byLabels.values()];
}

/** The running fake. */
export class FakeLoki {
  url = '';
  readonly requests: FakeRequest[] = [];
  readonly tails: WsPeer[] = [];
  /** Entries query_range and a new tail connection serve (newest first / from `start` on). */
  entries: FakeEntry[] = [];
  /** Replaces the query_range answer when set. */
  queryRange: ((params: URLSearchParams) => FakeAnswer) | null = null;
  /** Refuses tail handshakes with this answer when set. */
  refuseTail: FakeAnswer | null = null;
  private server: Server | undefined;
  private waiters: Array<() => void> = [];

  /** Starts listening on an ephemeral loopback port. */
  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const u = new URL(req.url ?? '/', 'http://x');
      this.requests.push({ path: u.pathname, params: u.searchParams, headers: req.headers });
      if (u.pathname !== '/loki/api/v1/query_range') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found\n');
        return;
      }
      const answer = this.queryRange?.(u.searchParams) ?? this.defaultQueryRange(u.searchParams);
      const type = answer.status >= 400 ? 'text/plain; charset=utf-8' : 'application/json';
      res.writeHead(answer.status, { 'content-type': type }).end(answer.body);
    });
    this.server.on('upgrade', (req, socket, head) => {
      const u = new URL(req.url ?? '/', 'http://x');
      this.requests.push({ path: u.pathname, params: u.searchParams, headers: req.headers });
      if (u.pathname !== '/loki/api/v1/tail' || this.refuseTail) {
        refuseUpgrade(socket, this.refuseTail?.status ?? 404, this.refuseTail?.body ?? 'not found');
        return;
      }
      const peer = acceptWebSocket(req, socket, head);
      this.tails.push(peer);
      // Like Loki, a new tail first sends what it has from `start` on.
      const start = BigInt(u.searchParams.get('start') ?? '0');
      const history = this.entries.filter((e) => BigInt(e.ns) >= start);
      if (history.length > 0) peer.sendText(JSON.stringify({ streams: streamsOf(history), dropped_entries: null }));
      for (const w of this.waiters.splice(0)) w();
    });
    await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Resolves with tail connection number `index` (0 for the first) once it is open. */
  async tail(index: number): Promise<WsPeer> {
    while (!this.tails[index]) await new Promise<void>((r) => this.waiters.push(() => r()));
    return this.tails[index];
  }

  /** Sends entries (and dropped entries) on a tail connection and stores them. */
  push(peer: WsPeer, entries: FakeEntry[], dropped = 0): void {
    this.entries.push(...entries);
    const droppedEntries = Array.from({ length: dropped }, (_, i) => ({ labels: '{app="payments"}', timestamp: String(i) }));
    peer.sendText(JSON.stringify({ streams: streamsOf(entries), dropped_entries: dropped > 0 ? droppedEntries : null }));
  }

  /** Stops the server and drops every connection. */
  async close(): Promise<void> {
    for (const t of this.tails) t.close(1001, 'server stopping');
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  private defaultQueryRange(params: URLSearchParams): FakeAnswer {
    const limit = Number(params.get('limit') ?? '100');
    const newestFirst = [...this.entries].sort((a, b) => (BigInt(b.ns) > BigInt(a.ns) ? 1 : -1)).slice(0, limit);
    return { status: 200, body: JSON.stringify({ status: 'success', data: { resultType: 'streams', result: streamsOf(newestFirst), stats: {} } }) };
  }
}
