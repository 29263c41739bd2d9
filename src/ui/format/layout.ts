// Splits the terminal's rows between panels; when space is short, panels give way in order of importance.

/** Rows given to each panel (0 = hidden) and the chart plot width in columns. */
export interface Layout {
  cols: number;
  rows: number;
  header: number;
  /** The Why line under the header (0 or 1). */
  why: number;
  errorRate: number;
  p99: number;
  /** Firing alerts and recent deploys. */
  alerts: number;
  pipeline: number;
  logs: number;
  footer: number;
  /** Rows of each custom panel, in the order of LayoutNeeds.custom (0 = folded). */
  custom: number[];
  /** Plot columns of the error-rate chart (terminal width minus y labels). */
  chartColumns: number;
  /** Width of the chart's y-axis labels. */
  labelWidth: number;
}

/** What wants space: counts of rows each panel could use. */
export interface LayoutNeeds {
  /** Pods the p99 panel could list (unfolded). */
  p99Bars: number;
  pipelineRows: number;
  hasLogs: boolean;
  /** Rows the alerts and deploys panel could use (0 = nothing to show). */
  alertRows?: number;
  /** Rows each custom panel could use, most important first (profile `priority`). */
  custom?: number[];
  /** A Why line to show under the header. */
  why?: boolean;
}

/** Y-axis label width used by the error-rate chart. */
export const LABEL_WIDTH = 7;

/** Computes the layout for a terminal of cols x rows. Error rate is the last panel to go. */
export function computeLayout(cols: number, rows: number, needs: LayoutNeeds): Layout {
  const c = Math.max(20, cols);
  const r = Math.max(8, rows);
  // The sources line stays from 16 rows: whether a number can be trusted matters as much as the number.
  const header = r >= 16 ? 2 : 1;
  const footer = r >= 16 ? 1 : 0;
  // The Why line stays from 12 rows: what the evidence points at is among the first things read.
  const why = needs.why && r >= 12 ? 1 : 0;
  let free = r - header - footer - why;
  // Short terminals (under 30 rows, 80x24 among them) give every panel its essentials before any gets more: the
  // chart 5 rows, the top two pods, the worst alert and a deploy, the worst pipeline component, four log lines.
  const short = r < 30;
  // Error rate: title + chart + axis; up to a third of the screen, at least 5 rows.
  // A short terminal's Why line takes its row from the chart, so every other panel keeps its essentials.
  const errorRate = Math.max(5, Math.min(short ? 7 - why : Math.floor(r / 3) + 2, 16, free));
  free -= errorRate;
  const p99Want = needs.p99Bars > 0 ? Math.min(needs.p99Bars, short ? 2 : 10) + 1 : 2;
  const p99 = free >= 3 ? Math.min(p99Want, free) : 0;
  free -= p99;
  // Alerts and deploys come next: what fired and what shipped explains the graphs above.
  const alertWant = needs.alertRows ? Math.min(needs.alertRows, 6) + 1 : 0;
  const alerts = alertWant > 0 && free >= 4 ? Math.min(alertWant, Math.max(short ? 3 : 2, Math.floor(free / 3))) : 0;
  free -= alerts;
  // The profile's own panels, by priority: each gets its rows while the pipeline's two rows and the logs' five stay
  // free; a panel that cannot have its title and one row more is folded (tab and z still reach it).
  const logReserve = needs.hasLogs ? 5 : 0;
  const pipeReserve = needs.pipelineRows > 0 ? 2 : 0;
  const custom = (needs.custom ?? []).map((want) => {
    const room = free - logReserve - pipeReserve;
    if (room < 2) return 0;
    const got = Math.min(want, room);
    free -= got;
    return got;
  });
  const pipeWant = needs.pipelineRows > 0 ? needs.pipelineRows + 2 : 0;
  const logMin = needs.hasLogs ? 5 : 0;
  // The pipeline's title and its worst component (rows are worst first) fit in two rows.
  const pipeline = pipeWant > 0 && free - logMin >= 2 ? Math.min(pipeWant, free - logMin) : 0;
  free -= pipeline;
  const logs = needs.hasLogs && free >= 3 ? free : 0;
  free -= logs;
  // Rows nobody took go back: first to pods the short layout left out, then to the chart. None stays blank while
  // something is hidden.
  let p99Rows = p99;
  let errorRows = errorRate;
  if (free > 0 && p99 > 0) {
    const more = Math.min(free, Math.min(needs.p99Bars, 10) + 1 - p99);
    if (more > 0) {
      p99Rows += more;
      free -= more;
    }
  }
  if (free > 0) errorRows += Math.min(free, Math.max(0, 16 - errorRate));
  return {
    cols: c, rows: r, header, why, errorRate: errorRows, p99: p99Rows, alerts, pipeline, logs, footer, custom,
    chartColumns: Math.max(10, c - LABEL_WIDTH - 2), labelWidth: LABEL_WIDTH,
  };
}
