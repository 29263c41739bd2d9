// Services and pods for the picker: label values from Prometheus with a match[] selector, capped, the total counted.
import type { Profile } from '../../config/profile.js';
import type { PickerAction } from '../../model/console-state/picker.js';
import { redact } from '../../model/session/redact.js';
import { promString } from '../../config/template.js';
import type { PrometheusApi } from './prometheus-api.js';

/** Most values kept by default; the rest are counted but dropped. */
export const DEFAULT_LABEL_VALUE_LIMIT = 50_000;

/** A capped list of label values: `values` sorted and at most the limit long, `total` how many the server sent. */
export interface LabelValueList {
  values: string[];
  total: number;
  /** Round-trip time in milliseconds. */
  latencyMs: number;
}

/** Where the list comes from: namespace scopes services, service scopes pods; values are escaped when expanded. */
export interface PickerScope {
  namespace?: string;
  service?: string;
}

function expand(template: string, scope: PickerScope): string {
  return template.replace(/\$(namespace|service)\b/g, (whole, name: 'namespace' | 'service') => {
    const v = scope[name];
    return v === undefined ? whole : promString(v);
  });
}

function selector(matchers: Array<[string, string, string]>): string {
  return `{${matchers.map(([k, op, v]) => `${k}${op}"${promString(v)}"`).join(',')}}`;
}

/** The match[] selector for listing services: the profile's `queries.services` (with $namespace), or {service!=""}. */
export function servicesMatch(profile: Profile, scope: PickerScope = {}): string {
  if (profile.queries.services) return expand(profile.queries.services, scope);
  const l = profile.labels;
  return selector([...(scope.namespace ? [[l.namespace, '=', scope.namespace] as [string, string, string]] : []), [l.service, '!=', '']]);
}

/** The match[] selector for listing the pods of a service: the profile's `queries.pods` (with $service), or {service="x",pod!=""}. */
export function podsMatch(profile: Profile, scope: PickerScope & { service: string }): string {
  if (profile.queries.pods) return expand(profile.queries.pods, scope);
  const l = profile.labels;
  const ns: Array<[string, string, string]> = scope.namespace ? [[l.namespace, '=', scope.namespace]] : [];
  return selector([...ns, [l.service, '=', scope.service], [l.pod, '!=', '']]);
}

/** Keeps the first `limit` of the sorted, non-empty values and counts them all. */
export function capValues(raw: readonly string[], limit: number): { values: string[]; total: number } {
  const all = raw.filter((v) => v !== '');
  all.sort();
  return { values: all.length > limit ? all.slice(0, limit) : all, total: all.length };
}

/** Values of `label` among the series `match` selects, at most `limit` kept. */
export async function listLabelValues(api: PrometheusApi, label: string, match: string, limit = DEFAULT_LABEL_VALUE_LIMIT, signal?: AbortSignal): Promise<LabelValueList> {
  const res = await api.labelValues(label, [match], signal);
  return { ...capValues(res.data, Math.max(0, limit)), latencyMs: res.latencyMs };
}

/** The services of the profile's service label, capped. */
export function listServices(api: PrometheusApi, profile: Profile, scope: PickerScope = {}, limit?: number, signal?: AbortSignal): Promise<LabelValueList> {
  return listLabelValues(api, profile.labels.service, servicesMatch(profile, scope), limit, signal);
}

/** The pods of one service, capped. */
export function listPods(api: PrometheusApi, profile: Profile, scope: PickerScope & { service: string }, limit?: number, signal?: AbortSignal): Promise<LabelValueList> {
  return listLabelValues(api, profile.labels.pod, podsMatch(profile, scope), limit, signal);
}

/** Loads the picker's values and answers with the action to apply: `values` with the total, or `failed` with a safe reason; never throws. */
export async function loadPickerValues(api: PrometheusApi, profile: Profile, scope: PickerScope, limit?: number, signal?: AbortSignal): Promise<PickerAction> {
  try {
    const list = scope.service === undefined
      ? await listServices(api, profile, scope, limit, signal)
      : await listPods(api, profile, { ...scope, service: scope.service }, limit, signal);
    return { type: 'values', values: list.values, total: list.total };
  } catch (err) {
    const secrets = profile.prometheus?.secrets ?? [];
    return { type: 'failed', error: redact(err instanceof Error ? err.message : String(err), secrets) };
  }
}
