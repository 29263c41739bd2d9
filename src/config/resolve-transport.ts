// An endpoint's `tls` and `proxy_url` as written turned into a Transport: PEM files read, versions named as Node names them.
import { readFileSync } from 'node:fs';
import { ProfileError } from './errors.js';
import type { TlsSettings, Transport } from './profile.js';
import type { ProfileInput } from './profile-schema.js';

type TransportInput = Pick<NonNullable<ProfileInput['prometheus']>, 'tls' | 'proxy_url'>;

const VERSIONS = { TLS10: 'TLSv1', TLS11: 'TLSv1.1', TLS12: 'TLSv1.2', TLS13: 'TLSv1.3' } as const;

function readPem(file: string, field: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new ProfileError(file, field, `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

/** The TLS settings of `field` (e.g. "prometheus"), or undefined when it has none; cert_file needs key_file and back. */
export function resolveTls(input: TransportInput['tls'], file: string, field: string): TlsSettings | undefined {
  if (!input) return undefined;
  if (!!input.cert_file !== !!input.key_file) {
    const missing = input.cert_file ? 'key_file' : 'cert_file';
    throw new ProfileError(file, `${field}.tls.${missing}`, 'is required with the other', 'a client certificate needs both tls.cert_file and tls.key_file');
  }
  return {
    caFile: input.ca_file,
    certFile: input.cert_file,
    keyFile: input.key_file,
    ca: input.ca_file ? readPem(file, `${field}.tls.ca_file`, input.ca_file) : undefined,
    cert: input.cert_file ? readPem(file, `${field}.tls.cert_file`, input.cert_file) : undefined,
    key: input.key_file ? readPem(file, `${field}.tls.key_file`, input.key_file) : undefined,
    serverName: input.server_name,
    insecureSkipVerify: input.insecure_skip_verify ?? false,
    minVersion: input.min_version ? VERSIONS[input.min_version] : undefined,
  };
}

/** The Transport of an endpoint section, or undefined when it sets neither `tls` nor `proxy_url`. */
export function resolveTransport(input: TransportInput | undefined, file: string, field: string): Transport | undefined {
  if (!input?.tls && !input?.proxy_url) return undefined;
  return { tls: resolveTls(input.tls, file, field), proxyUrl: input.proxy_url };
}

/** Secrets a transport carries: the password of a proxy URL, and its user:password as basic auth encodes it. */
export function transportSecrets(t: Transport | undefined): string[] {
  if (!t?.proxyUrl) return [];
  try {
    const u = new URL(t.proxyUrl);
    if (!u.password) return [];
    const password = decodeURIComponent(u.password);
    const encoded = Buffer.from(`${decodeURIComponent(u.username)}:${password}`).toString('base64');
    return [password, u.password, encoded].filter((s) => s.length >= 3);
  } catch {
    return [];
  }
}
