// Reads pipeline self-metrics (Vector, OpenTelemetry Collector, Fluent Bit, Prometheus) out of a parsed exposition.
//
// Metric names were checked against:
// - Vector: the internal_metrics reference (website/cue/reference/components/sources/internal_metrics.cue) and the
//   0.53.0 release notes (2026-01-27), which rename the buffer gauges (buffer_events -> buffer_size_events,
//   buffer_byte_size -> buffer_size_bytes, buffer_max_event_size -> buffer_max_size_events, buffer_max_byte_size ->
//   buffer_max_size_bytes) and keep emitting the old names for a transition period; both are read, current names win.
// - OpenTelemetry Collector: the telemetry sections of receiver/receiverhelper, exporter/exporterhelper and
//   processor/processorhelper metadata.yaml in the collector repository, and a 2021 exposition without `_total`.
//   Newer releases add `_total` to counters on the Prometheus endpoint, so both forms match.
//   processor_dropped_* / processor_refused_* are the deprecated processor counters.
// - Fluent Bit: administration/monitoring for 1.9 and 4.0 (/api/v1/metrics/prometheus, /api/v2/metrics/prometheus).
// - Prometheus: scrape/scrape.go, and the /metrics and /federate of a live 2.42.0 (test/fixtures/pipeline/).
import type { ExpositionSample } from '../exposition/exposition-types.js';
import type { PipelineProduct } from './pipeline-types.js';
import { PROBLEM, targetId, typeFromId, type PipelineReading } from './pipeline-reading.js';
import {
  addBuffer, addProblem, addQueue, addSum, keepMax, newAcc, toReading,
  type BufferGauge, type ComponentAcc, type SumField,
} from './pipeline-accumulator.js';

type Get = (product: PipelineProduct, kind: string, id: string, type?: string) => ComponentAcc;

const VECTOR_COUNTERS: Record<string, SumField> = {
  component_received_events_total: 'inTotal',
  component_sent_events_total: 'outTotal',
  component_errors_total: 'errorsTotal',
};

const VECTOR_BUFFER: Record<string, [legacy: boolean, gauge: BufferGauge]> = {
  buffer_size_events: [false, 'events'],
  buffer_size_bytes: [false, 'bytes'],
  buffer_max_size_events: [false, 'maxEvents'],
  buffer_max_size_bytes: [false, 'maxBytes'],
  buffer_events: [true, 'events'],
  buffer_byte_size: [true, 'bytes'],
  buffer_max_event_size: [true, 'maxEvents'],
  buffer_max_byte_size: [true, 'maxBytes'],
};

function readVector(s: ExpositionSample, get: Get): void {
  const name = s.name.slice('vector_'.length);
  const id = s.labels.component_id;
  if (!id) return;
  const acc = () => get('vector', s.labels.component_kind ?? '', id, s.labels.component_type);
  const counter = VECTOR_COUNTERS[name];
  const buffer = VECTOR_BUFFER[name];
  if (counter) addSum(acc(), counter, s.value);
  else if (buffer) addBuffer(acc(), buffer[0], buffer[1], s.value);
  else if (name === 'utilization') keepMax(acc(), 'utilization', s.value);
  else if (name === 'component_discarded_events_total' || name === 'buffer_discarded_events_total') {
    // Only unintended drops are loss; a filter transform discards with intentional="true". No label: count it.
    addSum(acc(), s.labels.intentional === 'true' ? 'intentionalDiscardedTotal' : 'discardedTotal', s.value);
  }
}

const SIGNAL = '(?:spans|metric_points|log_records|logs|profile_samples)';
const OTEL_RULES: Array<[RegExp, 'receiver' | 'exporter' | 'processor', SumField[]]> = [
  [new RegExp(`^receiver_accepted_${SIGNAL}(?:_total)?$`), 'receiver', ['inTotal', 'outTotal']],
  [new RegExp(`^receiver_refused_${SIGNAL}(?:_total)?$`), 'receiver', ['inTotal', 'discardedTotal']],
  [new RegExp(`^receiver_failed_${SIGNAL}(?:_total)?$`), 'receiver', ['inTotal', 'errorsTotal']],
  [new RegExp(`^exporter_sent_${SIGNAL}(?:_total)?$`), 'exporter', ['inTotal', 'outTotal']],
  [new RegExp(`^exporter_send_failed_${SIGNAL}(?:_total)?$`), 'exporter', ['inTotal', 'errorsTotal']],
  [new RegExp(`^exporter_enqueue_failed_${SIGNAL}(?:_total)?$`), 'exporter', ['inTotal', 'discardedTotal']],
  [/^processor_incoming_items(?:_total)?$/, 'processor', ['inTotal']],
  [/^processor_outgoing_items(?:_total)?$/, 'processor', ['outTotal']],
  [new RegExp(`^processor_(?:dropped|refused)_${SIGNAL}(?:_total)?$`), 'processor', ['discardedTotal']],
];

function labelKey(labels: Record<string, string>): string {
  return Object.keys(labels).sort().map((k) => `${k}=${labels[k]}`).join(',');
}

function readOtelcol(s: ExpositionSample, get: Get): void {
  const name = s.name.slice('otelcol_'.length);
  const queue = /^exporter_queue_(size|capacity)$/.exec(name);
  if (queue) {
    const id = s.labels.exporter ?? s.labels.otelcol_component_id;
    if (id) addQueue(get('otelcol', 'exporter', id), labelKey(s.labels), queue[1] as 'size' | 'capacity', s.value);
    return;
  }
  for (const [re, kind, fields] of OTEL_RULES) {
    if (!re.test(name)) continue;
    const id = s.labels[kind] ?? s.labels.otelcol_component_id;
    if (!id) return;
    const acc = get('otelcol', kind, id);
    for (const f of fields) addSum(acc, f, s.value);
    return;
  }
}

const FLUENTBIT_RULES: Record<string, ['input' | 'output', SumField[] | string]> = {
  fluentbit_input_records_total: ['input', ['inTotal']],
  fluentbit_output_proc_records_total: ['output', ['inTotal', 'outTotal']],
  fluentbit_output_dropped_records_total: ['output', ['inTotal', 'discardedTotal']],
  fluentbit_output_errors_total: ['output', ['errorsTotal']],
  fluentbit_output_retries_failed_total: ['output', PROBLEM.retriesFailed],
};

function readFluentBit(s: ExpositionSample, get: Get): void {
  const rule = FLUENTBIT_RULES[s.name];
  const id = s.labels.name;
  if (!rule || !id) return;
  const acc = get('fluentbit', rule[0], id);
  if (typeof rule[1] === 'string') addProblem(acc, rule[1], s.value);
  else for (const f of rule[1]) addSum(acc, f, s.value);
}

const PROMETHEUS_PROBLEMS: Record<string, string> = {
  prometheus_target_scrapes_exceeded_sample_limit_total: PROBLEM.sampleLimit,
  prometheus_target_scrapes_sample_duplicate_timestamp_total: PROBLEM.rejectedSamples,
  prometheus_target_scrapes_sample_out_of_bounds_total: PROBLEM.rejectedSamples,
  prometheus_target_scrapes_sample_out_of_order_total: PROBLEM.rejectedSamples,
  prometheus_rule_evaluation_failures_total: PROBLEM.ruleFailures,
  prometheus_notifications_dropped_total: PROBLEM.notificationsDropped,
};

function readPrometheus(s: ExpositionSample, get: Get): void {
  const { job, instance } = s.labels;
  if (s.name === 'up' || s.name === 'scrape_duration_seconds') {
    if (job === undefined || instance === undefined) return;
    const acc = get('prometheus', 'target', targetId(job, instance), job);
    keepMax(acc, s.name === 'up' ? 'up' : 'scrapeDurationS', s.value);
    return;
  }
  const server = () => get('prometheus', 'server', instance ?? 'prometheus', 'prometheus');
  const problem = PROMETHEUS_PROBLEMS[s.name];
  if (problem) addProblem(server(), problem, s.value);
  else if (s.name === 'prometheus_tsdb_head_samples_appended_total') addSum(server(), 'inTotal', s.value);
  else if (s.name === 'prometheus_tsdb_head_series') keepMax(server(), 'headSeries', s.value);
}

/** Pipeline readings, one per component found in `samples`, stamped `at` (epoch milliseconds); unknown metrics are ignored. */
export function extractPipeline(samples: ExpositionSample[], at: number): PipelineReading[] {
  const accs = new Map<string, ComponentAcc>();
  const get: Get = (product, kind, id, type) => {
    // Vector ids are unique across kinds, and some buffer gauges may lack component_kind: key Vector by id alone.
    const key = product === 'vector' ? `vector\u0000${id}` : `${product}\u0000${kind}\u0000${id}`;
    let acc = accs.get(key);
    if (!acc) accs.set(key, (acc = newAcc(product, kind, id, type || typeFromId(product, id))));
    if (!acc.kind && kind) acc.kind = kind;
    if (type && acc.type === id && type !== id) acc.type = type;
    return acc;
  };
  for (const s of samples) {
    if (!Number.isFinite(s.value)) continue;
    if (s.name.startsWith('vector_')) readVector(s, get);
    else if (s.name.startsWith('otelcol_')) readOtelcol(s, get);
    else if (s.name.startsWith('fluentbit_')) readFluentBit(s, get);
    else readPrometheus(s, get);
  }
  return [...accs.values()].map((acc) => toReading(acc, at));
}
