// Pushes an ended session's TTFG to the team's Pushgateway: one PUT, bounded in time, never throwing.
import type { Transport } from '../../config/profile.js';
import { displayUrl, redact } from '../../model/session/redact.js';
import type { SessionRecord } from '../../model/session/session-record.js';
import { ttfgExposition, ttfgPushUrl } from '../../model/session/ttfg-push.js';
import { FetchError } from '../http-get.js';
import { loadUndici } from '../http-client.js';
import { describeTlsFailure } from '../tls-failure.js';
import { dispatcherFor } from '../transport.js';

/** Longest a push may take, in milliseconds: quitting is never delayed by more. */
export const PUSH_TIMEOUT_MS = 1000;

/** Where to push and how: the Pushgateway's base URL, its TLS settings and proxy, secrets to keep out of messages. */
export interface PushTarget {
  url: string;
  transport?: Transport;
  secrets?: readonly string[];
}

/**
 * PUTs the session's metrics under its host and service (replacing that group's last session); resolves with null on
 * success or a one-line reason ("timed out after 1000 ms", "HTTP 400: ...", "connection refused") on failure.
 */
export async function pushTtfg(target: PushTarget, record: SessionRecord, version: string, timeoutMs = PUSH_TIMEOUT_MS): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`timed out after ${timeoutMs} ms (${displayUrl(target.url)})`), timeoutMs);
  });
  // The bound holds for everything, the reading of a TLS failure included.
  const outcome = await Promise.race([push(target, record, version, timeoutMs), late]);
  clearTimeout(timer);
  return outcome;
}

async function push(target: PushTarget, record: SessionRecord, version: string, timeoutMs: number): Promise<string | null> {
  const url = ttfgPushUrl(target.url, record);
  const signal = AbortSignal.timeout(timeoutMs);
  const secrets = target.secrets ?? [];
  try {
    const { request } = await loadUndici();
    const res = await request(url, {
      method: 'PUT',
      headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' },
      body: ttfgExposition(record, version),
      signal,
      dispatcher: dispatcherFor(url, target.transport),
    });
    const text = await res.body.text();
    if (res.statusCode >= 200 && res.statusCode < 300) return null;
    return redact(`HTTP ${res.statusCode} from ${displayUrl(target.url)}: ${text.trim().split('\n')[0].slice(0, 200)}`, secrets);
  } catch (err) {
    if (signal.aborted) return `timed out after ${timeoutMs} ms (${displayUrl(target.url)})`;
    const tls = await describeTlsFailure(err, url, target.transport, 200).catch(() => null);
    if (tls) return redact(`${tls} (${displayUrl(target.url)})`, secrets);
    const e = err as { code?: string; message?: string };
    if (e.code === 'ECONNREFUSED') return `connection refused (${displayUrl(target.url)})`;
    return redact(err instanceof FetchError ? err.message : `${e.message ?? String(err)} (${displayUrl(target.url)})`, secrets);
  }
}
