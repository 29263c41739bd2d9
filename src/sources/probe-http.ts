// Probes over HTTP for `incident doctor`: Prometheus, scrape targets, Alertmanager and Loki, each reached once; never throws.
import type { Dispatcher } from 'undici';
import type { HttpTarget, Transport } from '../config/profile.js';
import { oneLine, type CheckResult } from '../model/session/doctor-check.js';
import { nearestNames } from '../model/text/nearest.js';
import { parseExposition } from '../model/exposition/exposition.js';
import { decodeEnvelope, describeBody } from '../model/promql/prom-response.js';
import { displayUrl, redact } from '../model/session/redact.js';
import { httpGet, type HttpAnswer } from './http-get.js';
import { PrometheusApi } from './metrics/prometheus-api.js';

/** What every HTTP probe needs: the per-request timeout in milliseconds and, for tests, a dispatcher and clock. */
export interface HttpProbeOptions {
  timeoutMs: number;
  dispatcher?: Dispatcher;
  now?: () => number;
}

/** A PromQL query to test-run, already expanded; `name` is how the profile calls it ("error_rate"). */
export interface QueryProbe {
  name: string;
  query: string;
  /** The query must return series (a real service was given); otherwise only its metric names must exist. */
  mustHaveSeries?: boolean;
  /** Nothing is wrong when it returns nothing (deploy markers on a cluster without them). */
  optional?: boolean;
  /** A deploy-marker query: the detail says whether its source is live (its metrics exist in Prometheus). */
  deploys?: boolean;
}

/** Metric names a PromQL expression selects: names followed by a label set or a range. */
export function metricNamesIn(query: string): string[] {
  const names = new Set<string>();
  for (const m of query.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)\s*[{[]/g)) {
    if (!/^(by|without|on|ignoring|group_left|group_right|offset)$/.test(m[1])) names.add(m[1]);
  }
  return [...names];
}

/** A label-values lookup to test-run: label name and one series selector for match[]. */
export interface LabelProbe {
  name: string;
  label: string;
  match: string;
}

/** Several queries reported as one check (e.g. one pipeline product): all must succeed. */
export interface QueryGroupProbe {
  name: string;
  queries: string[];
}

const base = (url: string) => url.replace(/\/+$/, '');

const ms = (n: number) => Math.max(0, Math.round(n));

/** Runs `fn` and turns a thrown error into a failed check with the time spent; messages are redacted. */
async function attempt(check: string, target: string, secrets: readonly string[], now: () => number,
  fn: () => Promise<Omit<CheckResult, 'check' | 'target'>>): Promise<CheckResult> {
  const started = now();
  try {
    const r = await fn();
    return { check, target, ...r, detail: oneLine(redact(r.detail, secrets)) };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { check, target, ok: false, latencyMs: ms(now() - started), detail: oneLine(redact(message, secrets)) };
  }
}

function get(url: string, t: Pick<HttpTarget, 'headers' | 'secrets' | 'transport'>, o: HttpProbeOptions, accept: string, maxBytes?: number): Promise<HttpAnswer> {
  return httpGet(url, { headers: { accept, ...t.headers }, timeoutMs: o.timeoutMs, secrets: t.secrets, maxBytes, dispatcher: o.dispatcher, transport: t.transport, now: o.now });
}

/** A short reason for an HTTP answer that is not a success: the status and the first words of the body. */
function httpProblem(a: HttpAnswer): string {
  return `HTTP ${a.status}: ${describeBody(a.body)}`;
}

/**
 * Prometheus: build info first; when it answers, the queries and label lookups run in parallel.
 * A server without /api/v1/status/buildinfo (404) still counts as reachable.
 */
export async function probePrometheus(target: HttpTarget, queries: QueryProbe[], labels: LabelProbe[], o: HttpProbeOptions,
  groups: QueryGroupProbe[] = []): Promise<CheckResult[]> {
  const now = o.now ?? (() => performance.now());
  const t: HttpTarget = { ...target, timeoutMs: Math.min(target.timeoutMs, o.timeoutMs) };
  const where = displayUrl(target.url);
  let reachable = false;
  const info = await attempt('prometheus', where, t.secrets, now, async () => {
    const a = await get(`${base(t.url)}/api/v1/status/buildinfo`, t, o, 'application/json');
    reachable = true;
    const latencyMs = ms(a.latencyMs);
    if (a.status === 404) return { ok: true, latencyMs, detail: 'answers (no /api/v1/status/buildinfo on this server)' };
    const d = decodeEnvelope(a.status, a.contentType, a.body);
    if (!d.ok) {
      reachable = a.status < 400;
      return { ok: false, latencyMs, detail: d.error };
    }
    const version = (d.data as { version?: unknown } | null)?.version;
    return { ok: true, latencyMs, detail: typeof version === 'string' ? `version ${version}` : 'answers' };
  });
  const planned = queries.length + labels.length + groups.reduce((n, g) => n + g.queries.length, 0);
  if (!reachable) {
    if (planned > 0) info.detail += `; ${planned} ${planned === 1 ? 'query' : 'queries'} not tried`;
    return [info];
  }
  const api = new PrometheusApi(t, { dispatcher: o.dispatcher, now: o.now });
  const at = Math.floor(Date.now() / 1000);
  // The metric names Prometheus has, asked once and only when a query comes back empty.
  let known: Promise<string[]> | undefined;
  const metricNames = () => (known ??= api.labelValues('__name__').then((r) => r.data, () => []));
  const runs = queries.map((q) => attempt('query', q.name, t.secrets, now, async () => {
    const r = await api.query(q.query, at);
    const warn = r.warnings.length ? `; warning: ${r.warnings[0]}` : '';
    if (q.deploys) {
      if (r.data.length > 0) return { ok: true, latencyMs: ms(r.latencyMs), detail: `live: ${r.data.length} series${warn}` };
      const names = await metricNames();
      const live = metricNamesIn(q.query).some((n) => names.includes(n));
      return {
        ok: true, latencyMs: ms(r.latencyMs),
        detail: live ? `live: its metrics exist, 0 series for this service${warn}` : `not live: no ${metricNamesIn(q.query).join(', ')} in Prometheus (the console stops asking after 3 empty refreshes)`,
      };
    }
    if (r.data.length > 0 || q.optional) return { ok: true, latencyMs: ms(r.latencyMs), detail: `${r.data.length} series${warn}` };
    const names = await metricNames();
    const missing = names.length ? metricNamesIn(q.query).filter((n) => !names.includes(n)) : [];
    const hint = missing.map((n) => `no metric ${n} (nearest: ${nearestNames(n, names, 3).join(', ')})`).join('; ');
    if (missing.length > 0) return { ok: false, latencyMs: ms(r.latencyMs), detail: `returns no series: ${hint}; query: ${q.query}` };
    if (q.mustHaveSeries) return { ok: false, latencyMs: ms(r.latencyMs), detail: `returns no series for this service; query: ${q.query}` };
    return { ok: true, latencyMs: ms(r.latencyMs), detail: `0 series${warn} (its metrics exist; --service tests it on a real service)` };
  }));
  const lookups = labels.map((l) => attempt('label values', l.name, t.secrets, now, async () => {
    const r = await api.labelValues(l.label, [l.match]);
    return { ok: true, latencyMs: ms(r.latencyMs), detail: `${r.data.length} values of ${l.label} for ${l.match}` };
  }));
  const grouped = groups.map((g) => attempt('query group', g.name, t.secrets, now, async () => {
    const all = await Promise.all(g.queries.map((q) => api.query(q, at)));
    const series = all.reduce((n, r) => n + r.data.length, 0);
    const latencyMs = ms(Math.max(0, ...all.map((r) => r.latencyMs)));
    return { ok: true, latencyMs, detail: `${g.queries.length} queries, ${series} series${series === 0 ? ' (no data for this product)' : ''}` };
  }));
  return [info, ...(await Promise.all([...runs, ...lookups, ...grouped]))];
}

/** Counts the problems a parse reported, including the ones summarised in a closing "N more problems" entry. */
function problemCount(errors: Array<{ message: string }>): number {
  const more = /^(\d+) more problems not listed$/.exec(errors.at(-1)?.message ?? '');
  return more ? errors.length - 1 + Number(more[1]) : errors.length;
}

/** A /metrics endpoint: fetched once and parsed; fails on a non-200 answer or a body without a single sample. */
export function probeScrape(check: string, url: string, maxBytes: number, o: HttpProbeOptions, transport?: Transport): Promise<CheckResult> {
  const now = o.now ?? (() => performance.now());
  const accept = 'application/openmetrics-text;version=1.0.0;q=0.9,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';
  return attempt(check, displayUrl(url), [], now, async () => {
    const a = await get(url, { headers: {}, secrets: [], transport }, o, accept, maxBytes);
    const latencyMs = ms(a.latencyMs);
    if (a.status !== 200) return { ok: false, latencyMs, detail: httpProblem(a) };
    const parsed = parseExposition(a.body, a.contentType);
    const problems = problemCount(parsed.errors);
    const first = parsed.errors[0] ? ` (line ${parsed.errors[0].line}: ${parsed.errors[0].message})` : '';
    const counts = `${parsed.samples.length} series, ${problems} malformed ${problems === 1 ? 'line' : 'lines'}${first}`;
    if (parsed.samples.length === 0) return { ok: false, latencyMs, detail: `no samples in ${a.body.length} bytes; ${counts}` };
    return { ok: true, latencyMs, detail: `${parsed.format === 'openmetrics' ? 'OpenMetrics' : 'text format'}, ${counts}` };
  });
}

/** Alertmanager: GET /api/v2/status, reporting its version and cluster state. */
export function probeAlertmanager(target: HttpTarget, o: HttpProbeOptions): Promise<CheckResult> {
  const now = o.now ?? (() => performance.now());
  return attempt('alertmanager', displayUrl(target.url), target.secrets, now, async () => {
    const a = await get(`${base(target.url)}/api/v2/status`, target, o, 'application/json');
    const latencyMs = ms(a.latencyMs);
    if (a.status !== 200) return { ok: false, latencyMs, detail: httpProblem(a) };
    let doc: { versionInfo?: { version?: unknown }; cluster?: { status?: unknown } };
    try {
      doc = JSON.parse(a.body);
    } catch {
      return { ok: false, latencyMs, detail: `not an Alertmanager status answer: ${describeBody(a.body)}` };
    }
    const version = typeof doc?.versionInfo?.version === 'string' ? doc.versionInfo.version : null;
    if (!version) return { ok: false, latencyMs, detail: `not an Alertmanager status answer: ${describeBody(a.body)}` };
    const cluster = typeof doc.cluster?.status === 'string' ? `, cluster ${doc.cluster.status}` : '';
    return { ok: true, latencyMs, detail: `version ${version}${cluster}` };
  });
}

/** Where Loki is and how to authenticate: a base URL without userinfo, headers, and secrets to redact. */
export interface LokiProbeTarget {
  baseUrl: string;
  headers: Record<string, string>;
  secrets: string[];
  transport?: Transport;
}

/** Loki: GET /loki/api/v1/labels, which goes through authentication and the tenant, unlike /ready. */
export function probeLoki(target: LokiProbeTarget, o: HttpProbeOptions): Promise<CheckResult> {
  const now = o.now ?? (() => performance.now());
  return attempt('loki', displayUrl(target.baseUrl), target.secrets, now, async () => {
    const a = await get(`${base(target.baseUrl)}/loki/api/v1/labels`, target, o, 'application/json');
    const latencyMs = ms(a.latencyMs);
    if (a.status !== 200) return { ok: false, latencyMs, detail: httpProblem(a) };
    try {
      const doc = JSON.parse(a.body) as { status?: unknown; data?: unknown };
      if (doc.status === 'success') return { ok: true, latencyMs, detail: `${Array.isArray(doc.data) ? doc.data.length : 0} labels` };
    } catch {
      // reported below
    }
    return { ok: false, latencyMs, detail: `not a Loki labels answer: ${describeBody(a.body)}` };
  });
}
