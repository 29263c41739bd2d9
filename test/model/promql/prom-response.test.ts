// Prometheus answers: value strings, envelopes, errors and non-JSON bodies.
import { describe, expect, it } from 'vitest';
import { safeText } from '../../../src/model/text/safe-text.js';
import { decodeEnvelope, decodeMatrix, decodeVector, parsePromValue } from '../../../src/model/promql/prom-response.js';

describe('parsePromValue', () => {
  it.each([
    ['NaN', Number.NaN], ['+Inf', Infinity], ['-Inf', -Infinity], ['1e-07', 1e-7], ['0.05', 0.05], ['', Number.NaN], [null, Number.NaN],
  ])('%s', (text, want) => expect(parsePromValue(text)).toBe(want));
});

describe('decodeEnvelope', () => {
  it('accepts success with warnings and a partial flag', () => {
    const d = decodeEnvelope(200, 'application/json', JSON.stringify({ status: 'success', data: 1, warnings: ['PromQL warning: x'], isPartial: true }));
    expect(d).toEqual({ ok: true, data: 1, warnings: ['PromQL warning: x', 'partial response (isPartial)'] });
  });
  it('turns an API error into errorType: error', () => {
    const d = decodeEnvelope(400, 'application/json', JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'parse error' }));
    expect(d).toMatchObject({ ok: false, error: 'bad_data: parse error' });
  });
  it('keeps VictoriaMetrics string status codes', () => {
    const d = decodeEnvelope(422, 'application/json', JSON.stringify({ status: 'error', errorType: '422', error: 'too many' }));
    expect(d).toMatchObject({ ok: false, error: '422: too many' });
  });
  it('names status, content type and title of an HTML page', () => {
    const d = decodeEnvelope(502, 'text/html; charset=utf-8', '<html><title>502 Bad Gateway</title></html>');
    expect(d).toMatchObject({ ok: false, error: 'HTTP 502, text/html: 502 Bad Gateway' });
  });
  it('keeps the controls of a body as sent, for the terminal gate to show as text; a title in any script reads as written', () => {
    const d = decodeEnvelope(500, 'text/plain', 'boom\x1b]0;owned\x07\r\n  next');
    expect(d.ok ? '' : safeText(d.error)).toBe('HTTP 500, text/plain: boom^[]0;owned^G^M next');
    const page = decodeEnvelope(502, 'text/html', '<html><title>Ошибка шлюза</title></html>');
    expect(page.ok ? '' : page.error).toBe('HTTP 502, text/html: Ошибка шлюза');
  });
});

describe('decodeMatrix / decodeVector', () => {
  it('turns NaN and infinities in a range into gaps', () => {
    const s = decodeMatrix({ resultType: 'matrix', result: [{ metric: { pod: 'a' }, values: [[1, '1'], [2, 'NaN'], [3, '+Inf']] }] });
    expect(s).toEqual([{ labels: { pod: 'a' }, points: [[1, 1], [2, null], [3, null]] }]);
  });
  it('reads scalars and vectors, and reports a wrong result type', () => {
    expect(decodeVector({ resultType: 'scalar', result: [1, '2'] })).toEqual([{ labels: {}, value: 2 }]);
    expect(decodeVector({ resultType: 'matrix', result: [] })).toBe('expected a vector result, got matrix');
  });
});

describe('a JSON body that does not parse', () => {
  it('says where it broke, or that it ends too early, instead of quoting its first bytes', () => {
    const cut = '{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"0.5"';
    const a = decodeEnvelope(200, 'application/json', cut);
    expect(a).toMatchObject({ ok: false, errorType: 'bad_json', error: `HTTP 200, invalid JSON: ends at byte ${cut.length} (truncated?)` });
    const garbled = '{"status":"success","data":[1 2]}';
    expect(decodeEnvelope(200, 'application/json', garbled)).toMatchObject({ ok: false, error: 'HTTP 200, invalid JSON at byte 30 of 33' });
    // Not JSON at all: the page's words, as before.
    expect(decodeEnvelope(502, 'text/html', '<html><title>Bad Gateway</title></html>')).toMatchObject({ errorType: 'non_json', error: 'HTTP 502, text/html: Bad Gateway' });
  });
});
