// One Grafana panel as custom panels: its type, unit, thresholds, legend and queries (one custom panel per query),
// or the reason it is not converted.
import type { CustomPanelType, PanelThresholds } from '../../model/panels/custom-panel.js';
import { translateQuery, type VariablePlan } from './grafana-variables.js';

/** A dashboard panel as its JSON holds it (the fields the import reads). */
export interface GrafanaPanel {
  type?: string;
  title?: string;
  datasource?: unknown;
  targets?: Array<{ expr?: string; legendFormat?: string; hide?: boolean; refId?: string; datasource?: unknown }>;
  format?: string;
  yaxes?: Array<{ format?: string }>;
  fieldConfig?: { defaults?: { unit?: string; thresholds?: { steps?: Array<{ value?: number | null; color?: string }> } } };
  thresholds?: unknown;
  gridPos?: { x?: number; y?: number };
  collapsed?: boolean;
  panels?: GrafanaPanel[];
}

/** A converted query of a panel, in the profile's terms. */
export interface ConvertedPanel {
  title: string;
  type: CustomPanelType;
  query: string;
  unit: string;
  thresholds: PanelThresholds;
  legend?: string;
}

/** Grafana panel types that convert, and what each becomes. */
export const PANEL_TYPES: Record<string, CustomPanelType> = {
  graph: 'timeseries', timeseries: 'timeseries', stat: 'stat', singlestat: 'stat', gauge: 'stat', bargauge: 'bars', table: 'table', 'table-old': 'table',
};

/** Why panel types that do not convert are left out. */
const NOT_CONVERTED: Record<string, string> = {
  heatmap: 'heatmap panels are not drawn here (the p99 panel shows latency)',
  text: 'text panels carry no query',
  logs: 'logs panels: put the log source under logs: (file, command or loki)',
  news: 'news panels carry no query',
  dashlist: 'dashboard lists carry no query',
  alertlist: 'alert lists: the alerts panel shows Alertmanager',
  'grafana-piechart-panel': 'pie charts are not drawn here',
  piechart: 'pie charts are not drawn here',
  nodeGraph: 'node graphs are not drawn here',
  traces: 'traces panels are not drawn here',
  'state-timeline': 'state timelines are not drawn here',
  'status-history': 'status histories are not drawn here',
  histogram: 'histogram panels are not drawn here',
  xychart: 'XY charts are not drawn here',
  canvas: 'canvas panels are not drawn here',
  geomap: 'maps are not drawn here',
};

const OTHER_SOURCES = /loki|elastic|influx|graphite|mysql|postgres|mssql|cloudwatch|tempo|jaeger|zipkin|testdata|opentsdb|stackdriver|azure|-- grafana --|-- mixed --|-- dashboard --|expr/i;

/** Null when the data source is Prometheus (or the dashboard's default, or a variable naming one), else its name. */
export function otherSource(ds: unknown, prometheusVariables: ReadonlySet<string>): string | null {
  if (ds === null || ds === undefined || ds === '' || ds === 'default') return null;
  if (typeof ds === 'string') {
    const m = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(ds);
    if (m) return prometheusVariables.has(m[1]) ? null : ds;
    return OTHER_SOURCES.test(ds) ? ds : null;
  }
  if (typeof ds === 'object') {
    const { type, uid } = ds as { type?: string; uid?: string };
    if (type === undefined || type === 'prometheus') return null;
    if (type === 'datasource' && uid === '-- Mixed --') return null;
    return type;
  }
  return String(ds);
}

/** The panel's unit in Grafana's names: the field default, the graph's left axis, or a singlestat's format. */
export function panelUnit(p: GrafanaPanel): string {
  const u = p.fieldConfig?.defaults?.unit ?? p.yaxes?.[0]?.format ?? p.format ?? '';
  return u === 'none' ? '' : u;
}

/**
 * Warn and crit from the panel: threshold steps (the first step with a value is warn, the last crit; a single step
 * is crit when red, else warn), a singlestat's "80,90", or a graph's thresholds with warning/critical colour modes.
 */
export function panelThresholds(p: GrafanaPanel): PanelThresholds {
  const steps = (p.fieldConfig?.defaults?.thresholds?.steps ?? []).filter((s) => typeof s.value === 'number') as Array<{ value: number; color?: string }>;
  if (steps.length >= 2) return { warn: steps[0].value, crit: steps[steps.length - 1].value };
  if (steps.length === 1) return /red|crit/i.test(steps[0].color ?? '') ? { crit: steps[0].value } : { warn: steps[0].value };
  if (typeof p.thresholds === 'string' && p.thresholds.trim() !== '') {
    const nums = p.thresholds.split(',').map((x) => Number(x.trim())).filter((x) => Number.isFinite(x));
    if (nums.length >= 2) return { warn: nums[0], crit: nums[1] };
    if (nums.length === 1) return { warn: nums[0] };
  }
  if (Array.isArray(p.thresholds)) {
    const t = p.thresholds as Array<{ value?: number; colorMode?: string }>;
    const warn = t.find((x) => x.colorMode === 'warning' && typeof x.value === 'number')?.value;
    const crit = t.find((x) => x.colorMode === 'critical' && typeof x.value === 'number')?.value;
    return { ...(warn !== undefined ? { warn } : {}), ...(crit !== undefined ? { crit } : {}) };
  }
  return {};
}

/** The panel's queries as custom panels, and each query or the whole panel that could not be converted, with why. */
export function convertPanel(p: GrafanaPanel, plan: VariablePlan, prometheusVariables: ReadonlySet<string>): { panels: ConvertedPanel[]; skipped: Array<{ title: string; reason: string }> } {
  const title = (p.title ?? '').trim() || '(untitled)';
  const type = p.type ?? '';
  const skip = (reason: string) => ({ panels: [], skipped: [{ title, reason }] });
  if (!Object.hasOwn(PANEL_TYPES, type)) return skip(NOT_CONVERTED[type] ?? `${type || 'untyped'} panels are not converted`);
  const other = otherSource(p.datasource, prometheusVariables);
  if (other) return skip(`another data source (${other})`);
  const targets = (p.targets ?? []).filter((t) => !t.hide);
  if (targets.length === 0) return skip('no query');
  const panels: ConvertedPanel[] = [];
  const skipped: Array<{ title: string; reason: string }> = [];
  const unit = panelUnit(p);
  const thresholds = panelThresholds(p);
  targets.forEach((t, i) => {
    const name = targets.length > 1 ? `${title} · ${t.legendFormat && !t.legendFormat.includes('{{') ? t.legendFormat : t.refId ?? String(i + 1)}` : title;
    const otherT = otherSource(t.datasource, prometheusVariables);
    if (otherT) return void skipped.push({ title: name, reason: `another data source (${otherT})` });
    if (!t.expr || t.expr.trim() === '') return void skipped.push({ title: name, reason: 'no PromQL expression' });
    const q = translateQuery(t.expr, plan);
    if ('why' in q) return void skipped.push({ title: name, reason: q.why });
    const legend = t.legendFormat && t.legendFormat !== '__auto' ? translateLegend(t.legendFormat, plan) : undefined;
    panels.push({ title: name, type: PANEL_TYPES[type], query: q.query, unit, thresholds, ...(legend ? { legend } : {}) });
  });
  return { panels, skipped };
}

/** A legend format with dashboard variables inlined where they have a value ({{label}} stays as it is). */
function translateLegend(legend: string, plan: VariablePlan): string {
  const q = translateQuery(legend, plan);
  return 'query' in q ? q.query : legend;
}
