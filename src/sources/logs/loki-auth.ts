// Credentials and tenant for Loki: from the URL, the environment or files; the values are kept out of every message.
import { readFile as fsReadFile } from 'node:fs/promises';
import { UserError } from '../../config/errors.js';
import { redact } from '../../model/session/redact.js';

/** Where a secret comes from: an environment variable, a file (trailing newline removed) or a literal value. */
export type SecretSource = { env: string } | { file: string } | { value: string };

/** Optional Loki credentials; basic auth and a bearer token exclude each other. */
export interface LokiCredentials {
  /** Sent as X-Scope-OrgID (multi-tenant Loki). */
  tenant?: string;
  username?: string;
  password?: SecretSource;
  bearerToken?: SecretSource;
}

/** A base URL without userinfo, the headers to send, and the strings to remove from anything shown. */
export interface LokiAccess {
  baseUrl: string;
  headers: Record<string, string>;
  secrets: string[];
}

/** Credentials that cannot be used; the message names the variable or file, never the value. */
export class LokiCredentialsError extends UserError {
  constructor(message: string, hint?: string) {
    super('INC_LOKI_CREDENTIALS', message, hint);
    this.name = 'LokiCredentialsError';
  }
}

type ReadFile = (path: string) => Promise<string>;

async function reveal(what: string, src: SecretSource, env: NodeJS.ProcessEnv, readFile: ReadFile): Promise<string> {
  if ('value' in src) return src.value;
  if ('env' in src) {
    const v = env[src.env];
    if (v === undefined || v === '') throw new LokiCredentialsError(`Loki ${what}: environment variable ${src.env} is not set`, `export ${src.env}=...`);
    return v;
  }
  try {
    return (await readFile(src.file)).replace(/\r?\n$/, '');
  } catch (err) {
    const code = (err as { code?: string }).code ?? 'unreadable';
    throw new LokiCredentialsError(`Loki ${what}: cannot read ${src.file} (${code})`, 'check the path and its permissions');
  }
}

/** Resolves the credentials once, before the first request. */
export async function resolveLokiAccess(
  url: string,
  creds: LokiCredentials = {},
  env: NodeJS.ProcessEnv = process.env,
  readFile: ReadFile = (p) => fsReadFile(p, 'utf8'),
): Promise<LokiAccess> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserError('INC_LOKI_URL', `--loki: not a valid URL: ${redact(url)}`, 'give a URL such as http://loki:3100');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UserError('INC_LOKI_URL', `--loki: ${parsed.protocol} is not http: or https:`, 'give a URL such as http://loki:3100');
  }
  const secrets: string[] = [];
  const headers: Record<string, string> = {};
  let username = creds.username ?? (parsed.username ? decodeURIComponent(parsed.username) : undefined);
  let password = creds.password ? await reveal('password', creds.password, env, readFile) : undefined;
  if (password === undefined && parsed.password) password = decodeURIComponent(parsed.password);
  if (parsed.password) secrets.push(parsed.password, decodeURIComponent(parsed.password));
  parsed.username = '';
  parsed.password = '';
  if (creds.bearerToken) {
    if (creds.password) throw new LokiCredentialsError('Loki: both basic auth and a bearer token given', 'keep one of them');
    const token = await reveal('bearer token', creds.bearerToken, env, readFile);
    headers.authorization = `Bearer ${token}`;
    secrets.push(token);
    username = undefined;
  } else if (username !== undefined || password !== undefined) {
    const basic = Buffer.from(`${username ?? ''}:${password ?? ''}`).toString('base64');
    headers.authorization = `Basic ${basic}`;
    secrets.push(basic);
    if (password) secrets.push(password);
  }
  if (creds.tenant) headers['x-scope-orgid'] = creds.tenant;
  return { baseUrl: parsed.toString(), headers, secrets: secrets.filter((s) => s.length > 0) };
}
