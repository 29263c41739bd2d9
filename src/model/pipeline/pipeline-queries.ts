// PromQL that reads the pipeline panel's numbers through Prometheus, and the conversion of the answers to readings.
// The metric names are those of pipeline-extract.ts; `$rate_interval` is filled in by the query templating.
import type { InstantSample } from '../promql/prom-response.js';
import type { PipelineProduct } from './pipeline-types.js';
import { PROBLEM, componentKey, typeFromId, type PipelineReading } from './pipeline-reading.js';

/** A reading field a query fills: a rate or gauge of PipelineReading, or `problem:<phrase>` for a named problem rate. */
export type PipelineQueryField =
  | 'inPerS' | 'outPerS' | 'errorsPerS' | 'discardedPerS' | 'intentionalDiscardedPerS'
  | 'bufferFill' | 'utilization' | 'up' | 'scrapeDurationS' | 'headSeries'
  | `problem:${string}`;

/** Queries for one kind of component of one product, and how their result labels name the component. */
export interface PipelineQueryGroup {
  /** The fixed component kind, or the label that carries it. */
  kind: string | { label: string };
  /** Labels whose values, joined by '/', form the component id. */
  idLabels: string[];
  /** Label carrying the component type; without it the type is derived from the id. */
  typeLabel?: string;
  /** Fixed component type, when neither a label nor the id gives one. */
  type?: string;
  /**
   * PromQL and the field (or fields) each answer fills. Answers for the same rate field add up (a receiver's
   * inPerS is accepted + refused + failed); for bufferFill, utilization, up and scrapeDurationS the largest wins.
   */
  queries: Array<[PipelineQueryField | PipelineQueryField[], string]>;
}

/**
 * Summed per-second rate of several counters. rate() over a selector matching several names fails in Prometheus 2
 * ("vector cannot contain metrics with the same labelset"), so each name gets its own rate(), tagged apart with
 * label_replace so that `or` keeps them all.
 */
export function sumRates(by: string, selectors: string[]): string {
  const rates = selectors.map((sel) => `rate(${sel}[$rate_interval])`);
  if (rates.length === 1) return `sum by (${by}) (${rates[0]})`;
  const tagged = rates.map((r, i) => `label_replace(${r}, "pipeline_part", "${i}", "", "")`);
  return `sum by (${by}) (${tagged.join(' or ')})`;
}

const V = 'component_id, component_kind, component_type';
const vfill = (size: string, max: string) => `sum by (${V}) (${size}) / sum by (${V}) (${max} > 0)`;
const vdiscard = (intentional: string) => sumRates(V, ['component', 'buffer'].map((w) => `vector_${w}_discarded_events_total{intentional${intentional}}`));
// Collector counters end in _total only in newer releases; both names are read, each with its own rate(), because
// across an upgrade both series of one process sit in the same range.
const SIGNALS = ['spans', 'metric_points', 'log_records'];
const withTotal = (names: string[]) => names.flatMap((n) => [n, `${n}_total`]);
const otel = (by: string, prefix: string) => sumRates(by, withTotal(SIGNALS.map((s) => `otelcol_${prefix}_${s}`)));
const otelItems = (dir: string) => sumRates('processor', withTotal([`otelcol_processor_${dir}_items`]));
const fb = (name: string) => sumRates('name', [`fluentbit_output_${name}_total`]);
const prom = (...names: string[]) => sumRates('instance', names);

/** The queries, keyed by product. */
export const pipelineQueries: Record<PipelineProduct, PipelineQueryGroup[]> = {
  vector: [{
    kind: { label: 'component_kind' },
    idLabels: ['component_id'],
    typeLabel: 'component_type',
    queries: [
      ['inPerS', sumRates(V, ['vector_component_received_events_total'])],
      ['outPerS', sumRates(V, ['vector_component_sent_events_total'])],
      ['errorsPerS', sumRates(V, ['vector_component_errors_total'])],
      ['discardedPerS', vdiscard('!="true"')],
      ['intentionalDiscardedPerS', vdiscard('="true"')],
      ['utilization', `max by (${V}) (vector_utilization)`],
      ['bufferFill', `${vfill('vector_buffer_size_events', 'vector_buffer_max_size_events')} or ${vfill('vector_buffer_events', 'vector_buffer_max_event_size')}`],
      ['bufferFill', `${vfill('vector_buffer_size_bytes', 'vector_buffer_max_size_bytes')} or ${vfill('vector_buffer_byte_size', 'vector_buffer_max_byte_size')}`],
    ],
  }],
  otelcol: [
    {
      kind: 'receiver',
      idLabels: ['receiver'],
      queries: [
        [['inPerS', 'outPerS'], otel('receiver', 'receiver_accepted')],
        [['inPerS', 'discardedPerS'], otel('receiver', 'receiver_refused')],
        [['inPerS', 'errorsPerS'], otel('receiver', 'receiver_failed')],
      ],
    },
    {
      kind: 'processor',
      idLabels: ['processor'],
      queries: [
        ['inPerS', otelItems('incoming')],
        ['outPerS', otelItems('outgoing')],
        ['discardedPerS', otel('processor', 'processor_dropped')],
        ['discardedPerS', otel('processor', 'processor_refused')],
      ],
    },
    {
      kind: 'exporter',
      idLabels: ['exporter'],
      queries: [
        [['inPerS', 'outPerS'], otel('exporter', 'exporter_sent')],
        [['inPerS', 'errorsPerS'], otel('exporter', 'exporter_send_failed')],
        [['inPerS', 'discardedPerS'], otel('exporter', 'exporter_enqueue_failed')],
        ['bufferFill', 'max by (exporter) (otelcol_exporter_queue_size / (otelcol_exporter_queue_capacity > 0))'],
      ],
    },
  ],
  fluentbit: [
    {
      kind: 'input',
      idLabels: ['name'],
      queries: [['inPerS', sumRates('name', ['fluentbit_input_records_total'])]],
    },
    {
      kind: 'output',
      idLabels: ['name'],
      queries: [
        [['inPerS', 'outPerS'], fb('proc_records')],
        [['inPerS', 'discardedPerS'], fb('dropped_records')],
        ['errorsPerS', fb('errors')],
        [`problem:${PROBLEM.retriesFailed}`, fb('retries_failed')],
      ],
    },
  ],
  prometheus: [
    {
      kind: 'target',
      idLabels: ['job', 'instance'],
      typeLabel: 'job',
      queries: [
        ['up', 'max by (job, instance) (up)'],
        ['scrapeDurationS', 'max by (job, instance) (scrape_duration_seconds)'],
      ],
    },
    {
      kind: 'server',
      idLabels: ['instance'],
      type: 'prometheus',
      queries: [
        ['inPerS', prom('prometheus_tsdb_head_samples_appended_total')],
        ['headSeries', 'sum by (instance) (prometheus_tsdb_head_series)'],
        [`problem:${PROBLEM.sampleLimit}`, prom('prometheus_target_scrapes_exceeded_sample_limit_total')],
        [`problem:${PROBLEM.rejectedSamples}`, prom(
          'prometheus_target_scrapes_sample_duplicate_timestamp_total',
          'prometheus_target_scrapes_sample_out_of_bounds_total',
          'prometheus_target_scrapes_sample_out_of_order_total',
        )],
        [`problem:${PROBLEM.ruleFailures}`, prom('prometheus_rule_evaluation_failures_total')],
        [`problem:${PROBLEM.notificationsDropped}`, prom('prometheus_notifications_dropped_total')],
      ],
    },
  ],
};

/** One query to run: which product, group and fields it fills, and its PromQL (with `$rate_interval` still in it). */
export interface PipelineQuerySpec {
  product: PipelineProduct;
  group: number;
  fields: PipelineQueryField[];
  expr: string;
}

/** Every query for the given products (all products by default), in a stable order. */
export function pipelineQueryList(products: readonly string[] = Object.keys(pipelineQueries)): PipelineQuerySpec[] {
  const out: PipelineQuerySpec[] = [];
  for (const [product, groups] of Object.entries(pipelineQueries) as Array<[PipelineProduct, PipelineQueryGroup[]]>) {
    if (!products.includes(product)) continue;
    groups.forEach((g, group) => {
      for (const [fields, expr] of g.queries) out.push({ product, group, fields: [fields].flat(), expr });
    });
  }
  return out;
}

/** The answer to one query: its spec and the instant vector Prometheus returned. */
export interface PipelineQueryResult {
  spec: PipelineQuerySpec;
  samples: InstantSample[];
}

const LARGEST_WINS = new Set<PipelineQueryField>(['bufferFill', 'utilization', 'up', 'scrapeDurationS']);

function setField(reading: PipelineReading, field: PipelineQueryField, value: number): void {
  if (field.startsWith('problem:')) {
    const phrase = field.slice('problem:'.length);
    reading.problemPerS ??= {};
    reading.problemPerS[phrase] = (reading.problemPerS[phrase] ?? 0) + value;
    return;
  }
  const f = field as Exclude<PipelineQueryField, `problem:${string}`>;
  const old = reading[f];
  if (f === 'bufferFill') value = Math.min(1, Math.max(0, value));
  reading[f] = old === undefined ? value : LARGEST_WINS.has(f) ? Math.max(old, value) : old + value;
}

/** Readings with ready-made rates, stamped `at` (epoch milliseconds), from the answers to pipelineQueryList(). */
export function readingsFromQueryResults(results: PipelineQueryResult[], at: number): PipelineReading[] {
  const readings = new Map<string, PipelineReading>();
  for (const { spec, samples } of results) {
    const group = pipelineQueries[spec.product]?.[spec.group];
    if (!group) continue;
    for (const { labels, value } of samples) {
      if (!Number.isFinite(value)) continue;
      const parts = group.idLabels.map((l) => labels[l]);
      if (parts.some((p) => !p)) continue;
      const id = parts.join('/');
      const kind = typeof group.kind === 'string' ? group.kind : labels[group.kind.label] || 'component';
      const type = (group.typeLabel && labels[group.typeLabel]) || group.type || typeFromId(spec.product, id);
      const key = componentKey({ product: spec.product, kind, id });
      let reading = readings.get(key);
      if (!reading) readings.set(key, (reading = { id, product: spec.product, kind, type, at }));
      for (const field of spec.fields) setField(reading, field, value);
    }
  }
  return [...readings.values()];
}
