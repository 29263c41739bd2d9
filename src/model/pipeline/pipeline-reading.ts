// A pipeline sample with the extra readings some products offer, and how components are named.
import type { PipelineProduct, PipelineSample } from './pipeline-types.js';

/**
 * A PipelineSample plus optional readings that only some products have. Every extra field is optional,
 * so any PipelineSample is a PipelineReading and a reading can travel in a PipelineEvent unchanged.
 */
export interface PipelineReading extends PipelineSample {
  /** Events dropped on purpose (filters, sampling, Vector intentional="true"), cumulative; not counted as loss. */
  intentionalDiscardedTotal?: number;
  /** The same as a ready-made rate, events per second. */
  intentionalDiscardedPerS?: number;
  /** Share of time the component was busy, 0..1 (Vector `utilization`). */
  utilization?: number;
  /** Cumulative counters of named problems that degrade a component, keyed by a phrase ("rule evaluation failures"). */
  problemTotals?: Record<string, number>;
  /** The same problems as ready-made rates per second. */
  problemPerS?: Record<string, number>;
  /** Duration of the last scrape of a Prometheus target, in seconds. */
  scrapeDurationS?: number;
  /** Series in the Prometheus head block. */
  headSeries?: number;
  /**
   * When the counters were sampled by the target itself (its exposition timestamps, or a change timed between two
   * readings), epoch milliseconds. Rates span from one sampledAt to the next when both readings carry one; else `at`.
   */
  sampledAt?: number;
  /** This reading starts a new rate span: no rate is computed from the reading before it. */
  restartsRate?: boolean;
}

/** Problem phrases used as keys of problemTotals / problemPerS; they appear verbatim in verdict reasons. */
export const PROBLEM = {
  sampleLimit: 'scrapes over sample limit',
  rejectedSamples: 'rejected samples',
  ruleFailures: 'rule evaluation failures',
  notificationsDropped: 'notifications dropped',
  retriesFailed: 'retries failed',
} as const;

/** What one unit of data is called for each product, for reasons such as "discarding 12 events/s". */
export const UNIT_NOUN: Record<PipelineProduct, string> = {
  vector: 'events',
  otelcol: 'items',
  fluentbit: 'records',
  prometheus: 'samples',
};

/** Component kinds that deliver data out of the pipeline, where sending less than was received means loss. */
export const DELIVERING_KINDS: ReadonlySet<string> = new Set(['sink', 'exporter', 'output']);

/** Component type derived from its id when no type label exists: `loki/logs` -> `loki`, `tail.0` -> `tail`. */
export function typeFromId(product: PipelineProduct, id: string): string {
  if (product === 'otelcol') return id.split('/')[0] || id;
  if (product === 'fluentbit') return id.replace(/\.\d+$/, '') || id;
  return id;
}

/** The id of a Prometheus scrape target row: `job/instance`. */
export function targetId(job: string, instance: string): string {
  return `${job}/${instance}`;
}

/** A key unique per component: the same id may be both an OpenTelemetry receiver and an exporter. */
export function componentKey(c: { product: string; kind: string; id: string }): string {
  return `${c.product}\u0000${c.kind}\u0000${c.id}`;
}
