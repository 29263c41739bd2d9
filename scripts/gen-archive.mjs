#!/usr/bin/env node
// Writes a deterministic archived log with an incident in it: JSON lines (about 200 bytes each), optionally mixed
// with logfmt and plain-text lines. Times jitter by up to 0.9 s (lines slightly out of order, as from several
// writers); --ordered keeps them in order. Usage:
//   node scripts/gen-archive.mjs --lines N --out FILE [--mixed] [--gzip] [--ordered] [--seed S]
import { createWriteStream } from 'node:fs';
import { createGzip } from 'node:zlib';
import { once } from 'node:events';

const args = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const lines = Number(arg('--lines', '20000'));
const out = arg('--out', 'archive.jsonl');
const mixed = args.includes('--mixed');
const ordered = args.includes('--ordered');
const gzip = args.includes('--gzip') || out.endsWith('.gz');
let seed = Number(arg('--seed', '42')) >>> 0;

/** mulberry32: a small deterministic PRNG, 0..1. */
function rand() {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const hex = (n) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(rand() * 16)]).join('');

const services = ['payments', 'checkout', 'search', 'auth', 'gateway'];
const pods = Object.fromEntries(services.map((s) => [s, [0, 1, 2].map(() => `${s}-7f9c${hex(1)}-${hex(5)}`)]));
const okMessages = ['GET /api/v1/orders/{n} served', 'POST /api/v1/charge ok', 'cache hit for key user:{n}', 'GET /healthz'];
const errMessages = [
  'upstream timeout after {n}ms to 10.0.{n}.{n}:8080',
  'payment {uuid} declined: card issuer unavailable',
  'db connection reset (conn id 0x{hex})',
  'circuit breaker open for ledger-{n}',
];
const fill = (m) =>
  m.replace(/\{n\}/g, () => String(Math.floor(rand() * 9000) + 10))
    .replace('{uuid}', () => `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`)
    .replace('{hex}', () => hex(10));

const start = Date.UTC(2026, 10, 22, 14, 0, 0);
const spanMs = 60 * 60_000;
const incidentFrom = start + 30 * 60_000;
const incidentPeak = start + 38 * 60_000;
const incidentTo = start + 46 * 60_000;

/** Error probability for a service at a time: a baseline for all, a rise and a peak for payments. */
function errorProbability(service, at) {
  if (service !== 'payments' || at < incidentFrom || at >= incidentTo) return 0.005;
  const up = at < incidentPeak ? (at - incidentFrom) / (incidentPeak - incidentFrom) : (incidentTo - at) / (incidentTo - incidentPeak);
  return 0.02 + 0.4 * up;
}

const sink = createWriteStream(out);
const stream = gzip ? createGzip({ level: 1 }) : sink;
if (gzip) stream.pipe(sink);
let buffer = '';
let deployed = false;
let rolledBack = false;
for (let i = 0; i < lines; i++) {
  const at = start + Math.floor((i / lines) * spanMs);
  const jitter = Math.floor(rand() * 900);
  const ts = new Date(ordered ? at : at + jitter).toISOString();
  let line;
  if (!deployed && at >= incidentFrom - 60_000) {
    deployed = true;
    line = JSON.stringify({ ts, level: 'info', service: 'payments', pod: pods.payments[0], msg: 'deployed version v2.14.1 by ci' });
  } else if (!rolledBack && at >= incidentTo - 60_000) {
    rolledBack = true;
    line = JSON.stringify({ ts, level: 'warn', service: 'payments', pod: pods.payments[1], msg: 'deployed version v2.14.0 (rollback)' });
  } else {
    const service = pick(services);
    const pod = service === 'payments' && at >= incidentFrom && rand() < 0.5 ? pods.payments[2] : pick(pods[service]);
    const isError = rand() < errorProbability(service, at);
    const slow = service === 'payments' && at >= incidentFrom && at < incidentTo;
    const latency = Math.round((slow ? 200 + rand() * 2500 : 5 + rand() * 120) * 10) / 10;
    const status = isError ? pick([500, 502, 503, 504]) : rand() < 0.03 ? 404 : 200;
    const msg = fill(isError ? pick(errMessages) : pick(okMessages));
    const level = isError ? 'error' : status >= 400 ? 'warn' : rand() < 0.05 ? 'debug' : 'info';
    const untimed = rand() < 0.005;
    const noLevel = service === 'gateway' && rand() < 0.3;
    const form = mixed ? rand() : 0;
    if (form > 0.97) {
      line = `${untimed ? '' : `${ts} `}${level.toUpperCase()} ${msg}`;
    } else if (form > 0.9) {
      const q = (v) => (/[\s"=]/.test(v) ? JSON.stringify(v) : v);
      line = `${untimed ? '' : `ts=${ts} `}${noLevel ? '' : `level=${level} `}service=${service} pod=${pod} msg=${q(msg)} status=${status} latency_ms=${latency} trace_id=${hex(32)}`;
    } else {
      const o = untimed ? {} : { ts };
      if (!noLevel) o.level = level;
      Object.assign(o, { service, pod, msg, status, latency_ms: latency, trace_id: hex(32) });
      line = JSON.stringify(o);
    }
  }
  buffer += `${line}\n`;
  if (buffer.length > 1 << 20) {
    if (!stream.write(buffer)) await once(stream, 'drain');
    buffer = '';
  }
}
stream.end(buffer);
await once(sink, 'finish');
