// A TLS failure turned into a reason that says what to set: unknown authority, expiry, host name, client certificate.
import type { Transport } from '../config/profile.js';
import { alertAfterHandshake, peerCertificate } from './tls-inspect.js';

const UNKNOWN_AUTHORITY = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_SIGNATURE_FAILURE',
]);

/** The codes an error carries, its own and its causes' (undici wraps socket errors). */
function codes(err: unknown): { code: string; error: Record<string, unknown> }[] {
  const out: { code: string; error: Record<string, unknown> }[] = [];
  let e = err as Record<string, unknown> | undefined;
  for (let depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    if (typeof e.code === 'string') out.push({ code: e.code, error: e });
    e = e.cause as Record<string, unknown> | undefined;
  }
  return out;
}

/** The names a certificate is for: its DNS and IP alternative names, else its common name. */
function certNames(cert: { subjectaltname?: string; subject?: { CN?: string } } | undefined): string {
  const alt = (cert?.subjectaltname ?? '').split(',').map((s) => s.trim().replace(/^(DNS|IP Address):/, '')).filter(Boolean);
  return (alt.length ? alt : [cert?.subject?.CN ?? 'another name']).join(', ');
}

/**
 * The reason for a TLS failure of a request to `url`, or null when `err` is not one. An expired certificate is read
 * again (without trusting it) for its date, and a connection closed after the handshake is tried once more by hand to
 * hear the server's alert; each costs one more handshake, only on these failures.
 */
export async function describeTlsFailure(err: unknown, url: string, transport: Transport | undefined, timeoutMs: number, retried = false): Promise<string | null> {
  const tls = transport?.tls;
  for (const { code, error } of codes(err)) {
    if (UNKNOWN_AUTHORITY.has(code)) {
      return tls?.caFile ? `certificate signed by an authority not in tls.ca_file ${tls.caFile}` : 'certificate signed by unknown authority (set tls.ca_file)';
    }
    if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
      const facts = await peerCertificate(url, transport, Math.min(timeoutMs, 2000)).catch(() => null);
      if (code === 'CERT_NOT_YET_VALID') return `certificate not valid before ${facts ? facts.validFrom : 'a later date'}`;
      return facts ? `certificate expired on ${facts.validTo}` : 'certificate expired';
    }
    if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
      const cert = error.cert as { subjectaltname?: string; subject?: { CN?: string }; valid_to?: string } | undefined;
      const hint = tls?.serverName ? `tls.server_name is ${tls.serverName}` : 'set tls.server_name';
      return `hostname mismatch: certificate is for ${certNames(cert)} (${hint})`;
    }
    if (/CERTIFICATE_REQUIRED|ALERT_BAD_CERTIFICATE|ALERT_HANDSHAKE_FAILURE|ALERT_UNKNOWN_CA|ALERT_CERTIFICATE_UNKNOWN/.test(code)) {
      return tls?.certFile
        ? `server refused the client certificate ${tls.certFile} (check tls.cert_file and tls.key_file against the server's client CA)`
        : 'server asked for a client certificate (set tls.cert_file and tls.key_file)';
    }
    if (/PROTOCOL_VERSION|UNSUPPORTED_PROTOCOL|NO_PROTOCOLS_AVAILABLE/.test(code)) {
      return `no TLS version both sides accept${tls?.minVersion ? ` (tls.min_version is ${tls.minVersion.replace('TLSv', 'TLS ')})` : ''}`;
    }
    if (code === 'ERR_SSL_WRONG_VERSION_NUMBER') return 'the server does not speak TLS here (is the URL http://?)';
    if ((code === 'UND_ERR_SOCKET' || code === 'ECONNRESET') && url.startsWith('https:') && !retried) {
      // A connection closed right after the handshake: ask once more by hand to hear the server's TLS alert.
      const alert = await alertAfterHandshake(url, transport, Math.min(timeoutMs, 2000)).catch(() => null);
      return alert ? describeTlsFailure({ code: alert }, url, transport, timeoutMs, true) : null;
    }
  }
  return null;
}
