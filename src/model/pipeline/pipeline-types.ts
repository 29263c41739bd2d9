// Types for pipeline self-metrics (Vector, OpenTelemetry Collector, Fluent Bit, Prometheus).

/** Which observability product a component belongs to. */
export type PipelineProduct = 'vector' | 'otelcol' | 'fluentbit' | 'prometheus';

/** Health verdict of one component. */
export type Verdict = 'ok' | 'degraded' | 'failing' | 'unknown';

/**
 * Cumulative counters and gauges for one component at one moment, as read from self-metrics.
 * Counters are totals since the process started; rates are computed by the store from consecutive samples.
 */
export interface PipelineSample {
  id: string;
  product: PipelineProduct;
  /** 'source' | 'transform' | 'sink' | 'receiver' | 'processor' | 'exporter' | 'input' | 'output' | 'server' | 'target'. */
  kind: string;
  /** Component type such as 'loki', 'kafka', 'otlp'. */
  type: string;
  /** Sample time in epoch milliseconds. */
  at: number;
  inTotal?: number;
  outTotal?: number;
  errorsTotal?: number;
  discardedTotal?: number;
  /** Buffer or queue fill 0..1. */
  bufferFill?: number;
  /** Gauges that already are rates (events per second) when read through PromQL. */
  inPerS?: number;
  outPerS?: number;
  errorsPerS?: number;
  discardedPerS?: number;
  /** For Prometheus targets: 1 when the last scrape succeeded. */
  up?: number;
}
