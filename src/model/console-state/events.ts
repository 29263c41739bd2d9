// The typed events every source emits and the runtime applies to the store.
import type { LogLine } from '../logs/log-line.js';
import type { PipelineSample } from '../pipeline/pipeline-types.js';

/** Connection state of one source, shown in the header. */
export type SourceState = 'connecting' | 'up' | 'degraded' | 'down';

/** Which panel a metric result feeds. */
export type MetricPanel = 'error_rate' | 'p99';

/** One labelled series: points are [unix seconds, value]; a null value is a gap. */
export interface Series {
  labels: Record<string, string>;
  points: Array<[number, number | null]>;
  /**
   * The newest value is a floor, not a reading: a quantile that fell in the histogram's +Inf bucket, which
   * histogram_quantile answers with the highest finite bucket's bound. The true value is that or more.
   */
  atLeast?: true;
  /** A traced request behind the series' newest value (an OpenMetrics exemplar), when the source had one. */
  exemplar?: SeriesExemplar;
}

/** An exemplar's trace: the id, the value it observed (seconds for latency) and when, in epoch milliseconds. */
export interface SeriesExemplar {
  traceId: string;
  value: number;
  at: number;
}

/** A deploy marker at a moment in time (at: epoch milliseconds). */
export interface DeployMarker {
  at: number;
  label: string;
  source: string;
}

/** Alert state as shown to the engineer. */
export type AlertState = 'firing' | 'pending' | 'silenced' | 'inhibited' | 'resolved';

/** One alert (since: epoch milliseconds). */
export interface Alert {
  name: string;
  state: AlertState;
  since: number;
  severity?: string;
  labels: Record<string, string>;
  summary?: string;
}

/** Fields every event carries: which source sent it and when (epoch milliseconds). */
interface EventBase {
  source: string;
  at: number;
}

/** Metric results for a panel, replacing what that source had for it. */
export interface SamplesEvent extends EventBase {
  type: 'samples';
  panel: MetricPanel;
  series: Series[];
  /** Where the data came from, for the "showing X" note: 'prometheus' or 'scrape'. */
  origin: string;
  /** The moment the newest point was evaluated for (epoch ms), when earlier than `at`: what the panel's age counts from. */
  asOf?: number;
  /** Step of the range query behind the points, in seconds, when a range query made them. */
  stepS?: number;
  /** True when that step was coarsened because Prometheus answered slowly. */
  coarsened?: boolean;
}

/** New log lines from one log source. */
export interface LinesEvent extends EventBase {
  type: 'lines';
  lines: LogLine[];
  /** Lines the source itself lost (Loki dropped_entries, overflow before emit). */
  dropped?: number;
}

/** A change of a source's connection state, with a readable reason when not up. */
export interface StatusEvent extends EventBase {
  type: 'status';
  state: SourceState;
  error?: string | null;
  /** Round-trip time of the request that produced this status, in milliseconds. */
  latencyMs?: number;
  /** Source kind ('prometheus', 'scrape', 'file', 'command', 'loki', ...), for the header and JSON. */
  kind?: string;
}

/** Pipeline self-metric readings, per component, at one moment. */
export interface PipelineEvent extends EventBase {
  type: 'pipeline';
  samples: PipelineSample[];
}

/** Deploy markers seen by a source (the full set that source knows in the window). */
export interface DeploysEvent extends EventBase {
  type: 'deploys';
  deploys: DeployMarker[];
}

/** Alerts as a source currently sees them (the full set). */
export interface AlertsEvent extends EventBase {
  type: 'alerts';
  alerts: Alert[];
}

/** Something the screen should say about what a source found, with a stable code (INC_NO_SERIES, INC_QUERY_EMPTY). */
export interface Notice {
  code: string;
  message: string;
}

/** The notices of one source now, replacing its previous ones (an empty list clears them). */
export interface NoticesEvent extends EventBase {
  type: 'notices';
  notices: Notice[];
}

/** One row of an instant query: its labels and value (null when not a finite number). */
export interface PanelRow {
  labels: Record<string, string>;
  value: number | null;
}

/** The answer for one custom panel of the profile, replacing that panel's previous one (a failed query sends none). */
export interface PanelEvent extends EventBase {
  type: 'panel';
  /** The panel's id. */
  panel: string;
  /** Range series (timeseries, stat) or one point per series at the query's moment (bars). */
  series: Series[];
  /** Rows of an instant query (table). */
  rows?: PanelRow[];
  /** The moment the newest point was evaluated for (epoch ms), when earlier than `at`. */
  asOf?: number;
}

/** Every event a source may emit. */
export type SourceEvent =
  | SamplesEvent
  | LinesEvent
  | StatusEvent
  | PipelineEvent
  | DeploysEvent
  | AlertsEvent
  | NoticesEvent
  | PanelEvent;

/** Callback through which a source hands events to the runtime. */
export type Emit = (event: SourceEvent) => void;
