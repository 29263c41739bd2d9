// The SQL sent to ClickHouse and the rows read back: exact text for the conditions, latency units, patterns and presets.
import { describe, expect, it } from 'vitest';
import { clickhouseLogs } from '../../../src/config/clickhouse-logs.js';
import { latencySql, rangeCondition, re2Pattern, sqlString } from '../../../src/sources/logs/clickhouse-sql.js';
import { lineFromRow } from '../../../src/sources/logs/clickhouse.js';
import { clickhouseUrl } from '../../../src/sources/logs/clickhouse-api.js';

describe('ClickHouse log tables', () => {
  it('presets: Vector\'s layout by default, otel_logs on request, the profile\'s names on top', () => {
    expect(clickhouseLogs({})).toEqual({
      table: 'logs', where: undefined, limit: 500,
      columns: { time: 'timestamp', message: 'message', level: 'level', service: 'service', pod: 'pod', latency: 'latency_ms', trace_id: 'trace_id' },
    });
    const otel = clickhouseLogs({ preset: 'otel', columns: { pod: "LogAttributes['pod']" }, limit: 50 });
    expect(otel.table).toBe('otel_logs');
    expect(otel.columns).toMatchObject({ time: 'Timestamp', message: 'Body', level: 'SeverityText', service: 'ServiceName', pod: "LogAttributes['pod']", trace_id: 'TraceId' });
    expect(otel.columns.latency).toBeUndefined();
  });

  it('quotes strings and bounds the time in whole seconds, with the profile condition scoped', () => {
    expect(sqlString("it's a \\ test")).toBe("'it\\'s a \\\\ test'");
    const t = clickhouseLogs({ where: "service = $service AND pod LIKE '%'" });
    expect(rangeCondition(t, 1_000_500, 2_000_500, { service: "pay'ments" })).toBe(
      "timestamp >= toDateTime(1000) AND timestamp < toDateTime(2001) AND (service = 'pay\\'ments' AND pod LIKE '%')",
    );
    expect(rangeCondition(clickhouseLogs({}), undefined, undefined)).toBe('1');
  });

  it('reads latency in the unit its column names, else integers as milliseconds', () => {
    expect(latencySql(clickhouseLogs({}))).toBe('toFloat64(latency_ms) * 0.001');
    expect(latencySql(clickhouseLogs({ columns: { latency: 'duration_us' } }))).toBe('toFloat64(duration_us) * 0.000001');
    expect(latencySql(clickhouseLogs({ columns: { latency: 'took' } }))).toBe('if(toFloat64(took) = floor(toFloat64(took)), toFloat64(took) / 1000, toFloat64(took))');
    expect(latencySql(clickhouseLogs({ preset: 'otel' }))).toBeNull();
  });

  it('writes named groups the RE2 way', () => {
    expect(re2Pattern('deployed version (?<version>\\S+)')).toBe('deployed version (?P<version>\\S+)');
  });

  it('turns a row into a log line, level normalised, empty fields left out', () => {
    expect(lineFromRow({ t: 1795357925, lvl: 'ERROR', svc: 'payments', pd: '', msg: 'upstream timeout', lat: 0.25, tid: 'abc' }, 'clickhouse')).toEqual({
      at: 1795357925000, timed: true, level: 'error', source: 'clickhouse', message: 'upstream timeout', raw: 'upstream timeout', service: 'payments', latency: 0.25, traceId: 'abc',
    });
    expect(lineFromRow({ t: 1, lvl: 'nonsense', svc: '', pd: 'p', msg: 'm', lat: null, tid: '' }, 'ch').level).toBe('unknown');
  });

  it('sends the query in the URL of the base path', () => {
    expect(clickhouseUrl('http://ch:8123', 'SELECT 1')).toBe('http://ch:8123/?query=SELECT+1');
    expect(clickhouseUrl('https://gw/clickhouse', 'SELECT 1')).toBe('https://gw/clickhouse/?query=SELECT+1');
  });
});
