// Query templating: $service, $pod, $window, $rate_interval and $step in PromQL templates (and Grafana's
// $__rate_interval, $__interval and $__range; ${name} works as $name).

/** Values substituted into a query template; durations in milliseconds. */
export interface TemplateVars {
  service: string;
  pod?: string;
  /**
   * The pod label's name (the profile's `labels.pod`): given with a pod, a template that does not name the pod itself
   * is scoped to it (see scopeToPod). Left out for queries that have no pod label, such as deploy markers.
   */
  podLabel?: string;
  windowMs: number;
  stepMs: number;
  scrapeIntervalMs: number;
}

/** Formats milliseconds as a PromQL duration in whole seconds ("75s"). */
export function promDuration(ms: number): string {
  return `${Math.max(1, Math.round(ms / 1000))}s`;
}

/** The Grafana rule: max(4 x scrape interval, step + scrape interval), in milliseconds. */
export function rateIntervalMs(stepMs: number, scrapeIntervalMs: number): number {
  return Math.max(4 * scrapeIntervalMs, stepMs + scrapeIntervalMs);
}

/** Escapes a value for use inside a double-quoted PromQL string. */
export function promString(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/**
 * Scopes a template to one pod when it does not say how itself (no $pod or $pod_matcher): every selector matcher on
 * "$service" gains the pod label's matcher beside it, so `{service="$service",status=~"5.."}` asks for
 * `{service="$service",pod="<pod>",status=~"5.."}`.
 */
export function scopeToPod(template: string, podLabel: string): string {
  if (/\$pod(_matcher)?\b/.test(template)) return template;
  return template.replace(/([{,]\s*[A-Za-z_][A-Za-z0-9_]*\s*=~?\s*"\$service")/g, `$1,${podLabel}="$pod"`);
}

/** Expands the variables in a template; the longest names are matched first so $step never eats $step_x. */
export function expandQuery(template: string, vars: TemplateVars): string {
  if (vars.pod && vars.podLabel) template = scopeToPod(template, vars.podLabel);
  const table: Record<string, string> = {
    service: promString(vars.service),
    pod: promString(vars.pod ?? '.+'),
    pod_matcher: vars.pod ? `="${promString(vars.pod)}"` : '=~".+"',
    window: promDuration(vars.windowMs),
    rate_interval: promDuration(rateIntervalMs(vars.stepMs, vars.scrapeIntervalMs)),
    step: promDuration(vars.stepMs),
  };
  // Grafana's names work too, so a query pasted from a dashboard runs as it did there.
  table.__rate_interval = table.rate_interval;
  table.__interval = table.step;
  table.__range = table.window;
  return template.replace(/\$\{([a-z_]+)\}|\$([a-z_]+)/g, (whole, braced: string | undefined, bare: string | undefined) => {
    const name = (braced ?? bare) as string;
    return Object.hasOwn(table, name) ? table[name] : whole;
  });
}

/** The largest number of points Prometheus accepts per series in query_range. */
export const MAX_POINTS_PER_SERIES = 11_000;

/** One sample per chart column: window / columns rounded to whole seconds, never below 1 s or over the 11,000-point bound. */
export function stepForWidth(windowMs: number, columns: number): number {
  const raw = Math.round(windowMs / Math.max(1, columns) / 1000) * 1000;
  const floor = Math.ceil(windowMs / MAX_POINTS_PER_SERIES / 1000) * 1000;
  return Math.max(1000, raw, floor);
}

/** Expands $service and $pod (unescaped) in a log command or LogQL selector; a missing pod becomes ".+". */
export function expandNames(template: string, vars: { service: string; pod?: string }, podFallback = '.+'): string {
  const table: Record<string, string> = { service: vars.service, pod: vars.pod ?? podFallback };
  return template.replace(/\$(service|pod)\b/g, (_whole, name: string) => table[name]);
}
