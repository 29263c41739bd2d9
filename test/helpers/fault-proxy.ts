// A fault-injecting HTTP proxy on a loopback port, in front of a real server. Each request is forwarded, or answered
// with the fault currently set: an API error or an HTML page carrying hostile text, a reset, an answer that never
// ends, a 10 MB answer, or a stall. Counts what it received.
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy does with the next requests. */
export type Fault =
  | { kind: 'pass' }
  | { kind: 'api-error'; errorType: string; error: string }
  | { kind: 'html'; status: number; title: string }
  | { kind: 'reset' }
  | { kind: 'endless' }
  | { kind: 'big'; bytes: number }
  | { kind: 'stall' };

/** A running proxy. */
export interface FaultProxy {
  url: string;
  set(fault: Fault): void;
  /** Requests received so far, by path (without the query). */
  received: string[];
  /** The same, whole (path and query). */
  requests: string[];
  stop(): Promise<void>;
}

const CHUNK = Buffer.alloc(64 * 1024, 'x');

function forward(upstream: URL, req: IncomingMessage, res: ServerResponse): void {
  const out = request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: { ...req.headers, host: upstream.host } }, (up) => {
    res.writeHead(up.statusCode ?? 502, up.headers);
    up.pipe(res);
  });
  out.on('error', () => res.destroy());
  req.pipe(out);
}

/** Writes 64 KiB pieces of a JSON string that never closes, as fast as the socket takes them, until the peer goes. */
function endless(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"pod":"');
  const more = () => {
    while (!res.destroyed && res.write(CHUNK));
  };
  res.on('drain', more);
  more();
}

/** Starts the proxy in front of `upstream` (a base URL), forwarding until a fault is set. */
export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream);
  let fault: Fault = { kind: 'pass' };
  const received: string[] = [];
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    received.push((req.url ?? '').split('?')[0]);
    requests.push(req.url ?? '');
    const f = fault;
    switch (f.kind) {
      case 'pass':
        return forward(target, req, res);
      case 'api-error':
        res.writeHead(422, { 'content-type': 'application/json' });
        return void res.end(JSON.stringify({ status: 'error', errorType: f.errorType, error: f.error }));
      case 'html':
        res.writeHead(f.status, { 'content-type': 'text/html' });
        return void res.end(`<html><head><title>${f.title}</title></head><body>proxy</body></html>`);
      case 'reset':
        return void req.socket.destroy();
      case 'endless':
        return endless(res);
      case 'big': {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(`{"status":"success","data":{"resultType":"vector","result":[{"metric":{"pod":"${'y'.repeat(f.bytes)}"},"value":[1,"1"]}]}}`);
        return;
      }
      case 'stall':
        return;
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    set(next) {
      fault = next;
    },
    received,
    requests,
    async stop() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
