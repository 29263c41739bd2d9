import { describe, expect, it } from 'vitest';
import { BlockLiteral, type LineText, packedLines, packLines } from '../../../src/model/logs/line-records.js';
import { packBlock, parseBlock, recordLines } from '../../../src/sources/logs/parse-thread.js';
import type { LogLine } from '../../../src/model/logs/log-line.js';
import { makeLineParser } from '../../../src/model/logs/log-parse.js';
import { asWritten, readEvery } from './line-fields.js';
import { TRICKY } from './tricky-json-lines.js';

const READ_AT = Date.parse('2026-11-22T14:40:00Z');
const parse = makeLineParser();

/** A trip through postMessage, as the parse thread makes it. */
const trip = (lines: LogLine[], chars?: (text: string) => LineText) => {
  const rec = structuredClone(packLines(lines));
  return packedLines(rec, 'app.log', chars?.(rec.text));
};

const MIXED = [
  ...TRICKY,
  'time=2026-11-22T14:32:04Z level=warn msg="slow \\"query\\"" duration=1.5s pod=p-2',
  'E1122 14:32:04.123456    1 controller.go:42] sync failed',
  '{"msg":"é ünïcode ✓ 😀","service":"ß"}',
  '',
];

describe('packLines and packedLines', () => {
  it('give back every parsed line field by field: JSON, logfmt, plain, escaped and absent fields', () => {
    const lines = MIXED.map((raw) => parse(raw, 'app.log', READ_AT));
    const back = trip(lines);
    expect(back.map(readEvery)).toStrictEqual(lines.map(readEvery));
    // Written to a recording, a packed line is the parsed line, key for key.
    expect(back.map(asWritten)).toStrictEqual(lines);
    expect(JSON.stringify(back)).toBe(JSON.stringify(lines));
  });

  it('read the text through the reader they are given (the text kept as bytes)', () => {
    const lines = MIXED.map((raw) => parse(raw, 'app.log', READ_AT));
    const reads: Array<[number, number]> = [];
    const back = trip(lines, (text) => ({ slice: (a, b) => (reads.push([a, b]), text.slice(a, b)) }));
    expect(back.map(readEvery)).toStrictEqual(lines.map(readEvery));
    expect(reads.length).toBeGreaterThan(lines.length);
  });

  it('keep a line with no optional keys without them, and one with them undefined with them', () => {
    const [plain, json] = trip([parse('plain text', 'app.log', READ_AT), parse('{"msg":"x"}', 'app.log', READ_AT)]).map(asWritten);
    expect(Object.keys(plain)).toEqual(['at', 'timed', 'level', 'source', 'message', 'raw']);
    expect(Object.keys(json)).toEqual(['at', 'timed', 'level', 'source', 'message', 'raw', 'service', 'pod', 'status', 'latency', 'traceId']);
  });

  it('carry a Loki nanosecond timestamp and every level', () => {
    const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'unknown'] as const;
    const lines: LogLine[] = levels.map((level, i) => ({ at: i, timed: true, level, source: 'loki', message: `m${i}`, raw: `r${i} m${i}`, ns: `17953579241234567${i}` }));
    expect(trip(lines).map(asWritten)).toStrictEqual(lines.map((l) => ({ ...l, source: 'app.log' })));
  });

  it('send a service or pod repeated on every line once, and messages as places in the raw text', () => {
    const lines = Array.from({ length: 1000 }, (_, i) => parse(`{"service":"payments","pod":"p-${i % 3}","msg":"request ${i}"}`, 'app.log', READ_AT));
    const packed = packLines(lines);
    expect(packed.strings).toEqual(['payments', 'p-0', 'p-1', 'p-2']);
    expect(packed.text).toBe(lines.map((l) => l.raw).join('\n'));
  });
});

describe('BlockLiteral', () => {
  const DEPLOY = /deploy: \S+ (?<version>generation \d+) rolled out/;
  const block = (raws: string[]) => {
    const bytes = Buffer.from(`${raws.join('\n')}\n`);
    return recordLines(packBlock(bytes, parseBlock(bytes, parse, 'app.log', READ_AT), true), 'app.log');
  };
  const quiet = Array.from({ length: 50 }, (_, i) => `{"level":"info","msg":"GET /v1/charges ${i} 200"}`);

  it('passes over every line of a packed block without the literal, looking once, and tries each line of one with it', () => {
    const check = BlockLiteral.of(DEPLOY) as BlockLiteral;
    expect(check).not.toBeNull();
    const none = block(quiet);
    expect(none.map((l) => check.mayHold(l))).toEqual(none.map(() => false));
    const some = block([...quiet, '{"level":"info","msg":"deploy: api generation 3 rolled out"}']);
    expect(some.every((l) => check.mayHold(l))).toBe(true);
    // Text as bytes (ASCII) and as text (not ASCII) alike.
    const wide = block([...quiet, '{"level":"info","msg":"déploy ok"}']);
    expect(wide.some((l) => check.mayHold(l))).toBe(false);
    expect(block(['{"msg":"é"}', 'deploy: web generation 9 rolled out']).every((l) => check.mayHold(l))).toBe(true);
  });

  it('finds the literal in a message that is only spelt with escapes in its raw line', () => {
    const check = BlockLiteral.of(DEPLOY) as BlockLiteral;
    const escaped = block([...quiet, '{"level":"info","msg":"deploy\\u003a api generation 4 rolled out"}']);
    const line = escaped[escaped.length - 1];
    expect(line.raw).not.toContain('deploy: ');
    expect(line.message).toBe('deploy: api generation 4 rolled out');
    expect(check.mayHold(line)).toBe(true);
  });

  it('tries every line that is not packed, and is null for a pattern whose matches need not start with a literal', () => {
    const check = BlockLiteral.of(DEPLOY) as BlockLiteral;
    expect(check.mayHold(parse('GET / 200', 'app.log', READ_AT))).toBe(true);
    for (const re of [/deployed|rolled/, /DEPLOY: x/i, /de+ploy/, /^deploy/, /\S+ deployed/]) expect(BlockLiteral.of(re)).toBeNull();
  });
});
