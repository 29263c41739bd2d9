// Grafana template variables in a dashboard's queries, translated to the profile's own: the service variable becomes
// $service, custom and constant variables are inlined, multi-value "All" variables match everything, and Grafana's
// $__rate_interval, $__interval and $__range become $rate_interval, $step and $window.

/** A template variable as a dashboard JSON holds it (the fields the import reads). */
export interface GrafanaVariable {
  type?: string;
  name?: string;
  query?: unknown;
  definition?: string;
  current?: { text?: unknown; value?: unknown };
  options?: Array<{ value?: unknown; text?: unknown; selected?: boolean }>;
  includeAll?: boolean;
  multi?: boolean;
  allValue?: string | null;
  auto?: boolean;
}

/** How the import treats each variable: the service, an inlined value, "all values", or one it cannot translate. */
export type VariableRule =
  | { kind: 'service' }
  | { kind: 'value'; value: string; values: string[] }
  | { kind: 'all'; regex: string }
  | { kind: 'rate-interval' }
  | { kind: 'ignore' }
  | { kind: 'untranslatable'; why: string };

/** What the variables give the profile: each variable's rule, and the service label and metric for the picker. */
export interface VariablePlan {
  rules: Map<string, VariableRule>;
  /** Single-value query variables (no All option) that now match any value. */
  widened: string[];
  service?: { variable: string; label?: string; metric?: string };
}

/** Variable names taken as the service when none is named with --service-var, in order of preference. */
export const SERVICE_VARIABLE_NAMES = ['service', 'app', 'application', 'service_name', 'svc', 'deployment', 'workload'];

const asText = (v: unknown): string => (Array.isArray(v) ? asText(v[0]) : v === null || v === undefined ? '' : String(v));

/** label_values(metric{...}, label) -> its metric selector and label; label_values(label) -> just the label. */
export function parseLabelValues(query: string): { metric?: string; label: string } | null {
  const m = /^\s*label_values\(\s*(?:(.*?)\s*,\s*)?([A-Za-z_][A-Za-z0-9_]*)\s*\)\s*$/s.exec(query);
  if (!m) return null;
  return { ...(m[1] ? { metric: m[1] } : {}), label: m[2] };
}

const queryText = (v: GrafanaVariable): string => (typeof v.query === 'string' ? v.query : typeof (v.query as { query?: unknown })?.query === 'string' ? (v.query as { query: string }).query : v.definition ?? '');

function selectedValues(v: GrafanaVariable): string[] {
  const cur = v.current?.value;
  const list = Array.isArray(cur) ? cur.map(asText) : cur !== undefined ? [asText(cur)] : [];
  const chosen = list.filter((x) => x !== '' && x !== '$__all');
  if (chosen.length > 0) return chosen;
  const opts = (v.options ?? []).filter((o) => o.selected).map((o) => asText(o.value)).filter((x) => x !== '$__all');
  if (opts.length > 0) return opts;
  const first = v.options?.find((o) => asText(o.value) !== '$__all');
  return first ? [asText(first.value)] : [];
}

/** Decides every variable's rule; `serviceVar` names the service variable (else the first of SERVICE_VARIABLE_NAMES found). */
export function planVariables(variables: readonly GrafanaVariable[], serviceVar?: string): VariablePlan {
  const rules = new Map<string, VariableRule>();
  const widened: string[] = [];
  const names = variables.map((v) => v.name ?? '');
  const chosen = serviceVar ?? SERVICE_VARIABLE_NAMES.find((n) => names.includes(n));
  let service: VariablePlan['service'];
  for (const v of variables) {
    const name = v.name;
    if (!name) continue;
    const type = v.type ?? 'query';
    if (name === chosen) {
      rules.set(name, { kind: 'service' });
      const lv = type === 'query' ? parseLabelValues(queryText(v)) : null;
      service = { variable: name, ...(lv ? { label: lv.label, ...(lv.metric ? { metric: lv.metric } : {}) } : {}) };
      continue;
    }
    if (type === 'datasource' || type === 'adhoc') {
      rules.set(name, { kind: 'ignore' });
      continue;
    }
    if (type === 'interval') {
      const cur = asText(v.current?.value);
      rules.set(name, v.auto || cur === '' || cur.startsWith('$__auto') ? { kind: 'rate-interval' } : { kind: 'value', value: cur, values: [cur] });
      continue;
    }
    if (type === 'constant' || type === 'textbox') {
      const value = asText(v.current?.value) || queryText(v);
      rules.set(name, { kind: 'value', value, values: [value] });
      continue;
    }
    if (type === 'custom') {
      const values = selectedValues(v);
      const all = asText(v.current?.value) === '$__all' || (Array.isArray(v.current?.value) && (v.current?.value as unknown[]).includes('$__all'));
      if (all || values.length === 0) rules.set(name, { kind: 'all', regex: v.allValue ?? '.*' });
      else rules.set(name, { kind: 'value', value: values[0], values });
      continue;
    }
    // A query variable other than the service stands for every value: as Grafana's All does where it has one, and
    // widened to any non-empty value where it has none (the profile says so; --service-var scopes it instead).
    if (v.includeAll || v.multi) rules.set(name, { kind: 'all', regex: v.allValue ?? '.*' });
    else {
      rules.set(name, { kind: 'all', regex: '.+' });
      widened.push(name);
    }
  }
  return { rules, widened, ...(service ? { service } : {}) };
}

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Grafana's built-in variables and what they become. */
const BUILTINS: Record<string, string> = {
  __rate_interval: '$rate_interval',
  __interval: '$step',
  __range: '$window',
  __name: '__name',
};

/** Variables of the profile's own templates, left as they are. */
const OWN = new Set(['service', 'pod', 'pod_matcher', 'window', 'rate_interval', 'step']);

function formatValues(values: string[], format: string | undefined): string | null {
  switch (format) {
    case undefined:
    case 'raw':
    case 'text':
      return values.length === 1 ? values[0] : `(${values.join('|')})`;
    case 'regex':
      return values.length === 1 ? escapeRegex(values[0]) : `(${values.map(escapeRegex).join('|')})`;
    case 'pipe':
      return values.join('|');
    case 'csv':
      return values.join(',');
    default:
      return null;
  }
}

/** The query with every variable translated, or why it cannot be. */
export function translateQuery(expr: string, plan: VariablePlan): { query: string } | { why: string } {
  let problem: string | null = null;
  // An "all values" variable in an equality matcher (job="$job") becomes a regex matcher (job=~".*"), as Grafana does.
  for (const [name, rule] of plan.rules) {
    if (rule.kind !== 'all') continue;
    const ref = `(?:\\$\\{${name}(?::[A-Za-z]+)?\\}|\\[\\[${name}(?::[A-Za-z]+)?\\]\\]|\\$${name}\\b)`;
    expr = expr.replace(new RegExp(`([A-Za-z_][A-Za-z0-9_]*\\s*)(=|!=)(\\s*["'][^"']*?${ref})`, 'g'), (_w, label: string, op: string, rest: string) => `${label}${op === '=' ? '=~' : '!~'}${rest}`);
  }
  // ${name}, ${name:format}, [[name]], [[name:format]] and $name, longest names first by the regex's greed.
  const out = expr.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::([A-Za-z]+))?\}|\[\[([A-Za-z_][A-Za-z0-9_]*)(?::([A-Za-z]+))?\]\]|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (whole, b1?: string, f1?: string, b2?: string, f2?: string, bare?: string) => {
      const name = (b1 ?? b2 ?? bare) as string;
      const format = f1 ?? f2;
      if (Object.hasOwn(BUILTINS, name)) return BUILTINS[name];
      if (name.startsWith('__')) {
        problem ??= `uses Grafana's $${name}, which has no equivalent here`;
        return whole;
      }
      const rule = plan.rules.get(name);
      if (!rule) {
        if (OWN.has(name)) return `$${name}`;
        problem ??= `uses $${name}, which the dashboard does not define`;
        return whole;
      }
      switch (rule.kind) {
        case 'service':
          return '$service';
        case 'rate-interval':
          return '$rate_interval';
        case 'all':
          return rule.regex;
        case 'value': {
          const v = formatValues(rule.values, format);
          if (v === null) problem ??= `uses \${${name}:${format}}, a format the import does not translate`;
          return v ?? whole;
        }
        case 'ignore':
          return '';
        default:
          problem ??= rule.why;
          return whole;
      }
    });
  if (problem) return { why: problem };
  if (out.trim() === '') return { why: 'has an empty query' };
  return { query: out.trim() };
}
