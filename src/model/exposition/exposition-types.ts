// The parsed form of a Prometheus text / OpenMetrics exposition.

/** One sample line: full metric name (with _bucket/_sum/_count suffix), labels, value. */
export interface ExpositionSample {
  name: string;
  labels: Record<string, string>;
  /** Value; NaN, +Infinity and -Infinity are represented as the JavaScript numbers. */
  value: number;
  /** Timestamp in epoch milliseconds, when the line carried one. */
  timestampMs?: number;
  /** The OpenMetrics exemplar written after ` # ` on the line, when there was one. */
  exemplar?: ExpositionExemplar;
}

/** An OpenMetrics exemplar: a reference (usually a trace id) with its own labels, value and optional timestamp. */
export interface ExpositionExemplar {
  labels: Record<string, string>;
  /** The observed value the exemplar stands for (for a histogram bucket, one that fell into it). */
  value: number;
  /** Timestamp in epoch milliseconds, when the exemplar carried one (written in float seconds). */
  timestampMs?: number;
}

/** A line the parser could not accept, with its 1-based line number. */
export interface ExpositionError {
  line: number;
  message: string;
}

/** Result of parsing one exposition body; parsing never throws. */
export interface Exposition {
  samples: ExpositionSample[];
  /** Metric family name -> declared type ('counter', 'gauge', 'histogram', 'summary', 'untyped', 'unknown', ...). */
  types: Map<string, string>;
  errors: ExpositionError[];
  /** Which dialect was detected. */
  format: 'text' | 'openmetrics';
}
