import { describe, expect, it } from 'vitest';
import { latencySeconds, makeLineParser } from '../../../src/model/logs/log-parse.js';

const READ_AT = Date.parse('2026-11-22T14:40:00Z');
const parse = makeLineParser();
const p = (raw: string) => parse(raw, 'app.log', READ_AT);

describe('JSON lines', () => {
  it('reads time, level, service, pod, status, latency, trace id and message', () => {
    const l = p('{"ts":"2026-11-22T14:32:04.123Z","level":"error","service":"payments","pod":"payments-1","status":503,"latency_ms":2500,"trace_id":"abc","msg":"upstream timeout"}');
    expect(l).toMatchObject({
      at: Date.parse('2026-11-22T14:32:04.123Z'), timed: true, level: 'error', service: 'payments', pod: 'payments-1',
      status: 503, latency: 2.5, traceId: 'abc', message: 'upstream timeout', source: 'app.log',
    });
  });

  it('reads "severity":"ERROR", nested log.level and offsets', () => {
    expect(p('{"severity":"ERROR","message":"x","time":"2026-11-22T16:32:04+02:00"}')).toMatchObject({ level: 'error', at: Date.parse('2026-11-22T14:32:04Z') });
    expect(p('{"log":{"level":"warn"},"message":"y"}')).toMatchObject({ level: 'warn', timed: false, at: READ_AT });
  });

  it('reads journald -o json: PRIORITY, MESSAGE, microsecond realtime, unit', () => {
    const l = p('{"__REALTIME_TIMESTAMP":"1795357924123456","PRIORITY":"3","MESSAGE":"disk full","_SYSTEMD_UNIT":"payments.service"}');
    expect(l).toMatchObject({ level: 'error', message: 'disk full', service: 'payments.service', at: 1795357924123.456 });
  });

  it('takes the level from a 5xx status when no level is given, and pino numbers', () => {
    expect(p('{"status":"502","msg":"bad gateway"}').level).toBe('error');
    expect(p('{"level":50,"msg":"pino"}').level).toBe('error');
  });

  it('honours field names from the profile before the defaults', () => {
    const custom = makeLineParser({ level: ['sev'], message: ['body'] });
    expect(custom('{"sev":"warn","body":"hello","level":"info"}', 's', READ_AT)).toMatchObject({ level: 'warn', message: 'hello' });
  });

  it('a level word that is also an Object.prototype name stays unknown', () => {
    expect(p('{"level":"constructor","msg":"x"}').level).toBe('unknown');
    expect(p('{"level":"toString","msg":"x"}').level).toBe('unknown');
  });

  it('epoch timestamps in seconds, milliseconds and nanoseconds', () => {
    expect(p('{"ts":1795357924,"msg":"s"}').at).toBe(1795357924000);
    expect(p('{"ts":1795357924123,"msg":"ms"}').at).toBe(1795357924123);
    expect(p('{"ts":"1795357924123456789","msg":"ns"}').at).toBe(1795357924123);
  });
});

describe('logfmt', () => {
  it('reads quoted values with escapes', () => {
    const l = p('time=2026-11-22T14:32:04Z level=warn msg="slow \\"query\\"" duration=1.5s pod=p-2');
    expect(l).toMatchObject({ level: 'warn', message: 'slow "query"', latency: 1.5, pod: 'p-2', timed: true });
  });
});

describe('plain text', () => {
  it.each([
    ['2026-11-22 14:32:04,123 ERROR payment failed', 'error', Date.parse('2026-11-22T14:32:04.123Z')],
    ['[2026-11-22T14:32:04Z] [warn] disk 91%', 'warn', Date.parse('2026-11-22T14:32:04Z')],
    ['E1122 14:32:04.123456    1 controller.go:42] sync failed', 'error', Date.parse('2026-11-22T14:32:04.123Z')],
    ['W1122 14:32:05.000000    1 x.go:1] slow', 'warn', Date.parse('2026-11-22T14:32:05Z')],
    ['no error found in the batch', 'unknown', READ_AT],
    ['error: connection reset', 'error', READ_AT],
  ])('%s', (raw, level, at) => {
    expect(p(raw)).toMatchObject({ level, at, raw, message: raw });
  });

  it('never throws on hostile input: broken JSON, binary, NUL, a 1 MB line', () => {
    expect(p('{"level":"error", broken').level).toBe('unknown');
    expect(p('\u0000\u0001\ufffd\ufffd').message).toBe('\u0000\u0001\ufffd\ufffd');
    const big = `{"msg":"${'x'.repeat(1_000_000)}"}`;
    expect(p(big).raw.length).toBe(big.length);
    expect(p('x'.repeat(1_000_000)).level).toBe('unknown');
  });
});

describe('latencySeconds', () => {
  it.each([
    ['latency_ms', 250, 0.25],
    ['latency', '12ms', 0.012],
    ['duration', '1m2.5s', 62.5],
    ['duration', 0.25, 0.25],
    ['duration', 250, 0.25],
    ['request_time', '0.004', 0.004],
    // nginx writes request_time in seconds: 2.000 is 2 s even though JSON.parse gives the integer 2.
    ['request_time', 2, 2],
    ['upstream_response_time', 1, 1],
    ['elapsedMs', 12.5, 0.0125],
    ['durationNs', 1500, 1.5e-6],
  ])('%s %s', (name, v, s) => {
    expect(latencySeconds(name, v)).toBeCloseTo(s, 9);
  });
  it('refuses garbage', () => {
    expect(latencySeconds('latency', 'soon')).toBeUndefined();
  });
});
