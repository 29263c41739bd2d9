// Composes the whole screen as lines from state: used by the Ink app and by plain-text `--once` frames.
import type { Profile } from '../../config/profile.js';
import { allNotices, hasRealPoint, pickMetricView, type ConsoleState } from '../../model/console-state/console-state.js';
import type { DeployMarker } from '../../model/console-state/events.js';
import type { ViewState } from '../../model/console-state/view-state.js';
import { scopeAlerts } from '../../model/alerts-deploys/alert-scope.js';
import { alertAxisMarkers } from './alerts-lines.js';
import { errorRateLines } from './error-rate-lines.js';
import type { Glyphs } from './glyphs.js';
import type { ExtraPanel } from './panel.js';
import { headerLines } from './header-lines.js';
import { computeLayout, type Layout } from './layout.js';
import { barsOf, p99Lines } from './p99-lines.js';
import { fitLine, line, type Line } from '../../terminal/styled.js';
import type { CustomPanelSpec } from '../../model/panels/custom-panel.js';
import { customPanel } from './custom-panel-lines.js';
import { whyLine, type WhyInput } from './why-lines.js';


/** Everything a frame is drawn from; `now` in epoch ms. */
export interface FrameInput {
  state: ConsoleState;
  view: ViewState;
  profile: Pick<Profile, 'name' | 'refreshMs' | 'thresholds' | 'labels'>;
  service: string;
  pod?: string;
  now: number;
  ttfgMs: number | null;
  cols: number;
  rows: number;
  glyphs: Glyphs;
  alerts?: ExtraPanel;
  pipeline?: ExtraPanel;
  logs?: ExtraPanel;
  footer?: Line;
  /** While paused: how many updates arrived since the frozen state. */
  pausedUpdates?: number;
  /** Index of the p99 bar under the drill-down cursor, or -1. */
  p99Selected?: number;
  /** The profile's own panels (profile `panels:`). */
  panels?: readonly CustomPanelSpec[];
  /** The suspects for the Why line under the header. */
  why?: WhyInput;
  /** For a past window: the header's label, e.g. "AT 02:25Z (historical)". */
  historical?: string;
  /** Why no metric will ever come (the console was given no metric source), for the panels to say instead of waiting. */
  noMetrics?: string;
}

/** The profile's panels in layout order: by priority (lower first), then as written. */
export function panelsByPriority(panels: readonly CustomPanelSpec[] = []): CustomPanelSpec[] {
  return panels.map((p, i) => ({ p, i })).sort((a, b) => a.p.priority - b.p.priority || a.i - b.i).map(({ p }) => p);
}

/** A composed frame: its lines, the layout used, and whether it shows a real data point (for TTFG). */
export interface Frame {
  lines: Line[];
  layout: Layout;
  hasRealData: boolean;
}

/** All deploy markers from every source, oldest first. */
export function allDeploys(state: ConsoleState): DeployMarker[] {
  return Object.values(state.deploys).flat().sort((a, b) => a.at - b.at);
}

function padTo(lines: Line[], rows: number): Line[] {
  const out = lines.slice(0, rows);
  while (out.length < rows) out.push(line(''));
  return out;
}

/** Builds the frame for the given terminal size. */
export function composeFrame(f: FrameInput): Frame {
  const errView = pickMetricView(f.state, 'error_rate');
  const p99View = pickMetricView(f.state, 'p99');
  const now = f.view.pausedAt ?? f.now;
  const custom = panelsByPriority(f.panels).map((spec) => {
    const view = f.state.custom?.[spec.id];
    return { id: spec.id, panel: customPanel({ spec, view, sourceDown: view ? f.state.sources[view.source]?.state === 'down' : false, now, windowMs: f.view.windowMs, glyphs: f.glyphs }) };
  });
  const layout = computeLayout(f.cols, f.rows, {
    custom: custom.map((c) => c.panel.wants),
    p99Bars: barsOf(p99View, f.profile.labels.pod).length,
    pipelineRows: f.pipeline?.wants ?? 0,
    alertRows: f.alerts?.wants ?? 0,
    hasLogs: (f.logs?.wants ?? 0) > 0,
    why: f.why !== undefined,
  });
  // With no data at all and every metric source down, the panels say so, not "waiting".
  const metricSources = Object.values(f.state.sources).filter((s) => s.kind === 'prometheus' || s.kind === 'scrape');
  const metricsDown = metricSources.length > 0 && metricSources.every((s) => s.state === 'down')
    ? `no data: ${metricSources.map((s) => `${s.name} DOWN`).join(', ')} (the reason is in the header)`
    : metricSources.length === 0 ? f.noMetrics : undefined;
  const down = (source?: string) => (source ? f.state.sources[source]?.state === 'down' : false);
  const width = layout.cols;
  const lines: Line[] = [];
  lines.push(...padTo(headerLines({
    service: f.service, pod: f.pod, profile: f.profile.name, windowMs: f.view.windowMs, refreshMs: f.profile.refreshMs,
    ttfgMs: f.ttfgMs, sources: Object.values(f.state.sources), now, paused: f.view.paused, pausedUpdates: f.pausedUpdates, rows: layout.header,
    historical: f.historical,
  }), layout.header));
  // Nothing to judge: the metric sources are down, or the error rate has no value for this scope (a typo'd
  // service). The line says so rather than "waiting" or "no clear suspect".
  const whyDown = !f.why || f.why.suspects.length > 0 ? undefined
    : metricsDown && f.why.waiting ? `no data to judge: ${metricSources.length > 0 ? metricSources.map((s) => `${s.name} DOWN`).join(', ') : 'no metric source'}`
      : errView && !hasRealPoint(errView.series) ? 'no error rate to judge for this scope' : undefined;
  if (layout.why > 0 && f.why) lines.push(whyLine(whyDown ? { ...f.why, waiting: true, down: whyDown } : f.why, width, f.glyphs));
  // Once tab has moved it, the focused panel's title is drawn inverse, so tab's effect is visible on every panel.
  const focused = (panel: string, panelLines: Line[]): Line[] => {
    if (!f.view.focusShown || f.view.focus !== panel || panelLines.length === 0) return panelLines;
    const [title, ...rest] = panelLines;
    return [[...title.slice(0, 1).map((s) => ({ ...s, inverse: true })), ...title.slice(1)], ...rest];
  };
  lines.push(...padTo(focused('error_rate', errorRateLines({
    view: errView, sourceDown: down(errView?.source), now, historical: f.historical !== undefined, windowMs: f.view.windowMs,
    warn: f.profile.thresholds.errorRateWarn, crit: f.profile.thresholds.errorRateCrit,
    rows: layout.errorRate, width, labelWidth: layout.labelWidth, glyphs: f.glyphs, deploys: allDeploys(f.state),
    alertMarks: alertAxisMarkers(scopeAlerts(Object.values(f.state.alerts).flat(), {
      service: f.service, pod: f.pod, serviceLabel: f.profile.labels.service, podLabel: f.profile.labels.pod,
    }).inScope),
    labelKey: f.profile.labels.service, cursorAt: f.view.cursorAt, notice: allNotices(f.state)[0]?.message ?? (errView ? undefined : metricsDown),
  })), layout.errorRate));
  if (layout.p99 > 0) {
    lines.push(...padTo(focused('p99', p99Lines({
      view: p99View, sourceDown: down(p99View?.source), now, sloSeconds: f.profile.thresholds.p99SloSeconds,
      rows: layout.p99, width, glyphs: f.glyphs, labelKey: f.profile.labels.pod, selected: f.p99Selected ?? -1, unknownWhy: p99View ? undefined : metricsDown,
    })), layout.p99));
  }
  // Zoomed, the focused custom panel takes every row between the header and the footer.
  const zoomed = f.view.zoomed ? custom.find((c) => f.view.focus === `panel:${c.id}`) : undefined;
  if (zoomed) {
    const rows = layout.rows - layout.header - layout.footer;
    lines.splice(layout.header);
    lines.push(...padTo(focused(`panel:${zoomed.id}`, zoomed.panel.draw(rows, width)), rows));
    if (layout.footer > 0) lines.push(f.footer ?? line(''));
    return { lines: padTo(lines, layout.rows).map((l) => fitLine(l, width, f.glyphs.ellipsis)), layout, hasRealData: !!errView && hasRealPoint(errView.series) };
  }
  if (layout.alerts > 0 && f.alerts) lines.push(...padTo(f.alerts.draw(layout.alerts, width), layout.alerts));
  custom.forEach((c, i) => {
    const rows = layout.custom[i] ?? 0;
    if (rows > 0) lines.push(...padTo(focused(`panel:${c.id}`, c.panel.draw(rows, width)), rows));
  });
  const folded = custom.filter((_c, i) => (layout.custom[i] ?? 0) === 0);
  // Folded panels are said, on a row of their own when the logs can spare one, else at the end of the footer.
  let foldedInFooter = false;
  if (folded.length > 0 && layout.logs > 3) {
    lines.push(line(`+${folded.length} panel${folded.length > 1 ? 's' : ''} folded (${folded.map((c) => c.id).join(', ')}): tab to one, z zooms`, 'muted'));
    layout.logs -= 1;
  } else foldedInFooter = folded.length > 0;
  if (layout.pipeline > 0 && f.pipeline) lines.push(...padTo(focused('pipeline', f.pipeline.draw(layout.pipeline, width)), layout.pipeline));
  if (layout.logs > 0 && f.logs) lines.push(...padTo(focused('logs', f.logs.draw(layout.logs, width)), layout.logs));
  if (layout.footer > 0) {
    const footer = f.footer ?? line('');
    lines.push(foldedInFooter ? [...footer, { text: `  +${folded.length} folded: tab, z`, tone: 'accent' }] : footer);
  }
  return {
    lines: padTo(lines, layout.rows).map((l) => fitLine(l, width, f.glyphs.ellipsis)),
    layout,
    hasRealData: !!errView && hasRealPoint(errView.series),
  };
}
