import { describe, expect, it } from 'vitest';
import { BlockLines } from '../../../src/model/logs/json-block-lines.js';
import type { LogLine } from '../../../src/model/logs/log-line.js';
import { makeLineParser, type LineFields } from '../../../src/model/logs/log-parse.js';
import { parseBlock } from '../../../src/sources/logs/parse-thread.js';
import { TRICKY } from './tricky-json-lines.js';

const READ_AT = Date.parse('2026-12-07T12:00:00Z');

/**
 * Every key a line has, in order, and its value (an absent role's key is there, undefined, as the parser makes it);
 * numbers as their text, so that -0, NaN and Infinity stay apart from 0 and null.
 */
const shown = (l: LogLine) => JSON.stringify(Object.entries(l), (_k, v: unknown) =>
  v === undefined ? '(undefined)' : typeof v === 'number' ? `(number ${Object.is(v, -0) ? '-0' : String(v)})` : v);

/** A block as the reader hands it: whole lines, each with its newline. */
const block = (lines: string[]) => Buffer.from(lines.map((l) => `${l}\n`).join(''), 'latin1');

/** The block read by WebAssembly and line by line; both, and whether the module read it at all. */
function both(lines: string[], fields: LineFields = {}, parse = makeLineParser(fields)) {
  const bytes = block(lines);
  const read = BlockLines.for(parse)?.lines(bytes, parse, 'app.log', READ_AT) ?? null;
  return { wasm: parseBlock(bytes, parse, 'app.log', READ_AT).map(shown), byLine: parseBlock(bytes, parse, 'app.log', READ_AT, false).map(shown), read };
}

/** A seeded generator (mulberry32), so that a failure is the same on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = ['ts', 'time', '@timestamp', 'level', 'lvl', 'severity', 'msg', 'message', 'log', 'service', 'service.name', 'app', 'pod',
  'instance', 'status', 'code', 'latency_ms', 'latency', 'duration', 'request_time', 'trace_id', 'traceId', 'trace', '__REALTIME_TIMESTAMP',
  'user', 'x', 'levels', 'ms'];
const VALUES = ['"info"', '"ERROR"', '"warn"', '""', '"payments"', '"2026-12-07T11:59:01.5Z"', '"2026-12-07 11:59:01"', '1733572741',
  '"2026-12-07T11:59:01Z"', '"2026-12-07T11:59:01.123456789Z"', '"2026-12-07T11:59:01.1234567891Z"', '"2026-12-07T11:59:01+05:30"',
  '"2026-12-07T11:59:01.25-0800"', '"2026-12-07T11:59:01z"', '"2026-12-07t11:59:01Z"', '"2026-13-07T11:59:01Z"', '"2026-12-07T24:00:00Z"',
  '"2026-12-07T11:59:60Z"', '"2026-12-07T11:59:01"', '"2026-12-07T11:59:01.Z"', '"1969-07-20T20:17:40,5Z"', '"2026-12-07T11:59:01 UTC"',
  '"2026-12-07T11:59:01.000+00:00 and more text after it"', '"0000-01-01T00:00:00Z"',
  '1733572741123', '"1733572741123456"', '503', '"503"', '200', '0', '-0', '12.5', '1e3', '1E+2', '-1', '01', '1.', '.5', '+1', '1e',
  '-', 'NaN', 'Infinity', '1e400', '-1e400', '12345678901234567890', 'null', 'true', 'false', 'tru', 'nul', '"12ms"', '"1m2.5s"', '"a \\"quoted\\" word"', '"\\u0041"',
  '{"name":"x"}', '[1,2]', '{}', '[]', '"with , comma } brace"', '"a\u007fb"', 'x'];

/** A line of JSON, nearly JSON, or not JSON at all. */
function fuzzLine(next: () => number): string {
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
  const space = () => (next() < 0.15 ? pick([' ', '  ', ' ']) : '');
  const members: string[] = [];
  const n = Math.floor(next() * 9);
  for (let i = 0; i < n; i++) members.push(`${space()}"${pick(KEYS)}"${space()}:${space()}${pick(VALUES)}${space()}`);
  let line = `{${members.join(',')}${next() < 0.03 ? ',' : ''}}`;
  const r = next();
  if (r < 0.02) line = ` ${line}`;
  else if (r < 0.04) line = `${line} `;
  else if (r < 0.05) line = line.slice(0, -1);
  else if (r < 0.06) line = `${line}x`;
  else if (r < 0.07) line = `level=warn msg="logfmt ${members.length}" service=payments`;
  else if (r < 0.08) line = `2026-12-07T11:59:01Z ERROR plain text ${members.length}`;
  return line;
}

describe('BlockLines', () => {
  it('reads a plain JSON line in the module, the same as the parser', () => {
    const { wasm, byLine, read } = both([TRICKY[0]]);
    expect(read).not.toBeNull();
    expect(wasm).toEqual(byLine);
    expect(JSON.parse(wasm[0])).toContainEqual(['latency', '(number 2.5)']);
  });

  it('gives every tricky line as the parser does, each in a block of its own and all in one', () => {
    for (const line of TRICKY) {
      const { wasm, byLine } = both([line]);
      expect(wasm, line).toEqual(byLine);
    }
    const clean = TRICKY.filter((l) => !/[\x00-\x09\x0b-\x1f]/.test(l) && /^[\x00-\x7f]*$/.test(l));
    const { wasm, byLine, read } = both(clean);
    expect(read).not.toBeNull();
    expect(wasm).toEqual(byLine);
  });

  it('leaves a block holding a control character to the parser', () => {
    expect(both(['{"msg":"raw tab\tinside"}']).read).toBeNull();
    expect(both(['{"msg":"fine"}', '{"msg":"unit separator \u001f"}']).read).toBeNull();
    const { wasm, byLine } = both(['{"msg":"fine"}', '{"msg":"raw tab\tinside"}']);
    expect(wasm).toEqual(byLine);
  });

  it('agrees with the parser on 20,000 fuzzed lines, with the default fields and with a profile\'s', () => {
    const next = random(20261207);
    const lines = Array.from({ length: 20_000 }, () => fuzzLine(next));
    for (const fields of [{}, { message: ['x', 'msg'], service: ['user'], latency: ['ms'] }] as LineFields[]) {
      const parse = makeLineParser(fields);
      const reader = BlockLines.for(parse) as BlockLines;
      const before = reader.inModule;
      for (let at = 0; at < lines.length; at += 500) {
        const { wasm, byLine, read } = both(lines.slice(at, at + 500), fields, parse);
        expect(read).not.toBeNull();
        for (let i = 0; i < wasm.length; i++) expect(wasm[i], lines[at + i]).toBe(byLine[i]);
      }
      // Both ways were taken: lines read in the module, and lines it left to the parser.
      const inModule = (reader.inModule - before) / 2;
      expect(inModule).toBeGreaterThan(lines.length * 0.15);
      expect(inModule).toBeLessThan(lines.length * 0.8);
    }
  });

  it('leaves every line to the parser when a key is named for two roles', () => {
    const fields = { message: ['level'] };
    const { wasm, byLine, read } = both(['{"level":"warn","msg":"x"}'], fields);
    expect(read).toBeNull();
    expect(wasm).toEqual(byLine);
    expect(JSON.parse(wasm[0])).toContainEqual(['message', 'warn']);
  });

  it('reads nothing for a parser that uses JSON.parse only, and shares one reader between parsers of the same fields', () => {
    expect(BlockLines.for(makeLineParser({}, { inPlace: false }))).toBeNull();
    expect(BlockLines.for(makeLineParser({ time: ['when'] }))).toBe(BlockLines.for(makeLineParser({ time: ['when'] })));
    expect(BlockLines.for(makeLineParser({ time: ['when'] }))).not.toBe(BlockLines.for(makeLineParser({})));
  });

  it('gives a line longer than the parser reads as JSON as plain text', () => {
    const long = `{"msg":"${'a'.repeat(300 * 1024)}","level":"error"}`;
    const { wasm, byLine } = both(['{"level":"info"}', long]);
    expect(wasm).toEqual(byLine);
    expect(JSON.parse(wasm[1])).toContainEqual(['level', 'unknown']);
  });
});
