// The data the console shows, and the pure function that applies one source event to it.
import type { Alert, DeployMarker, MetricPanel, Notice, PanelRow, Series, SourceEvent, SourceState } from './events.js';

/** What is known about one source: its state, why, and when it last delivered data (epoch ms). */
export interface SourceInfo {
  name: string;
  kind: string;
  state: SourceState;
  error: string | null;
  latencyMs: number | null;
  /** When the state last changed. */
  since: number;
  /** When data last arrived. */
  lastDataAt: number | null;
  firstDataAt: number | null;
}

/** The latest result of one source for one metric panel. */
export interface MetricView {
  source: string;
  origin: string;
  /** When it arrived, epoch ms. */
  at: number;
  series: Series[];
  /** The moment the newest point was evaluated for (epoch ms), when the source said so; else `at`. */
  asOf?: number;
  /** Step of the range query behind the points, in seconds, when known. */
  stepS?: number;
  /** True when that step was coarsened because Prometheus answered slowly. */
  coarsened?: boolean;
}

/** The last good answer for one custom panel: kept when later rounds fail, so the panel shows it with its age. */
export interface CustomView {
  source: string;
  /** When it arrived, epoch ms. */
  at: number;
  series: Series[];
  rows?: PanelRow[];
  /** The moment the newest point was evaluated for (epoch ms), when the source said so; else `at`. */
  asOf?: number;
}

/** Everything the panels draw from; replaced (never mutated) on every change. */
export interface ConsoleState {
  version: number;
  sources: Readonly<Record<string, SourceInfo>>;
  metrics: Readonly<Record<MetricPanel, Readonly<Record<string, MetricView>>>>;
  deploys: Readonly<Record<string, DeployMarker[]>>;
  alerts: Readonly<Record<string, Alert[]>>;
  /** What each source says about its answers (a service with no series, a query that returns nothing). */
  notices: Readonly<Record<string, Notice[]>>;
  /** When the first real data point arrived (epoch ms), or null. */
  firstDataAt: number | null;
  /** Custom panels of the profile by id (absent until one answers). */
  custom?: Readonly<Record<string, CustomView>>;
  /** How many of the changes counted by `version` were log lines (absent: none); the rest changed what panels read. */
  lineEvents?: number;
}

/** Changes of the state other than log lines arriving: what is worked out from panels' data need not be again for those. */
export function dataVersion(state: ConsoleState): number {
  return state.version - (state.lineEvents ?? 0);
}

/** The state before any event. */
export function emptyState(): ConsoleState {
  return { version: 0, sources: {}, metrics: { error_rate: {}, p99: {} }, deploys: {}, alerts: {}, notices: {}, firstDataAt: null };
}

/** True when a series list holds at least one finite point. */
export function hasRealPoint(series: Series[]): boolean {
  return series.some((s) => s.points.some(([, v]) => v !== null && Number.isFinite(v)));
}

function touchSource(state: ConsoleState, name: string, at: number, patch: Partial<SourceInfo>): Record<string, SourceInfo> {
  const prev: SourceInfo = state.sources[name] ?? {
    name, kind: patch.kind ?? name, state: 'connecting', error: null, latencyMs: null, since: at, lastDataAt: null, firstDataAt: null,
  };
  const next = { ...prev, ...patch };
  if (patch.state && patch.state !== prev.state) next.since = at;
  return { ...state.sources, [name]: next };
}

function markData(state: ConsoleState, source: string, at: number, real: boolean): Pick<ConsoleState, 'sources' | 'firstDataAt'> {
  const info = state.sources[source];
  return {
    sources: touchSource(state, source, at, { lastDataAt: at, firstDataAt: info?.firstDataAt ?? at }),
    firstDataAt: state.firstDataAt ?? (real ? at : null),
  };
}

/** Applies one event; metric, deploy and alert events replace that source's previous data for that slot. */
export function applyEvent(state: ConsoleState, event: SourceEvent): ConsoleState {
  const version = state.version + 1;
  switch (event.type) {
    case 'status':
      return {
        ...state,
        version,
        sources: touchSource(state, event.source, event.at, {
          state: event.state,
          error: event.state === 'up' ? null : (event.error ?? null),
          ...(event.kind ? { kind: event.kind } : {}),
          ...(event.latencyMs !== undefined ? { latencyMs: event.latencyMs } : {}),
        }),
      };
    case 'samples': {
      const view: MetricView = {
        source: event.source, origin: event.origin, at: event.at, series: event.series,
        ...(event.asOf !== undefined ? { asOf: event.asOf } : {}),
        ...(event.stepS !== undefined ? { stepS: event.stepS, coarsened: event.coarsened === true } : {}),
      };
      return {
        ...state,
        version,
        ...markData(state, event.source, event.at, event.panel === 'error_rate' && hasRealPoint(event.series)),
        metrics: { ...state.metrics, [event.panel]: { ...state.metrics[event.panel], [event.source]: view } },
      };
    }
    case 'deploys':
      return { ...state, version, ...markData(state, event.source, event.at, false), deploys: { ...state.deploys, [event.source]: event.deploys } };
    case 'alerts':
      return { ...state, version, ...markData(state, event.source, event.at, false), alerts: { ...state.alerts, [event.source]: event.alerts } };
    case 'notices':
      return { ...state, version, notices: { ...state.notices, [event.source]: event.notices } };
    case 'panel': {
      const view: CustomView = {
        source: event.source, at: event.at, series: event.series,
        ...(event.rows ? { rows: event.rows } : {}), ...(event.asOf !== undefined ? { asOf: event.asOf } : {}),
      };
      return { ...state, version, ...markData(state, event.source, event.at, false), custom: { ...state.custom, [event.panel]: view } };
    }
    case 'lines':
      return { ...state, version, lineEvents: (state.lineEvents ?? 0) + 1, ...markData(state, event.source, event.at, false) };
    default:
      return { ...state, version, ...markData(state, event.source, event.at, false) };
  }
}

/**
 * The state after a change of service or pod: what was asked for the old scope (metric views, deploy markers, custom
 * panels, notices) is dropped, so no panel shows the old service's numbers under the new name while the new answers
 * are on their way. Source states, alerts (scoped when drawn) and the time of the first data are kept.
 */
export function forgetScoped(state: ConsoleState): ConsoleState {
  return { ...state, version: state.version + 1, metrics: { error_rate: {}, p99: {} }, deploys: {}, notices: {}, custom: {} };
}

/** How much older (ms) the first-answering source's view may be than another live view before the panel switches. */
export const STALE_GAP_MS = 30_000;

/**
 * The view a panel should draw. Among sources that are not down, the one that answered first keeps the panel (so
 * the chart does not flip between Prometheus and a direct scrape every refresh), unless its latest answer is more
 * than STALE_GAP_MS older than another's; when it goes down, the freshest live one takes over. This is how a direct
 * scrape stands in when Prometheus is slow or down. With nothing live, the freshest view at all (last good data).
 */
export function pickMetricView(state: ConsoleState, panel: MetricPanel): MetricView | undefined {
  const views = Object.values(state.metrics[panel]);
  const freshest = (vs: MetricView[]) => vs.reduce<MetricView | undefined>((best, v) => (!best || v.at > best.at ? v : best), undefined);
  const live = views.filter((v) => state.sources[v.source]?.state !== 'down' && v.series.length > 0);
  if (live.length === 0) return freshest(views);
  const firstAt = (v: MetricView) => state.sources[v.source]?.firstDataAt ?? v.at;
  const first = live.reduce((best, v) => (firstAt(v) < firstAt(best) || (firstAt(v) === firstAt(best) && v.at > best.at) ? v : best));
  const newest = freshest(live) as MetricView;
  return newest.at - first.at > STALE_GAP_MS ? newest : first;
}

/** Every notice of every source, in source order. */
export function allNotices(state: ConsoleState): Notice[] {
  return Object.values(state.notices ?? {}).flat();
}
