import { describe, expect, it } from 'vitest';
import { packLines, unpackLines } from '../../../src/model/logs/line-records.js';
import type { LogLine } from '../../../src/model/logs/log-line.js';
import { makeLineParser } from '../../../src/model/logs/log-parse.js';
import { TRICKY } from './tricky-json-lines.js';

const READ_AT = Date.parse('2026-11-22T14:40:00Z');
const parse = makeLineParser();

/** A trip through postMessage, as the parse thread makes it. */
const trip = (lines: LogLine[]) => unpackLines(structuredClone(packLines(lines)), 'app.log');

describe('packLines and unpackLines', () => {
  it('give back every parsed line key by key: JSON, logfmt, plain, escaped and absent fields', () => {
    const lines = [
      ...TRICKY,
      'time=2026-11-22T14:32:04Z level=warn msg="slow \\"query\\"" duration=1.5s pod=p-2',
      'E1122 14:32:04.123456    1 controller.go:42] sync failed',
      '{"msg":"é ünïcode ✓ 😀","service":"ß"}',
      '',
    ].map((raw) => parse(raw, 'app.log', READ_AT));
    expect(trip(lines)).toStrictEqual(lines);
  });

  it('keep a line with no optional keys without them, and one with them undefined with them', () => {
    const [plain, json] = trip([parse('plain text', 'app.log', READ_AT), parse('{"msg":"x"}', 'app.log', READ_AT)]);
    expect(Object.keys(plain)).toEqual(['at', 'timed', 'level', 'source', 'message', 'raw']);
    expect(Object.keys(json)).toEqual(['at', 'timed', 'level', 'source', 'message', 'raw', 'service', 'pod', 'status', 'latency', 'traceId']);
  });

  it('carry a Loki nanosecond timestamp and every level', () => {
    const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'unknown'] as const;
    const lines: LogLine[] = levels.map((level, i) => ({ at: i, timed: true, level, source: 'loki', message: `m${i}`, raw: `r${i} m${i}`, ns: `17953579241234567${i}` }));
    expect(trip(lines)).toStrictEqual(lines.map((l) => ({ ...l, source: 'app.log' })));
  });

  it('send a service or pod repeated on every line once, and messages as places in the raw text', () => {
    const lines = Array.from({ length: 1000 }, (_, i) => parse(`{"service":"payments","pod":"p-${i % 3}","msg":"request ${i}"}`, 'app.log', READ_AT));
    const packed = packLines(lines);
    expect(packed.strings).toEqual(['payments', 'p-0', 'p-1', 'p-2']);
    expect(packed.text).toBe(lines.map((l) => l.raw).join('\n'));
  });
});
