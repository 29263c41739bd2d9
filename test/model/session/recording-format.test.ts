// Recording lines: credentials removed from the serialised text, lines still valid JSON; headers and body lines parsed.
import { describe, expect, it } from 'vitest';
import { parseRecordingHeader, parseRecordingLine, recordingTooNew, redactJsonLine } from '../../../src/model/session/recording-format.js';

describe('redactJsonLine', () => {
  const cases: Array<[string, unknown, string[], string]> = [
    ['a token anywhere in a string', { error: 'Bearer tok-123456 rejected' }, ['tok-123456'], '{"error":"Bearer *** rejected"}'],
    ['a secret with a quote and a backslash', { raw: 'pw=a"b\\c!' }, ['a"b\\c!'], '{"raw":"pw=***"}'],
    ['URL userinfo', { raw: 'GET https://ops:hunter2@db:5432/x' }, [], '{"raw":"GET https://***@db:5432/x"}'],
    ['userinfo never spans two strings', { a: 'http://host', b: 'mail me@example.org' }, [], '{"a":"http://host","b":"mail me@example.org"}'],
    ['a secret in a label name', { labels: { 'x-tok-123456': '1' } }, ['tok-123456'], '{"labels":{"x-***":"1"}}'],
    ['short secrets are left alone', { v: 'ab' }, ['ab'], '{"v":"ab"}'],
  ];
  it.each(cases)('%s', (_name, value, secrets, want) => {
    const out = redactJsonLine(JSON.stringify(value), secrets);
    expect(out).toBe(want);
    expect(() => JSON.parse(out)).not.toThrow();
  });
});

describe('recording lines', () => {
  it('knows a header, an event, an end line and junk', () => {
    expect(parseRecordingHeader('{"level":"info"}')).toBeNull();
    expect(parseRecordingHeader('{"incident_recording":1,"version":"0.1.0","started_at":"2026-11-22T14:00:00Z","service":"api"}'))
      .toMatchObject({ started_at_ms: Date.UTC(2026, 10, 22, 14), service: 'api', profile: 'default', window_ms: 900_000 });
    expect(parseRecordingLine('{"t":5,"e":{"type":"status","source":"p","at":5,"state":"up"}}').kind).toBe('event');
    expect(parseRecordingLine('{"t":5,"end":"quit"}')).toEqual({ kind: 'end', t: 5, end: 'quit' });
    expect(parseRecordingLine('{"t":5,"e":{"type":"rm -rf","source":"p","at":5}}').kind).toBe('bad');
    expect(parseRecordingLine('{"t":5,"e":{"type":"status"').kind).toBe('bad');
  });

  it('accepts older and same versions, refuses newer formats and majors', () => {
    const h = (incident_recording: number, version: string) => parseRecordingHeader(JSON.stringify({ incident_recording, version }))!;
    expect(recordingTooNew(h(1, '0.1.0'), '0.1.0')).toBeNull();
    expect(recordingTooNew(h(1, '0.9.3'), '0.1.0')).toBeNull();
    expect(recordingTooNew(h(2, '0.2.0'), '0.1.0')).toMatch(/format 2/);
    expect(recordingTooNew(h(1, '1.0.0'), '0.1.0')).toMatch(/incident 1\.0\.0 is newer/);
  });
});
