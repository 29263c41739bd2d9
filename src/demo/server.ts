// The demo's loopback HTTP server: /metrics of the fleet and of Vector, and a Prometheus-compatible query API.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EXPOSITION_CONTENT_TYPE, fleetExposition, vectorExposition } from './exposition-text.js';
import { startDemoFiles, type DemoFiles } from './log-writer.js';
import { answerLabelValues, answerQuery, answerQueryRange, type ApiAnswer } from './prom-answer.js';
import { DemoSimulation } from './simulation.js';

/** A running demo: its base URL, its files and a way to stop everything. */
export interface DemoServer {
  /** Base URL such as http://127.0.0.1:40123 (no trailing slash). */
  url: string;
  /** Fleet metrics endpoint. */
  metricsUrl: string;
  /** Vector self-metrics endpoint. */
  pipelineUrl: string;
  files: DemoFiles;
  sim: DemoSimulation;
  /** Stops the server and the log writer and removes the temporary files; safe to call twice. */
  close(): Promise<void>;
}

/** Options for the demo; times in epoch milliseconds and durations in milliseconds. */
export interface DemoServerOptions {
  now?: () => number;
  /** The moment the incident is anchored to (default: now). */
  startMs?: number;
  /** How much log history to write at start (default 5 minutes). */
  backfillMs?: number;
  /** How often new log lines are appended (default 250 ms). */
  logEveryMs?: number;
}

const MAX_BODY = 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => {
      body += d;
      if (body.length > MAX_BODY) req.destroy();
    });
    req.on('end', () => resolve(body));
    req.on('error', () => resolve(''));
  });
}

function json(res: ServerResponse, answer: ApiAnswer): void {
  res.writeHead(answer.status, { 'content-type': 'application/json' });
  res.end(answer.body);
}

async function route(sim: DemoSimulation, now: () => number, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://demo');
  const params = new URLSearchParams(url.search);
  if (req.method === 'POST') for (const [k, v] of new URLSearchParams(await readBody(req))) params.append(k, v);
  const nowMs = now();
  const path = url.pathname;
  if (path === '/metrics' || path === '/vector/metrics') {
    res.writeHead(200, { 'content-type': EXPOSITION_CONTENT_TYPE });
    res.end(path === '/metrics' ? fleetExposition(sim, nowMs) : vectorExposition(sim, nowMs));
    return;
  }
  if (path === '/api/v1/query') return json(res, answerQuery(sim, params, nowMs / 1000));
  if (path === '/api/v1/query_range') return json(res, answerQueryRange(sim, params));
  const label = /^\/api\/v1\/label\/([^/]+)\/values$/.exec(path);
  if (label) return json(res, answerLabelValues(sim, decodeURIComponent(label[1]), params, nowMs / 1000));
  if (path === '/-/healthy' || path === '/-/ready') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('Demo is Healthy.\n');
    return;
  }
  json(res, { status: 404, body: JSON.stringify({ status: 'error', errorType: 'not_found', error: `no such endpoint on the demo server: ${path}` }) });
}

/** Starts the simulated incident on 127.0.0.1 (a free port) and its log files in a temporary directory. */
export async function startDemoServer(opts: DemoServerOptions = {}): Promise<DemoServer> {
  const now = opts.now ?? Date.now;
  const sim = new DemoSimulation(opts.startMs ?? now());
  const server = createServer((req, res) => {
    route(sim, now, req, res).catch((err: unknown) => {
      if (!res.headersSent) json(res, { status: 500, body: JSON.stringify({ status: 'error', errorType: 'internal', error: String(err) }) });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  server.unref();
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  let files: DemoFiles;
  try {
    files = startDemoFiles(sim, { now, backfillMs: opts.backfillMs ?? 5 * 60_000, everyMs: opts.logEveryMs ?? 250 });
  } catch (err) {
    server.close();
    throw err;
  }
  let closing: Promise<void> | undefined;
  return {
    url,
    metricsUrl: `${url}/metrics`,
    pipelineUrl: `${url}/vector/metrics`,
    files,
    sim,
    close() {
      closing ??= new Promise<void>((resolve) => {
        files.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
