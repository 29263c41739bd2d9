import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PipelineTracker } from '../../../src/model/pipeline/pipeline-health.js';
import {
  pipelineQueryList, readingsFromQueryResults, sumRates, type PipelineQueryResult, type PipelineQuerySpec,
} from '../../../src/model/pipeline/pipeline-queries.js';
import type { PipelineReading } from '../../../src/model/pipeline/pipeline-reading.js';
import { requireBinary } from '../../helpers/binaries.js';
import { startTsdb, type TsdbServer } from '../../helpers/tsdb-server.js';

const AT = 1_795_357_700_000;

function spec(product: PipelineQuerySpec['product'], group: number, fieldIndex: number): PipelineQuerySpec {
  const found = pipelineQueryList([product]).filter((q) => q.group === group)[fieldIndex];
  if (!found) throw new Error(`no query ${product} ${group} ${fieldIndex}`);
  return found;
}

describe('pipelineQueryList', () => {
  it('lists queries for every product, and only the products asked for', () => {
    expect(new Set(pipelineQueryList().map((q) => q.product))).toEqual(new Set(['vector', 'otelcol', 'fluentbit', 'prometheus']));
    expect(new Set(pipelineQueryList(['vector', 'fluentbit']).map((q) => q.product))).toEqual(new Set(['vector', 'fluentbit']));
  });

  it.each(pipelineQueryList().map((q) => [`${q.product} ${q.group} ${q.fields.join('+')}`, q] as const))('%s is well formed', (_name, q) => {
    let depth = 0;
    for (const ch of q.expr) {
      depth += ch === '(' ? 1 : ch === ')' ? -1 : 0;
      expect(depth).toBeGreaterThanOrEqual(0);
    }
    expect(depth).toBe(0);
    if (q.expr.includes('rate(')) expect(q.expr).toContain('[$rate_interval]');
    if (q.fields.some((f) => f.endsWith('PerS') || f.startsWith('problem:'))) expect(q.expr).toContain('rate(');
  });
});

describe('sumRates', () => {
  it('rates one counter plainly and tags several apart so that `or` keeps them all', () => {
    expect(sumRates('name', ['a_total'])).toBe('sum by (name) (rate(a_total[$rate_interval]))');
    expect(sumRates('name', ['a_total', 'b_total'])).toBe(
      'sum by (name) (label_replace(rate(a_total[$rate_interval]), "pipeline_part", "0", "", "")'
      + ' or label_replace(rate(b_total[$rate_interval]), "pipeline_part", "1", "", ""))',
    );
  });
});

describe('readingsFromQueryResults', () => {
  const vectorLabels = { component_id: 'loki_out', component_kind: 'sink', component_type: 'loki' };
  const cases: Array<[what: string, results: PipelineQueryResult[], expected: Array<Partial<PipelineReading>>]> = [
    ['Vector labels name the component', [
      { spec: spec('vector', 0, 0), samples: [{ labels: vectorLabels, value: 5000 }] },
      { spec: spec('vector', 0, 3), samples: [{ labels: vectorLabels, value: 12 }] },
    ], [{ id: 'loki_out', kind: 'sink', type: 'loki', inPerS: 5000, discardedPerS: 12, at: AT }]],
    ['the fuller of the events and bytes buffer wins', [
      { spec: spec('vector', 0, 6), samples: [{ labels: vectorLabels, value: 0.4 }] },
      { spec: spec('vector', 0, 7), samples: [{ labels: vectorLabels, value: 0.9 }] },
    ], [{ bufferFill: 0.9 }]],
    ['a receiver takes in what it accepted, refused and failed', [
      { spec: spec('otelcol', 0, 0), samples: [{ labels: { receiver: 'otlp' }, value: 50 }] },
      { spec: spec('otelcol', 0, 1), samples: [{ labels: { receiver: 'otlp' }, value: 5 }] },
      { spec: spec('otelcol', 0, 2), samples: [{ labels: { receiver: 'otlp' }, value: 1 }] },
    ], [{ kind: 'receiver', type: 'otlp', inPerS: 56, outPerS: 50, discardedPerS: 5, errorsPerS: 1 }]],
    ['an exporter id gives its type', [
      { spec: spec('otelcol', 2, 3), samples: [{ labels: { exporter: 'loki/logs' }, value: 0.93 }] },
    ], [{ id: 'loki/logs', kind: 'exporter', type: 'loki', bufferFill: 0.93 }]],
    ['targets are named job/instance', [
      { spec: spec('prometheus', 0, 0), samples: [{ labels: { job: 'app', instance: 'a:1' }, value: 0 }, { labels: { job: 'app', instance: 'b:1' }, value: 1 }] },
    ], [{ id: 'app/a:1', kind: 'target', type: 'app', up: 0 }, { id: 'app/b:1', up: 1 }]],
    ['named problems become problem rates', [
      { spec: spec('fluentbit', 1, 3), samples: [{ labels: { name: 'es.0' }, value: 0.1 }] },
    ], [{ id: 'es.0', type: 'es', kind: 'output', problemPerS: { 'retries failed': 0.1 } }]],
    ['a series missing an id label or with a NaN value is skipped', [
      { spec: spec('fluentbit', 0, 0), samples: [{ labels: {}, value: 3 }, { labels: { name: 'tail.0' }, value: Number.NaN }] },
    ], []],
  ];

  it.each(cases)('%s', (_what, results, expected) => {
    const readings = readingsFromQueryResults(results, AT);
    expect(readings).toHaveLength(expected.length);
    expected.forEach((e, i) => expect(readings[i]).toMatchObject(e));
  });
});

// Counters growing at known rates: Vector 0.53 (current and legacy buffer names), Collector (both naming forms), Fluent Bit.
function pipelineExposition(t: number): string {
  const v = (id: string, kind: string, type: string, extra = '') => `{component_id="${id}",component_kind="${kind}",component_type="${type}"${extra}}`;
  const loki = v('loki_out', 'sink', 'loki');
  return [
    `vector_component_received_events_total${loki} ${100 * t}`,
    `vector_component_sent_events_total${loki} ${88 * t}`,
    `vector_component_errors_total${v('loki_out', 'sink', 'loki', ',error_type="request_failed",stage="sending"')} ${2 * t}`,
    `vector_component_discarded_events_total${v('loki_out', 'sink', 'loki', ',intentional="false"')} ${10 * t}`,
    `vector_component_discarded_events_total${v('drop_debug', 'transform', 'filter', ',intentional="true"')} ${5 * t}`,
    `vector_buffer_size_events${v('loki_out', 'sink', 'loki', ',buffer_id="loki_out",stage="0"')} 450`,
    `vector_buffer_max_size_events${v('loki_out', 'sink', 'loki', ',buffer_id="loki_out",stage="0"')} 500`,
    `vector_buffer_events${v('loki_out', 'sink', 'loki', ',buffer_id="loki_out",stage="0"')} 100`,
    `vector_buffer_max_event_size${v('loki_out', 'sink', 'loki', ',buffer_id="loki_out",stage="0"')} 500`,
    `vector_buffer_byte_size${v('archive', 'sink', 'aws_s3', ',stage="0"')} 800`,
    `vector_buffer_max_byte_size${v('archive', 'sink', 'aws_s3', ',stage="0"')} 1000`,
    `otelcol_receiver_accepted_spans_total{receiver="otlp",transport="grpc"} ${50 * t}`,
    `otelcol_receiver_accepted_log_records_total{receiver="otlp",transport="grpc"} ${20 * t}`,
    `otelcol_receiver_refused_spans_total{receiver="otlp",transport="grpc"} ${5 * t}`,
    `otelcol_exporter_sent_log_records{exporter="loki/logs"} ${40 * t}`,
    `otelcol_exporter_enqueue_failed_log_records{exporter="loki/logs"} ${2 * t}`,
    'otelcol_exporter_queue_size{exporter="loki/logs"} 930',
    'otelcol_exporter_queue_capacity{exporter="loki/logs"} 1000',
    `fluentbit_input_records_total{name="tail.0"} ${20 * t}`,
    `fluentbit_output_proc_records_total{name="es.0"} ${18 * t}`,
    `fluentbit_output_dropped_records_total{name="es.0"} ${2 * t}`,
    '',
  ].join('\n');
}

const prometheus = requireBinary('prometheus', 'prometheus');

describe.skipIf(!prometheus)('the queries against a real Prometheus', () => {
  let server: Server;
  let tsdb: TsdbServer;
  const started = Date.now() - 600_000;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      res.end(pipelineExposition((Date.now() - started) / 1000));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    tsdb = await startTsdb('prometheus', prometheus!, [`127.0.0.1:${(server.address() as AddressInfo).port}`]);
  }, 60_000);

  afterAll(async () => {
    await tsdb?.stop();
    await new Promise((r) => server?.close(r));
  });

  it('answers every query and gives the verdicts the rates call for', async () => {
    const results: PipelineQueryResult[] = [];
    // Scrapes run every second and at least four are stored: a 4 s range holds enough of them for an exact rate.
    for (const q of pipelineQueryList()) {
      const data = await tsdb.api('/api/v1/query', { query: q.expr.replaceAll('$rate_interval', '4s') });
      expect(data, q.expr).toBeDefined();
      results.push({ spec: q, samples: data.result.map((r: { metric: Record<string, string>; value: [number, string] }) => ({ labels: r.metric, value: Number(r.value[1]) })) });
    }
    const tracker = new PipelineTracker();
    tracker.apply(readingsFromQueryResults(results, AT));
    const rows = tracker.rows(AT);
    const get = (kind: string, id: string) => rows.find((r) => r.kind === kind && r.id === id);
    const close = (actual: number | null | undefined, expected: number) => expect(Math.abs((actual ?? Number.NaN) - expected)).toBeLessThan(expected * 0.05);

    const loki = get('sink', 'loki_out')!;
    close(loki.in_per_s, 100);
    close(loki.discarded_per_s, 10);
    expect(loki).toMatchObject({ buffer_fill: 0.9, verdict: 'failing', reason: expect.stringMatching(/^discarding (9|10|11) events\/s$/) });
    close(get('transform', 'drop_debug')!.intentional_discarded_per_s, 5);
    expect(get('sink', 'archive')).toMatchObject({ buffer_fill: 0.8 });

    const receiver = get('receiver', 'otlp')!;
    close(receiver.in_per_s, 75);
    close(receiver.discarded_per_s, 5);
    expect(receiver).toMatchObject({ verdict: 'failing', reason: expect.stringMatching(/^refusing [\d.]+ items\/s$/) });
    const exporter = get('exporter', 'loki/logs')!;
    close(exporter.in_per_s, 42);
    close(exporter.discarded_per_s, 2);
    expect(exporter).toMatchObject({ type: 'loki', buffer_fill: 0.93, verdict: 'failing', reason: expect.stringMatching(/^discarding [\d.]+ items\/s$/) });

    close(get('output', 'es.0')!.in_per_s, 20);
    close(get('output', 'es.0')!.discarded_per_s, 2);
    expect(get('output', 'es.0')).toMatchObject({ verdict: 'failing', reason: expect.stringMatching(/^discarding [\d.]+ records\/s$/) });
    expect(get('input', 'tail.0')).toMatchObject({ verdict: 'ok' });
    expect(rows.find((r) => r.kind === 'target')).toMatchObject({ type: 'app', up: 1, verdict: 'ok', reason: 'up' });
  }, 30_000);
});
