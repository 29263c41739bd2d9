// `incident doctor`'s checks: the profile validated, then every configured source reached once, in parallel, with
// a timeout; commands found on PATH without running them.
import { systemClock } from '../sources/system-clock.js';
import type { Profile } from '../config/profile.js';
import { expandQuery, stepForWidth } from '../config/template.js';
import { formatDuration } from '../config/duration.js';
import type { CheckResult } from '../model/session/doctor-check.js';
import { pipelineQueryList } from '../model/pipeline/pipeline-queries.js';
import { redact } from '../model/session/redact.js';
import { lokiCredentials } from '../sources/logs/log-sources.js';
import { podsMatch, servicesMatch } from '../sources/metrics/label-values.js';
import { resolveLokiAccess } from '../sources/logs/loki-auth.js';
import { probeClickHouse, probeQuickwit } from '../sources/logs/store-probes.js';
import { probeAlertmanager, probeLoki, probePrometheus, probeScrape, type HttpProbeOptions, type LabelProbe, type QueryGroupProbe, type QueryProbe } from '../sources/probe-http.js';
import { probeCommand, probeLogFile, type LocalProbeOptions } from '../sources/probe-local.js';
import { probeTransports, type Endpoint } from '../sources/probe-transport.js';

/** Every HTTP endpoint of the profile with the name doctor gives it, for the route and certificate checks. */
export function profileEndpoints(profile: Profile): Endpoint[] {
  const one = (name: string, t: { url: string; transport?: Endpoint['transport'] } | undefined): Endpoint[] => (t ? [{ name, url: t.url, transport: t.transport }] : []);
  return [
    ...one('prometheus', profile.prometheus),
    ...profile.scrape.targets.map((url) => ({ name: 'scrape', url, transport: profile.scrape.transport })),
    ...profile.pipeline.targets.map((url) => ({ name: 'pipeline', url, transport: profile.pipeline.transport })),
    ...one('alertmanager', profile.alertmanager),
    ...one('loki', profile.logs.loki),
    ...one('clickhouse', profile.logs.clickhouse),
    ...one('quickwit', profile.logs.quickwit),
    ...(profile.telemetry ? [{ name: 'pushgateway', url: profile.telemetry.pushgateway, transport: profile.telemetry.transport }] : []),
  ];
}

/** The service the queries are test-run with when --service is not given. */
export const DOCTOR_SERVICE = 'incident-doctor';

/** Columns assumed for the step of test queries. */
const TEST_COLUMNS = 120;

/** The PromQL the profile would run for `service`, expanded, each with the name the profile gives it. */
export function profileQueries(profile: Profile, service: string): QueryProbe[] {
  const stepMs = stepForWidth(profile.windowMs, TEST_COLUMNS);
  const vars = { service, windowMs: profile.windowMs, stepMs, scrapeIntervalMs: profile.scrapeIntervalMs };
  const real = service !== DOCTOR_SERVICE;
  return [
    { name: 'error_rate', query: expandQuery(profile.queries.errorRate, vars), mustHaveSeries: real },
    { name: 'p99', query: expandQuery(profile.queries.p99, vars), mustHaveSeries: real },
    ...profile.deploys.queries.map((q, i) => ({ name: `deploys ${deploySourceName(q) ?? `[${i}]`}`, query: expandQuery(q, vars), optional: true, deploys: true })),
  ];
}

/** Which system a deploy query reads, by its metric: kube-state-metrics, Argo CD or Flux; undefined for others. */
export function deploySourceName(query: string): string | undefined {
  if (/\bkube_deployment_/.test(query)) return 'kube-state-metrics';
  if (/\bargocd_/.test(query)) return 'argocd';
  if (/\bgotk_/.test(query)) return 'flux';
  return undefined;
}

/** The label lookups the service and pod pickers would make. */
export function profileLabelLookups(profile: Profile, service: string): LabelProbe[] {
  return [
    { name: 'services', label: profile.labels.service, match: servicesMatch(profile) },
    { name: 'pods', label: profile.labels.pod, match: podsMatch(profile, { service }) },
  ];
}

/** With `pipeline.queries` on, the pipeline-health PromQL grouped by product (one check each). */
export function pipelineQueryGroups(profile: Profile): QueryGroupProbe[] {
  if (!profile.pipeline.queries) return [];
  const vars = { service: DOCTOR_SERVICE, windowMs: profile.windowMs, stepMs: stepForWidth(profile.windowMs, TEST_COLUMNS), scrapeIntervalMs: profile.scrapeIntervalMs };
  const groups = new Map<string, string[]>();
  for (const spec of pipelineQueryList(profile.pipeline.products)) {
    const list = groups.get(spec.product) ?? [];
    list.push(expandQuery(spec.expr, vars));
    groups.set(spec.product, list);
  }
  return [...groups].map(([product, queries]) => ({ name: `pipeline ${product}`, queries }));
}

async function lokiCheck(profile: Profile, o: HttpProbeOptions): Promise<CheckResult[]> {
  const loki = profile.logs.loki;
  if (!loki) return [];
  try {
    const access = await resolveLokiAccess(loki.url, lokiCredentials(loki));
    return [await probeLoki({ ...access, secrets: [...access.secrets, ...loki.secrets], transport: loki.transport }, { ...o, timeoutMs: Math.min(o.timeoutMs, loki.timeoutMs) })];
  } catch (err) {
    return [{ check: 'loki', target: '(credentials)', ok: false, latencyMs: null, detail: redact((err as Error).message, loki.secrets) }];
  }
}

/** Every check for the profile, run in parallel; resolves in the profile's order. */
export async function runChecks(profile: Profile, service: string, timeoutMs: number, local: LocalProbeOptions): Promise<CheckResult[]> {
  const http: HttpProbeOptions = { timeoutMs };
  const within = (ms: number) => ({ ...http, timeoutMs: Math.min(timeoutMs, ms) });
  const secrets = [profile.prometheus, profile.alertmanager, profile.logs.loki, profile.logs.clickhouse, profile.logs.quickwit].flatMap((t) => t?.secrets ?? []);
  const first: CheckResult = {
    check: 'profile', target: profile.name, ok: true, latencyMs: null,
    detail: `valid; window ${formatDuration(profile.windowMs)}, refresh ${formatDuration(profile.refreshMs)}, queries for service "${service}"`,
  };
  const groups: Array<Promise<CheckResult[]>> = [
    profile.prometheus ? probePrometheus(profile.prometheus, profileQueries(profile, service), profileLabelLookups(profile, service), http, pipelineQueryGroups(profile)) : Promise.resolve([]),
    ...profile.scrape.targets.map((u) => probeScrape('scrape', u, profile.scrape.maxBytes, within(profile.scrape.timeoutMs), profile.scrape.transport).then((r) => [r])),
    ...profile.pipeline.targets.map((u) => probeScrape('pipeline', u, profile.scrape.maxBytes, within(profile.scrape.timeoutMs), profile.pipeline.transport).then((r) => [r])),
    profile.alertmanager ? probeAlertmanager(profile.alertmanager, within(profile.alertmanager.timeoutMs)).then((r) => [r]) : Promise.resolve([]),
    lokiCheck(profile, http),
    profile.logs.clickhouse ? probeClickHouse(profile.logs.clickhouse, profile.windowMs, systemClock.now(), timeoutMs).then((r) => [r]) : Promise.resolve([]),
    profile.logs.quickwit ? probeQuickwit(profile.logs.quickwit, profile.windowMs, systemClock.now(), timeoutMs).then((r) => [r]) : Promise.resolve([]),
    ...profile.logs.files.map((f) => probeLogFile('log file', f, local).then((r) => [r])),
    ...profile.logs.commands.map((c) => probeCommand('log command', c.cmd, c.shell, local, secrets, { service, pod: '.+' }).then((r) => [r])),
    profile.deploys.command ? probeCommand('deploys command', profile.deploys.command, false, local, secrets, { service, pod: '.+' }).then((r) => [r]) : Promise.resolve([]),
    profile.deploys.file ? probeLogFile('deploys file', profile.deploys.file, local).then((r) => [r]) : Promise.resolve([]),
    probeTransports(profileEndpoints(profile), timeoutMs, systemClock.now(), secrets),
  ];
  const results = (await Promise.all(groups)).flat();
  const trust: CheckResult[] = profile.untrusted ? [{
    check: 'trust', target: profile.untrusted.file, ok: false, latencyMs: null,
    detail: `found by searching upward; wants to run ${profile.untrusted.commands.map((c) => `"${c}"`).join(', ')}; not run until: incident trust ${profile.untrusted.file}`,
  }] : [];
  return [first, ...trust, ...results];
}
