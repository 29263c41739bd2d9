// A profile's own panels: what each one asks and shows, its legend labels and its threshold level.

/** How a custom panel draws its query: a chart, a value with a sparkline, top-K bars, or an instant query's rows. */
export type CustomPanelType = 'timeseries' | 'stat' | 'bars' | 'table';

/** Every custom panel type, in the order the docs list them. */
export const CUSTOM_PANEL_TYPES: readonly CustomPanelType[] = ['timeseries', 'stat', 'bars', 'table'];

/** Warn and crit limits in the panel's unit; when crit is below warn, lower values are worse. */
export interface PanelThresholds {
  warn?: number;
  crit?: number;
}

/** One custom panel as the profile defines it, with a stable id. */
export interface CustomPanelSpec {
  /** Stable id (from the title): the focus key, the JSON `id`. */
  id: string;
  title: string;
  type: CustomPanelType;
  /** PromQL template ($service, $pod, $rate_interval, ... expand as in the built-in queries). */
  query: string;
  /** A Grafana unit name (percentunit, s, reqps, bytes, short, ...); "" for a plain number. */
  unit: string;
  thresholds: PanelThresholds;
  /** Grafana legend format: "{{pod}}" and friends; empty uses the series' labels. */
  legend?: string;
  /** Lower numbers get room first when the terminal is short; built-ins come before every custom panel. */
  priority: number;
  /** The dashboard row the panel came from, when imported. */
  group?: string;
}

/** A threshold level: the word shown beside a value (meaning never rests on colour). */
export type PanelLevel = 'ok' | 'warn' | 'crit';

/** The level of `value` against thresholds, or null when the panel has none. */
export function panelLevel(value: number, t: PanelThresholds): PanelLevel | null {
  if (t.warn === undefined && t.crit === undefined) return null;
  if (!Number.isFinite(value)) return null;
  const lowerIsWorse = t.warn !== undefined && t.crit !== undefined && t.crit < t.warn;
  const past = (limit: number | undefined) => limit !== undefined && (lowerIsWorse ? value <= limit : value >= limit * (1 - 1e-9));
  if (past(t.crit)) return 'crit';
  if (past(t.warn)) return 'warn';
  return 'ok';
}

/** The word for a level: "ok", "WARN", "CRIT". */
export const levelWord = (level: PanelLevel): string => (level === 'ok' ? 'ok' : level.toUpperCase());

/**
 * A series' label by a Grafana legend format: `{{pod}}` becomes the pod label's value (empty when absent); without a
 * format, the labels other than __name__ as `k=v` joined by commas, or the metric name, or "value".
 */
export function legendLabel(legend: string | undefined, labels: Record<string, string>): string {
  if (legend && legend.trim() !== '' && legend !== '__auto') {
    const text = legend.replace(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_w, name: string) => labels[name] ?? '');
    if (text.trim() !== '') return text;
  }
  const pairs = Object.entries(labels).filter(([k]) => k !== '__name__');
  if (pairs.length === 1) return pairs[0][1];
  if (pairs.length > 0) return pairs.map(([k, v]) => `${k}=${v}`).join(',');
  return labels.__name__ ?? 'value';
}

/** A panel id from a title: lower case, words joined by dashes ("Ledger 5xx ratio" -> "ledger-5xx-ratio"). */
export function panelId(title: string): string {
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  return slug || 'panel';
}

/** Ids for titles, made unique with -2, -3, ... in order. */
export function uniqueIds(titles: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return titles.map((t) => {
    const base = panelId(t);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
}
