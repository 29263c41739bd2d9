// Reads a Grafana dashboard's JSON: from a file, or from Grafana's HTTP API (/api/dashboards/uid/UID) with a token.
import { readFileSync, writeFileSync } from 'node:fs';
import { UserError } from '../config/errors.js';
import { displayUrl } from '../model/session/redact.js';
import { httpGet } from './http-get.js';

/** Largest dashboard read, in bytes (the biggest real dashboards are a few hundred kilobytes). */
export const MAX_DASHBOARD_BYTES = 8 * 1024 * 1024;

const parse = (text: string, where: string): unknown => {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UserError('INC_IMPORT', `${where}: not JSON (${(err as Error).message.split('\n')[0]})`, 'export the dashboard as JSON (Share > Export), or use --url');
  }
};

/** The parsed JSON of a dashboard file. */
export function readDashboardFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UserError('INC_IMPORT', `${path}: cannot read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (text.length > MAX_DASHBOARD_BYTES) throw new UserError('INC_IMPORT', `${path}: larger than ${MAX_DASHBOARD_BYTES / 1024 / 1024} MiB`);
  return parse(text, path);
}

/**
 * The API address for a dashboard URL: a browser link (https://grafana/d/UID/slug?...) becomes
 * https://grafana/api/dashboards/uid/UID; an /api/dashboards/uid/ address is used as it is.
 */
export function dashboardApiUrl(link: string): string {
  let u: URL;
  try {
    u = new URL(link);
  } catch {
    throw new UserError('INC_IMPORT', `--url: not a URL: ${link}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new UserError('INC_IMPORT', `--url: expected http:// or https://, got ${u.protocol}`);
  if (/\/api\/dashboards\/uid\/[^/]+\/?$/.test(u.pathname)) return `${u.origin}${u.pathname}`;
  const m = /^(.*?)\/d(?:-solo)?\/([^/]+)/.exec(u.pathname);
  if (!m) throw new UserError('INC_IMPORT', `--url: no dashboard uid in ${displayUrl(link)}`, 'give the dashboard\'s link (https://grafana/d/UID/name) or https://grafana/api/dashboards/uid/UID');
  return `${u.origin}${m[1]}/api/dashboards/uid/${encodeURIComponent(decodeURIComponent(m[2]))}`;
}

/** Fetches a dashboard from Grafana's API; the token (from `tokenFile`) goes in a Bearer header and never into messages. */
export async function fetchDashboard(link: string, tokenFile: string | undefined, timeoutMs = 15_000): Promise<unknown> {
  const url = dashboardApiUrl(link);
  let token: string | undefined;
  if (tokenFile) {
    try {
      token = readFileSync(tokenFile, 'utf8').trim();
    } catch (err) {
      throw new UserError('INC_IMPORT', `--token-file: cannot read ${tokenFile} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  const secrets = token ? [token] : [];
  let answer;
  try {
    answer = await httpGet(url, { timeoutMs, maxBytes: MAX_DASHBOARD_BYTES, headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, secrets });
  } catch (err) {
    throw new UserError('INC_IMPORT', `--url: ${(err as Error).message}`);
  }
  if (answer.status === 401 || answer.status === 403) throw new UserError('INC_IMPORT', `--url: Grafana answered ${answer.status} (${displayUrl(url)})`, token ? 'the token may lack access to this dashboard' : 'pass --token-file with a service account token');
  if (answer.status !== 200) throw new UserError('INC_IMPORT', `--url: Grafana answered ${answer.status} (${displayUrl(url)})`);
  return parse(answer.body, displayUrl(url));
}

/** Writes the profile file. */
export function writeProfileFile(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (err) {
    throw new UserError('INC_IMPORT', `-o: cannot write ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}
