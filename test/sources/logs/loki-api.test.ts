import { describe, expect, it } from 'vitest';
import { LokiFormatError, compareNs, msFromNs, nsFromMs, parseQueryRange, parseTailMessage, queryRangeUrl, tailUrl } from '../../../src/sources/logs/loki-api.js';

describe('nanosecond timestamps', () => {
  it('convert without losing precision beyond Number.MAX_SAFE_INTEGER', () => {
    expect(nsFromMs(1795357757123)).toBe('1795357757123000000');
    expect(msFromNs('1795357757123999999')).toBe(1795357757123);
    expect(compareNs('1795357757123000001', '1795357757123000000')).toBe(1);
    expect(compareNs('1795357757123000000', '1795357757123000000')).toBe(0);
    expect(compareNs('999', '1795357757123000000')).toBe(-1);
  });
});

describe('URLs', () => {
  it.each([
    {
      base: 'http://loki:3100',
      want: 'http://loki:3100/loki/api/v1/query_range?query=%7Bapp%3D%22payments%22%7D&start=1&end=2&limit=10&direction=backward',
    },
    {
      base: 'https://gw.example/loki-proxy/',
      want: 'https://gw.example/loki-proxy/loki/api/v1/query_range?query=%7Bapp%3D%22payments%22%7D&start=1&end=2&limit=10&direction=backward',
    },
  ])('query_range under $base', ({ base, want }) => {
    expect(queryRangeUrl(base, { query: '{app="payments"}', startNs: '1', endNs: '2', limit: 10 })).toBe(want);
  });

  it.each([
    { base: 'http://loki:3100', scheme: 'ws:' },
    { base: 'https://loki.example', scheme: 'wss:' },
  ])('tail over $scheme for $base', ({ base, scheme }) => {
    const url = new URL(tailUrl(base, { query: '{a="b"}', startNs: '1795357757123000000', delayForS: 2, limit: 50 }));
    expect(url.protocol).toBe(scheme);
    expect(url.pathname).toBe('/loki/api/v1/tail');
    expect(Object.fromEntries(url.searchParams)).toEqual({ query: '{a="b"}', start: '1795357757123000000', delay_for: '2', limit: '50' });
  });
});

describe('parseQueryRange', () => {
  it('returns entries of every stream oldest first and skips malformed values', () => {
    const body = JSON.stringify({
      status: 'success',
      data: {
        resultType: 'streams',
        result: [
          { stream: { app: 'a' }, values: [['1795357757000000003', 'three'], ['1795357757000000001', 'one'], [17, 'number ts'], ['x', 'bad'], ['1795357757000000009']] },
          { stream: { app: 'b' }, values: [['1795357757000000002', 'two', { trace_id: 'abc' }]] },
        ],
      },
    });
    expect(parseQueryRange(body).map((e) => [e.ns, e.line, e.labels.app])).toEqual([
      ['1795357757000000001', 'one', 'a'],
      ['1795357757000000002', 'two', 'b'],
      ['1795357757000000003', 'three', 'a'],
    ]);
  });

  it.each([
    { body: '<html>bad gateway</html>', message: 'answer is not JSON' },
    { body: '{"status":"error","error":"x"}', message: 'status is "error", not "success"' },
    { body: '{"status":"success","data":{"resultType":"vector","result":[]}}', message: /returns vector, not log lines/ },
  ])('refuses $body', ({ body, message }) => {
    expect(() => parseQueryRange(body)).toThrow(LokiFormatError);
    expect(() => parseQueryRange(body)).toThrow(message);
  });
});

describe('parseTailMessage', () => {
  it.each([
    { text: '{"streams":[{"stream":{"app":"a"},"values":[["5","x"]]}],"dropped_entries":null}', lines: ['x'], dropped: 0 },
    { text: '{"streams":[],"dropped_entries":[{"labels":"{}","timestamp":"1"},{"labels":"{}","timestamp":"2"}]}', lines: [], dropped: 2 },
    { text: '{"streams":null}', lines: [], dropped: 0 },
  ])('$text', ({ text, lines, dropped }) => {
    const got = parseTailMessage(text);
    expect(got.entries.map((e) => e.line)).toEqual(lines);
    expect(got.dropped).toBe(dropped);
  });
});
