// The connection pools behind every request: one per (TLS settings, proxy) pair, shared by all requests that use it.
import type { SecureContext } from 'node:tls';
import type { Dispatcher } from 'undici';
import type { TlsSettings, Transport } from '../config/profile.js';
import { chooseProxy, type ProxyChoice } from '../model/net/proxy-choice.js';
import { displayUrl } from '../model/session/redact.js';
import { defaultDispatcher, keptPool, keptPoolCount, loadedUndici } from './http-client.js';

/** Milliseconds a connection (or a proxy's tunnel) may take to open, as for the shared pool. */
const CONNECT_TIMEOUT_MS = 5000;

let environment: Readonly<Record<string, string | undefined>> = process.env;

/** Replaces the environment proxies are read from (tests); pools already made stay until closeTransports(). */
export function setProxyEnvironment(env: Readonly<Record<string, string | undefined>>): void {
  environment = env;
}

/** The proxy `url` goes through with `transport` (the endpoint's proxy_url, else the environment's). */
export function proxyFor(url: string, transport?: Transport): ProxyChoice {
  return chooseProxy(url, environment, transport?.proxyUrl);
}

const contexts = new WeakMap<TlsSettings, SecureContext>();

/**
 * Node's TLS options for the settings (CA, client certificate, server name, verification, lowest version). The CA
 * and certificate are parsed once into a secure context shared by every connection with these settings, not once
 * per connection.
 */
export function tlsOptions(tls: TlsSettings | undefined): Record<string, unknown> {
  if (!tls) return {};
  let secureContext = contexts.get(tls);
  if (!secureContext && (tls.ca || tls.cert)) {
    // node:tls is loaded only here: commands and endpoints without TLS settings do not pay for it at start-up.
    secureContext = process.getBuiltinModule('node:tls').createSecureContext({ ca: tls.ca, cert: tls.cert, key: tls.key, minVersion: tls.minVersion });
    contexts.set(tls, secureContext);
  }
  return {
    ...(secureContext ? { secureContext } : {}),
    ...(tls.serverName ? { servername: tls.serverName } : {}),
    ...(tls.insecureSkipVerify ? { rejectUnauthorized: false } : {}),
    ...(tls.minVersion ? { minVersion: tls.minVersion } : {}),
  };
}

/** What tells two pools apart: file paths and options, never the PEM text itself. */
function poolKey(tls: TlsSettings | undefined, proxy: string | null, tunnel: boolean): string {
  const t = tls ? [tls.caFile, tls.certFile, tls.keyFile, tls.serverName, tls.insecureSkipVerify, tls.minVersion] : null;
  return JSON.stringify([t, proxy, tunnel]);
}

/**
 * The dispatcher for `url`: the shared keep-alive pool when neither TLS settings nor a proxy apply, else one pool per
 * (TLS settings, proxy) pair, made once. Through a proxy, https goes through a CONNECT tunnel and plain http is
 * forwarded as an absolute-URI request, as curl does; `tunnel` tunnels plain http too (a WebSocket needs that).
 */
export function dispatcherFor(url: string, transport?: Transport, tunnel = false): Dispatcher {
  const { proxy } = proxyFor(url, transport);
  const tls = transport?.tls;
  if (!proxy && !tls) return defaultDispatcher();
  return keptPool(poolKey(tls, proxy, tunnel), () => {
    const { Agent, ProxyAgent } = loadedUndici();
    const common = { keepAliveTimeout: 30_000, pipelining: 1 };
    return proxy
      ? new ProxyAgent({ uri: proxy, proxyTunnel: tunnel, requestTls: { timeout: CONNECT_TIMEOUT_MS, ...tlsOptions(tls) }, ...common })
      : new Agent({ connect: { timeout: CONNECT_TIMEOUT_MS, ...tlsOptions(tls) }, ...common });
  });
}

/** How many pools besides the shared one exist (tests check that requests share them). */
export function transportPoolCount(): number {
  return keptPoolCount();
}

/** A proxy URL safe to show: its credentials removed. */
export function displayProxy(proxy: string): string {
  return displayUrl(proxy);
}
