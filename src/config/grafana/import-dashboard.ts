// A Grafana dashboard (its JSON model) as a profile document: custom panels in dashboard order, rows as groups, the
// service variable as $service and the picker's label, the built-in error-rate and p99 queries where a panel clearly
// is one, and every panel or query not converted with its reason.
import { UserError } from '../errors.js';
import { convertPanel, type ConvertedPanel, type GrafanaPanel } from './grafana-panels.js';
import { planVariables, type GrafanaVariable } from './grafana-variables.js';

/** A panel as the profile gets it: the converted query with its group and priority. */
export interface ImportedPanel extends ConvertedPanel {
  group?: string;
  priority: number;
}

/** What importing a dashboard gives. */
export interface DashboardImport {
  title: string;
  uid?: string;
  /** Profile name made from the title. */
  name: string;
  panels: ImportedPanel[];
  skipped: Array<{ title: string; reason: string; group?: string }>;
  /** Grafana panels with at least one query converted. */
  convertedPanels: number;
  service?: { variable: string; label?: string; metric?: string };
  /** Single-value variables widened to match any value (the panels show every host, pool, ... at once). */
  widened: string[];
  /** Built-in queries taken from the dashboard (a panel that clearly is the error rate or the p99). */
  builtins: { errorRate?: string; errorRateTitle?: string; p99?: string; p99Title?: string };
}

/** Import options: the variable that names the service. */
export interface ImportOptions {
  serviceVar?: string;
}

const byPosition = (a: GrafanaPanel, b: GrafanaPanel) => (a.gridPos?.y ?? 0) - (b.gridPos?.y ?? 0) || (a.gridPos?.x ?? 0) - (b.gridPos?.x ?? 0);

/** Panels in reading order, each with the title of the row it sits under (collapsed rows hold their panels inside). */
function flatten(dashboard: { panels?: GrafanaPanel[]; rows?: Array<{ title?: string; collapse?: boolean; panels?: GrafanaPanel[] }> }): Array<{ panel: GrafanaPanel; group?: string; collapsed: boolean }> {
  const out: Array<{ panel: GrafanaPanel; group?: string; collapsed: boolean }> = [];
  if (Array.isArray(dashboard.rows)) {
    // The old schema (before Grafana 5): rows, each with its panels.
    for (const row of dashboard.rows) for (const panel of row.panels ?? []) out.push({ panel, group: row.title || undefined, collapsed: row.collapse === true });
  }
  let group: string | undefined;
  for (const panel of [...(dashboard.panels ?? [])].sort(byPosition)) {
    if (panel.type === 'row') {
      group = panel.title || undefined;
      for (const inner of [...(panel.panels ?? [])].sort(byPosition)) out.push({ panel: inner, group, collapsed: true });
      continue;
    }
    out.push({ panel, group, collapsed: false });
  }
  return out;
}

/** True when a query is clearly an error ratio of the service: 5xx over all, both scoped to $service. */
const isErrorRate = (title: string, q: string) => /error|5xx/i.test(title) && /\$service/.test(q) && /5\.\.|5xx|=~?"5/.test(q) && q.includes('/');
/** True when a query is clearly the service's p99: histogram_quantile(0.99, ...) scoped to $service. */
const isP99 = (q: string) => /histogram_quantile\(\s*0?\.99\s*,/.test(q) && /\$service/.test(q);

/** Converts a parsed dashboard JSON (or Grafana's /api/dashboards/uid answer, which wraps it in `dashboard`). */
export function importDashboard(json: unknown, file: string, opts: ImportOptions = {}): DashboardImport {
  if (json === null || typeof json !== 'object') throw new UserError('INC_IMPORT', `${file}: not a Grafana dashboard (expected a JSON object)`);
  const outer = json as { dashboard?: unknown };
  const d = (outer.dashboard && typeof outer.dashboard === 'object' ? outer.dashboard : json) as {
    title?: string; uid?: string; panels?: GrafanaPanel[]; rows?: Array<{ title?: string; panels?: GrafanaPanel[] }>; templating?: { list?: GrafanaVariable[] };
  };
  if (!Array.isArray(d.panels) && !Array.isArray(d.rows)) throw new UserError('INC_IMPORT', `${file}: not a Grafana dashboard (no panels or rows)`, 'export it with Share > Export > Save to file, or use --url');
  const variables = d.templating?.list ?? [];
  if (opts.serviceVar && !variables.some((v) => v.name === opts.serviceVar)) {
    throw new UserError('INC_IMPORT', `--service-var ${opts.serviceVar}: the dashboard has no such variable`, `it has: ${variables.map((v) => v.name).join(', ') || 'none'}`);
  }
  const plan = planVariables(variables, opts.serviceVar);
  const promVars = new Set(variables.filter((v) => v.type === 'datasource' && /prometheus/i.test(String(v.query ?? 'prometheus'))).map((v) => v.name ?? ''));
  const panels: ImportedPanel[] = [];
  const skipped: DashboardImport['skipped'] = [];
  const builtins: DashboardImport['builtins'] = {};
  let convertedPanels = 0;
  for (const { panel, group, collapsed } of flatten(d)) {
    const got = convertPanel(panel, plan, promVars);
    skipped.push(...got.skipped.map((s) => ({ ...s, ...(group ? { group } : {}) })));
    if (got.panels.length > 0) convertedPanels += 1;
    for (const p of got.panels) {
      // A panel that clearly is the service's error rate or p99 feeds that built-in panel instead of a panel of its own.
      if (!builtins.errorRate && isErrorRate(p.title, p.query)) {
        builtins.errorRate = p.query;
        builtins.errorRateTitle = p.title;
        continue;
      }
      if (!builtins.p99 && isP99(p.query)) {
        builtins.p99 = p.query;
        builtins.p99Title = p.title;
        continue;
      }
      // Panels of collapsed rows come after every open one: they fold first when the terminal is short.
      panels.push({ ...p, ...(group ? { group } : {}), priority: (collapsed ? 100 : 0) + panels.length + 1 });
    }
  }
  const title = d.title?.trim() || 'imported';
  const name = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'imported';
  return { title, ...(d.uid ? { uid: d.uid } : {}), name, panels, skipped, convertedPanels, widened: plan.widened, ...(plan.service ? { service: plan.service } : {}), builtins };
}
