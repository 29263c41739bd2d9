import { describe, expect, it } from 'vitest';
import type { ExpositionSample } from '../../../src/model/exposition/exposition-types.js';
import { extractPipeline } from '../../../src/model/pipeline/pipeline-extract.js';
import type { PipelineReading } from '../../../src/model/pipeline/pipeline-reading.js';
import { readFixture } from '../../fixtures/pipeline/read-exposition.js';

const AT = 1_795_357_700_000;

function find(readings: PipelineReading[], product: string, kind: string, id: string): PipelineReading | undefined {
  return readings.find((r) => r.product === product && r.kind === kind && r.id === id);
}

const s = (name: string, labels: Record<string, string>, value: number): ExpositionSample => ({ name, labels, value });
const sink = { component_id: 'out', component_kind: 'sink', component_type: 'loki' };

describe('extractPipeline on realistic expositions', () => {
  const cases: Array<[fixture: string, product: string, kind: string, id: string, expected: Partial<PipelineReading>]> = [
    // Vector 0.53: sums over files and outputs, loss split from intentional drops, current buffer names.
    ['vector-0.53-a.txt', 'vector', 'sink', 'loki_out', {
      type: 'loki', inTotal: 140000, outTotal: 139000, errorsTotal: 20, discardedTotal: 1000, utilization: 0.58, bufferFill: 0.92,
    }],
    ['vector-0.53-a.txt', 'vector', 'source', 'app_logs', { type: 'file', inTotal: 150000, outTotal: 150000 }],
    ['vector-0.53-a.txt', 'vector', 'transform', 'parse', { type: 'remap', outTotal: 150000, errorsTotal: 1000, utilization: 0.31 }],
    ['vector-0.53-a.txt', 'vector', 'transform', 'drop_debug', { type: 'filter', intentionalDiscardedTotal: 10000 }],
    ['vector-0.53-a.txt', 'vector', 'sink', 'archive', { type: 'aws_s3', bufferFill: 209715200 / 1073741824 }],
    // Vector before 0.53: the fuller of events and bytes, legacy names only; buffer discards are loss.
    ['vector-0.40-legacy-buffers.txt', 'vector', 'sink', 'es_out', {
      type: 'elasticsearch', inTotal: 88100, outTotal: 80000, discardedTotal: 7, bufferFill: 4402341478 / 5368709120,
    }],
    // OpenTelemetry Collector, both naming generations.
    ['otelcol-plain-names.txt', 'otelcol', 'receiver', 'otlp', { type: 'otlp', inTotal: 1974343, outTotal: 1973843, discardedTotal: 500 }],
    ['otelcol-plain-names.txt', 'otelcol', 'exporter', 'loki/logs', {
      type: 'loki', inTotal: 53000, outTotal: 52300, errorsTotal: 660, discardedTotal: 40, bufferFill: 0.93,
    }],
    ['otelcol-plain-names.txt', 'otelcol', 'processor', 'batch', { inTotal: 2026843, outTotal: 2026843 }],
    ['otelcol-plain-names.txt', 'otelcol', 'processor', 'memory_limiter', { type: 'memory_limiter', discardedTotal: 12 }],
    ['otelcol-total-suffix.txt', 'otelcol', 'receiver', 'filelog', { inTotal: 53000, outTotal: 53000 }],
    ['otelcol-total-suffix.txt', 'otelcol', 'exporter', 'loki/logs', { errorsTotal: 660, discardedTotal: 40, bufferFill: 0.93 }],
    // Fluent Bit: an output's input is what it processed plus what it dropped.
    ['fluentbit-1.9.txt', 'fluentbit', 'input', 'tail.0', { type: 'tail', inTotal: 1000024 }],
    ['fluentbit-1.9.txt', 'fluentbit', 'output', 'es.0', {
      type: 'es', inTotal: 1000024, outTotal: 997624, errorsTotal: 31, discardedTotal: 2400, problemTotals: { 'retries failed': 3 },
    }],
    // Prometheus 2.42 itself and its targets.
    ['prometheus-2.42-self.txt', 'prometheus', 'server', 'prometheus', {
      type: 'prometheus', inTotal: 1127, headSeries: 384,
      problemTotals: { 'rule evaluation failures': 2, 'notifications dropped': 1, 'scrapes over sample limit': 0, 'rejected samples': 0 },
    }],
    ['prometheus-2.42-federate.txt', 'prometheus', 'target', 'dead/127.0.0.1:1', { type: 'dead', up: 0, scrapeDurationS: 0.000589475 }],
    ['prometheus-2.42-federate.txt', 'prometheus', 'target', 'self/127.0.0.1:19191', { type: 'self', up: 1 }],
  ];

  it.each(cases)('%s: %s %s %s', (fixture, product, kind, id, expected) => {
    const reading = find(extractPipeline(readFixture(fixture), AT), product, kind, id);
    expect(reading).toBeDefined();
    for (const [k, v] of Object.entries(expected)) {
      if (typeof v === 'number') expect(reading![k as keyof PipelineReading], k).toBeCloseTo(v, 6);
      else expect(reading![k as keyof PipelineReading], k).toEqual(v);
    }
    expect(reading!.at).toBe(AT);
  });

  it.each([
    ['vector-0.53-a.txt', ['app_logs', 'archive', 'drop_debug', 'loki_out', 'parse']],
    ['otelcol-plain-names.txt', ['batch', 'filelog', 'loki/logs', 'memory_limiter', 'otlp', 'otlp']],
    ['fluentbit-1.9.txt', ['es.0', 'stdout.0', 'systemd.0', 'tail.0']],
    ['prometheus-2.42-self.txt', ['prometheus']],
  ])('%s yields exactly the pipeline components, nothing from unrelated metrics', (fixture, ids) => {
    expect(extractPipeline(readFixture(fixture), AT).map((r) => r.id).sort()).toEqual(ids);
  });

  it('reads the same numbers whether Collector counters end in _total or not', () => {
    const strip = (rs: PipelineReading[]) => rs.map(({ at, ...r }) => r).sort((a, b) => `${a.kind}${a.id}`.localeCompare(`${b.kind}${b.id}`));
    expect(strip(extractPipeline(readFixture('otelcol-total-suffix.txt'), 1))).toEqual(strip(extractPipeline(readFixture('otelcol-plain-names.txt'), 2)));
  });

  it('keeps intentional drops out of the loss of a filter', () => {
    const drop = find(extractPipeline(readFixture('vector-0.53-a.txt'), AT), 'vector', 'transform', 'drop_debug');
    expect(drop?.discardedTotal).toBeUndefined();
  });
});

describe('extractPipeline edge cases', () => {
  const cases: Array<[what: string, samples: ExpositionSample[], expected: Partial<PipelineReading> | null]> = [
    ['current buffer names win over legacy ones with other values', [
      s('vector_buffer_size_events', sink, 10), s('vector_buffer_max_size_events', sink, 100),
      s('vector_buffer_events', sink, 90), s('vector_buffer_max_event_size', sink, 100),
    ], { bufferFill: 0.1 }],
    ['legacy names fill in what the current names lack', [
      s('vector_buffer_size_events', sink, 10), s('vector_buffer_max_size_events', sink, 100),
      s('vector_buffer_byte_size', sink, 800), s('vector_buffer_max_byte_size', sink, 1000),
    ], { bufferFill: 0.8 }],
    ['stages of one buffer add up', [
      s('vector_buffer_size_events', { ...sink, stage: '0' }, 50), s('vector_buffer_max_size_events', { ...sink, stage: '0' }, 100),
      s('vector_buffer_size_events', { ...sink, stage: '1' }, 10), s('vector_buffer_max_size_events', { ...sink, stage: '1' }, 100),
    ], { bufferFill: 0.3 }],
    ['a buffer without a maximum has no fill', [s('vector_buffer_size_events', sink, 10)], { bufferFill: undefined }],
    ['a fill above the maximum is capped at 1', [s('vector_buffer_size_events', sink, 120), s('vector_buffer_max_size_events', sink, 100)], { bufferFill: 1 }],
    ['discards without an intentional label are loss', [s('vector_component_discarded_events_total', sink, 5)], { discardedTotal: 5 }],
    ['NaN values are skipped', [s('vector_component_received_events_total', sink, Number.NaN), s('vector_component_sent_events_total', sink, 3)], { inTotal: undefined, outTotal: 3 }],
    ['the kind arrives from a later series', [
      s('vector_buffer_size_events', { component_id: 'out' }, 1), s('vector_component_received_events_total', sink, 9),
    ], { kind: 'sink', type: 'loki', inTotal: 9 }],
    ['a series without component_id is ignored', [s('vector_component_received_events_total', { component_kind: 'sink' }, 9)], null],
    ['unknown vector metrics are ignored', [s('vector_open_files', sink, 9)], null],
    ['a target without a job is ignored', [s('up', { instance: 'x:1' }, 0)], null],
    ['unrelated metrics are ignored', [s('http_requests_total', { status: '500' }, 9), s('go_goroutines', {}, 3)], null],
    ['a Collector series under the new component label', [
      s('otelcol_exporter_sent_spans_total', { otelcol_component_id: 'otlp/2' }, 4),
    ], { product: 'otelcol', kind: 'exporter', id: 'otlp/2', type: 'otlp', outTotal: 4 }],
    ['OpenMetrics _created series are not counted', [
      s('otelcol_receiver_accepted_spans_total', { receiver: 'otlp' }, 10),
      s('otelcol_receiver_accepted_spans_created', { receiver: 'otlp' }, 1.7953500001e9),
      s('vector_component_received_events_created', sink, 1.7953500001e9),
    ], { id: 'otlp', inTotal: 10 }],
    ['a Prometheus scraped through another carries its instance as id', [
      s('prometheus_notifications_dropped_total', { instance: 'prom-0:9090', job: 'prometheus' }, 2),
    ], { kind: 'server', id: 'prom-0:9090', problemTotals: { 'notifications dropped': 2 } }],
  ];

  it.each(cases)('%s', (_what, samples, expected) => {
    const readings = extractPipeline(samples, AT);
    if (expected === null) {
      expect(readings).toEqual([]);
      return;
    }
    expect(readings).toHaveLength(1);
    for (const [k, v] of Object.entries(expected)) expect(readings[0][k as keyof PipelineReading], k).toEqual(v);
  });
});
