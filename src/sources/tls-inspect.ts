// Reads the certificate an endpoint presents, without trusting it: for doctor's subject and expiry, and for the date
// in an "expired" reason. Goes through the endpoint's proxy (a CONNECT tunnel) when it has one.
import type { Socket } from 'node:net';
import type { ConnectionOptions, PeerCertificate, TLSSocket } from 'node:tls';
import type { Transport } from '../config/profile.js';
import { proxyFor, tlsOptions } from './transport.js';

/** What doctor prints of a certificate; dates as RFC 3339 days ("2026-11-01"). */
export interface CertificateFacts {
  subject: string;
  issuer: string;
  /** Subject alternative names, as "DNS:prom.internal, IP Address:127.0.0.1". */
  altNames: string;
  validFrom: string;
  validTo: string;
  /** True when the presented chain verifies against the endpoint's CA settings and matches the host. */
  trusted: boolean;
  /** Why it does not verify (Node's code, e.g. CERT_HAS_EXPIRED), when it does not. */
  problem: string | null;
}

/** "CN=prom.internal, O=Example" from Node's subject object. */
function names(o: PeerCertificate['subject'] | undefined): string {
  if (!o) return '';
  return Object.entries(o).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`).join(', ');
}

/** The day of a certificate date ("Nov  1 00:00:00 2026 GMT" -> "2026-11-01"), or the text as given. */
export function certDay(text: string): string {
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? text : d.toISOString().slice(0, 10);
}

/** node:tls's connect, loaded on first use (only failures and doctor read certificates). */
const tlsConnect = (options: ConnectionOptions): TLSSocket => process.getBuiltinModule('node:tls').connect(options);

/** A socket to the proxy's tunnel to host:port. */
function tunnel(proxy: string, host: string, port: number, timeoutMs: number): Promise<Socket> {
  const p = new URL(proxy);
  const headers: Record<string, string> = { host: `${host}:${port}` };
  if (p.username) headers['proxy-authorization'] = `Basic ${Buffer.from(`${decodeURIComponent(p.username)}:${decodeURIComponent(p.password)}`).toString('base64')}`;
  return new Promise((resolve, reject) => {
    const req = process.getBuiltinModule('node:http').request({ host: p.hostname, port: Number(p.port) || 80, method: 'CONNECT', path: `${host}:${port}`, headers, timeout: timeoutMs });
    req.once('connect', (res, socket) => (res.statusCode === 200 ? resolve(socket) : (socket.destroy(), reject(new Error(`proxy answered ${res.statusCode} to CONNECT`)))));
    req.once('timeout', () => req.destroy(new Error(`proxy did not answer within ${timeoutMs} ms`)));
    req.once('error', reject);
    req.end();
  });
}

/** The certificate `url` (https) presents, read with the endpoint's TLS settings but without rejecting it. */
export async function peerCertificate(url: string, transport: Transport | undefined, timeoutMs: number): Promise<CertificateFacts> {
  const u = new URL(url);
  const port = Number(u.port) || 443;
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  const { proxy } = proxyFor(url, transport);
  const socket = proxy ? await tunnel(proxy, host, port, timeoutMs) : undefined;
  const opts = tlsOptions(transport?.tls);
  return new Promise((resolve, reject) => {
    const tls = tlsConnect({ host, port, socket, servername: (opts.servername as string | undefined) ?? (/^[\d.:]+$/.test(host) ? undefined : host), ...opts, rejectUnauthorized: false });
    const timer = setTimeout(() => tls.destroy(new Error(`no TLS handshake within ${timeoutMs} ms`)), timeoutMs);
    tls.once('secureConnect', () => {
      clearTimeout(timer);
      const c = tls.getPeerCertificate();
      const verified = transport?.tls?.insecureSkipVerify ? null : tls.authorizationError;
      resolve({
        subject: names(c.subject), issuer: names(c.issuer), altNames: c.subjectaltname ?? '',
        validFrom: certDay(c.valid_from), validTo: certDay(c.valid_to),
        trusted: tls.authorized, problem: verified ? String((verified as Error).message ?? verified) : null,
      });
      tls.end();
    });
    tls.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/**
 * The TLS alert the server sends after the handshake, if any (e.g. ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED): with
 * TLS 1.3 a server that wants a client certificate says so only after the client's handshake has finished, and an
 * HTTP client sees just a closed connection. One small request is sent to hear it; null when the server answers.
 */
export async function alertAfterHandshake(url: string, transport: Transport | undefined, timeoutMs: number): Promise<string | null> {
  const u = new URL(url);
  const port = Number(u.port) || 443;
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  const { proxy } = proxyFor(url, transport);
  const socket = proxy ? await tunnel(proxy, host, port, timeoutMs).catch(() => undefined) : undefined;
  if (proxy && !socket) return null;
  const opts = tlsOptions(transport?.tls);
  return new Promise((resolve) => {
    const tls = tlsConnect({ host, port, socket, servername: (opts.servername as string | undefined) ?? (/^[\d.:]+$/.test(host) ? undefined : host), ...opts, rejectUnauthorized: false });
    const done = (code: string | null) => {
      clearTimeout(timer);
      tls.destroy();
      resolve(code);
    };
    const timer = setTimeout(() => done(null), timeoutMs);
    tls.once('secureConnect', () => tls.write(`HEAD / HTTP/1.1\r\nhost: ${u.host}\r\nconnection: close\r\n\r\n`));
    tls.once('data', () => done(null));
    tls.once('error', (err: NodeJS.ErrnoException) => done(err.code ?? null));
    tls.once('close', () => done(null));
  });
}
