// Turns a validated profile document into a complete Profile, applying defaults and reading secret files.
import { readFileSync } from 'node:fs';
import { ProfileError } from './errors.js';
import type { HttpTarget, LogCommandSpec, Profile } from './profile.js';
import type { ProfileInput } from './profile-schema.js';
import { resolveTransport, transportSecrets } from './resolve-transport.js';
import { uniqueIds, type CustomPanelSpec } from '../model/panels/custom-panel.js';
import { clickhouseLogs } from './clickhouse-logs.js';
import { quickwitLogs } from './quickwit-logs.js';

type AuthInput = NonNullable<ProfileInput['prometheus']>;

const DEFAULT_ERROR_RATE =
  'sum(rate(http_requests_total{service="$service",status=~"5.."}[$rate_interval])) / sum(rate(http_requests_total{service="$service"}[$rate_interval]))';
const DEFAULT_P99 =
  'histogram_quantile(0.99, sum by (le, pod) (rate(http_request_duration_seconds_bucket{service="$service"}[$rate_interval])))';

function readSecretFile(file: string, field: string, path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (err) {
    throw new ProfileError(file, field, `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

/** Builds an HttpTarget from a url plus optional auth fields; credentials go into headers and the secrets list. */
export function httpTarget(input: AuthInput & { url?: string }, file: string, field: string, defaultTimeoutMs: number): HttpTarget {
  if (!input.url) throw new ProfileError(file, `${field}.url`, 'is required');
  const headers: Record<string, string> = { ...(input.headers ?? {}) };
  const secrets: string[] = [];
  const token = input.bearer_token ?? (input.bearer_token_file ? readSecretFile(file, `${field}.bearer_token_file`, input.bearer_token_file) : undefined);
  if (token) {
    headers.authorization = `Bearer ${token}`;
    secrets.push(token);
  }
  const basic = input.basic_auth;
  if (basic?.username) {
    const password = basic.password ?? (basic.password_file ? readSecretFile(file, `${field}.basic_auth.password_file`, basic.password_file) : '');
    const encoded = Buffer.from(`${basic.username}:${password}`).toString('base64');
    headers.authorization = `Basic ${encoded}`;
    secrets.push(encoded);
    if (password) secrets.push(password);
  }
  if (input.tenant) headers['x-scope-orgid'] = input.tenant;
  let url = input.url;
  let parsed: URL;
  try {
    parsed = new URL(input.url);
  } catch {
    throw new ProfileError(file, `${field}.url`, 'is not a URL');
  }
  if (parsed.username || parsed.password) {
    // Credentials in the URL become basic auth (an HTTP client refuses a URL that carries them), redacted like the rest.
    const user = decodeURIComponent(parsed.username);
    const password = decodeURIComponent(parsed.password);
    if (headers.authorization) throw new ProfileError(file, `${field}.url`, 'has credentials and other auth is set too', 'keep one: the URL\'s user:password, basic_auth or bearer_token');
    const encoded = Buffer.from(`${user}:${password}`).toString('base64');
    headers.authorization = `Basic ${encoded}`;
    secrets.push(encoded, password, parsed.password);
    parsed.username = '';
    parsed.password = '';
    url = parsed.toString().replace(/\/$/, input.url.endsWith('/') ? '/' : '');
  }
  for (const [k, v] of Object.entries(input.headers ?? {})) if (/auth|token|key|secret|cookie/i.test(k)) secrets.push(v);
  const transport = resolveTransport(input, file, field);
  secrets.push(...transportSecrets(transport));
  return { url, headers, timeoutMs: input.timeout ?? defaultTimeoutMs, secrets: secrets.filter((s) => s.length >= 3), ...(transport ? { transport } : {}) };
}

function logCommands(input: NonNullable<ProfileInput['logs']>['commands']): LogCommandSpec[] {
  return (input ?? []).map((c) => (typeof c === 'string' ? { cmd: c, shell: false } : { cmd: c.cmd ?? '', shell: c.shell ?? false, name: c.name }));
}

/** The profile's custom panels with ids and defaults; a panel without a title or query is an error naming it. */
export function resolvePanels(input: ProfileInput['panels'], file: string): CustomPanelSpec[] {
  const items = input ?? [];
  items.forEach((p, i) => {
    if (!p.title) throw new ProfileError(file, `panels[${i}].title`, 'is required', 'every panel needs a title and a query');
    if (!p.query) throw new ProfileError(file, `panels[${i}].query`, 'is required', 'a PromQL expression; $service, $rate_interval and Grafana\'s $__rate_interval expand');
    const t = p.thresholds;
    if (t && t.warn === undefined && t.crit === undefined) throw new ProfileError(file, `panels[${i}].thresholds`, 'needs warn, crit or both');
  });
  const ids = uniqueIds(items.map((p) => p.title as string));
  return items.map((p, i) => ({
    id: ids[i],
    title: p.title as string,
    type: p.type ?? 'timeseries',
    query: p.query as string,
    unit: p.unit ?? '',
    thresholds: { ...(p.thresholds?.warn !== undefined ? { warn: p.thresholds.warn } : {}), ...(p.thresholds?.crit !== undefined ? { crit: p.thresholds.crit } : {}) },
    ...(p.legend ? { legend: p.legend } : {}),
    priority: p.priority ?? 10,
    ...(p.group ? { group: p.group } : {}),
  }));
}

/** Applies defaults to a validated (and already merged) profile document. */
export function resolveProfile(input: ProfileInput, name: string, file: string): Profile {
  const q = input.queries ?? {};
  const t = input.thresholds ?? {};
  const s = input.scrape ?? {};
  const p = input.pipeline ?? {};
  const l = input.logs ?? {};
  const fields: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(l.fields ?? {})) fields[k] = Array.isArray(v) ? v : [v];
  const profile: Profile = {
    name,
    file,
    description: input.description,
    grafana: input.grafana?.url ? { url: input.grafana.url, datasource: input.grafana.datasource } : undefined,
    prometheus: input.prometheus?.url ? httpTarget(input.prometheus, file, 'prometheus', 10_000) : undefined,
    windowMs: input.window ?? 15 * 60_000,
    refreshMs: input.refresh ?? 5000,
    scrapeIntervalMs: input.scrape_interval ?? 15_000,
    topK: input.top_k ?? 8,
    labels: { service: 'service', pod: 'pod', namespace: 'namespace', ...input.labels },
    queries: { errorRate: q.error_rate ?? DEFAULT_ERROR_RATE, p99: q.p99 ?? DEFAULT_P99, services: q.services, pods: q.pods },
    thresholds: {
      errorRateWarn: t.error_rate_warn ?? 0.01,
      errorRateCrit: t.error_rate_crit ?? 0.05,
      p99SloSeconds: (t.p99_slo ?? 500) / 1000,
    },
    scrape: {
      targets: s.targets ?? [],
      intervalMs: s.interval ?? 2000,
      timeoutMs: s.timeout ?? 2000,
      maxBytes: s.max_bytes ?? 8 * 1024 * 1024,
      requestsMetric: s.requests_metric ?? 'http_requests_total',
      statusLabel: s.status_label ?? 'status',
      errorStatus: s.error_status ?? '5..',
      durationMetric: s.duration_metric ?? 'http_request_duration_seconds',
      transport: resolveTransport(s, file, 'scrape'),
    },
    pipeline: {
      targets: p.targets ?? [],
      queries: p.queries ?? false,
      products: p.products ?? ['vector', 'otelcol', 'fluentbit', 'prometheus'],
      discardFailPerS: p.discard_fail_per_s ?? 0,
      errorDegradedPerS: p.error_degraded_per_s ?? 0,
      bufferDegraded: p.buffer_degraded ?? 0.75,
      bufferFailing: p.buffer_failing ?? 0.9,
      outInDegraded: p.out_in_degraded ?? 0.95,
      staleAfterMs: p.stale_after ?? 30_000,
      transport: resolveTransport(p, file, 'pipeline'),
    },
    logs: {
      files: l.files ?? [],
      commands: logCommands(l.commands),
      backfillLines: l.backfill_lines ?? 200,
      bufferLines: l.buffer_lines ?? 20_000,
      reorderWindowMs: l.reorder_window ?? 2000,
      fields,
      loki: l.loki?.url
        ? { ...httpTarget(l.loki, file, 'logs.loki', 10_000), selector: l.loki.selector ?? '{app="$service"}', limit: l.loki.limit ?? 500 }
        : undefined,
      clickhouse: l.clickhouse?.url ? { ...httpTarget(l.clickhouse, file, 'logs.clickhouse', 10_000), ...clickhouseLogs(l.clickhouse) } : undefined,
      quickwit: l.quickwit?.url ? { ...httpTarget(l.quickwit, file, 'logs.quickwit', 10_000), ...quickwitLogs(l.quickwit) } : undefined,
    },
    deploys: {
      queries: input.deploys?.queries ?? [],
      logPattern: input.deploys?.log_pattern,
      command: input.deploys?.command,
      file: input.deploys?.file,
    },
    alertmanager: input.alertmanager?.url ? httpTarget(input.alertmanager, file, 'alertmanager', 5000) : undefined,
    telemetry: input.telemetry?.pushgateway
      ? { pushgateway: input.telemetry.pushgateway, transport: resolveTransport(input.telemetry, file, 'telemetry') }
      : undefined,
    panels: resolvePanels(input.panels, file),
  };
  if (profile.thresholds.errorRateWarn > profile.thresholds.errorRateCrit) {
    throw new ProfileError(file, 'thresholds.error_rate_warn', 'must not be above thresholds.error_rate_crit');
  }
  return profile;
}
