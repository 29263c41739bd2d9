// Doctor's view of how each endpoint is reached: the certificate an https endpoint presents (subject, issuer,
// expiry, whether it verifies with the endpoint's settings) and the proxy a request goes through; never throws.
import type { Transport } from '../config/profile.js';
import { oneLine, type CheckResult } from '../model/session/doctor-check.js';
import { displayUrl, redact } from '../model/session/redact.js';
import { peerCertificate } from './tls-inspect.js';
import { describeTlsFailure } from './tls-failure.js';
import { proxyFor } from './transport.js';

/** One endpoint doctor reaches: what the profile calls it ("prometheus", "scrape"), its URL and transport. */
export interface Endpoint {
  name: string;
  url: string;
  transport?: Transport;
}

/** "via http://proxy:3128 (https_proxy)", "direct (NO_PROXY)" or "direct"; credentials removed. */
export function routeText(url: string, transport?: Transport): string {
  const { proxy, from } = proxyFor(url, transport);
  if (proxy) return `via proxy ${displayUrl(proxy)} (${from})`;
  return from ? `direct (${from})` : 'direct';
}

/** The certificate check of an https endpoint: subject, issuer, expiry and the route; fails when it does not verify. */
export async function probeCertificate(e: Endpoint, timeoutMs: number, nowMs: number, secrets: readonly string[]): Promise<CheckResult> {
  const target = displayUrl(e.url);
  const route = routeText(e.url, e.transport);
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  try {
    const c = await peerCertificate(e.url, e.transport, timeoutMs);
    const days = Math.floor((Date.parse(`${c.validTo}T00:00:00Z`) - nowMs) / 86_400_000);
    const facts = `subject ${c.subject}; issuer ${c.issuer}; expires ${c.validTo}${days >= 0 ? ` (in ${days} days)` : ''}; ${route}`;
    if (c.problem && !e.transport?.tls?.insecureSkipVerify) {
      const reason = await describeTlsFailure({ code: c.problem, cert: { subjectaltname: c.altNames } }, e.url, e.transport, timeoutMs);
      return { check: 'tls', target, ok: false, latencyMs: latency(), detail: oneLine(redact(`${reason ?? c.problem}; ${facts}`, secrets)) };
    }
    const skip = e.transport?.tls?.insecureSkipVerify ? 'not verified (insecure_skip_verify); ' : '';
    return { check: 'tls', target, ok: true, latencyMs: latency(), detail: oneLine(redact(`${skip}${facts}`, secrets)) };
  } catch (err) {
    const reason = await describeTlsFailure(err, e.url, e.transport, timeoutMs);
    return { check: 'tls', target, ok: false, latencyMs: latency(), detail: oneLine(redact(`${reason ?? (err as Error).message}; ${route}`, secrets)) };
  }
}

/** For every endpoint: a certificate check when it is https, and a route line when any proxy is in play. */
export async function probeTransports(endpoints: Endpoint[], timeoutMs: number, nowMs: number, secrets: readonly string[]): Promise<CheckResult[]> {
  const proxied = endpoints.some((e) => proxyFor(e.url, e.transport).proxy !== null);
  const checks = endpoints.map(async (e): Promise<CheckResult[]> => {
    const out: CheckResult[] = [];
    if (proxied) out.push({ check: 'route', target: displayUrl(e.url), ok: true, latencyMs: null, detail: oneLine(redact(`${e.name} ${routeText(e.url, e.transport)}`, secrets)) });
    if (e.url.startsWith('https:')) out.push(await probeCertificate(e, timeoutMs, nowMs, secrets));
    return out;
  });
  return (await Promise.all(checks)).flat();
}
