// Plain JSON lines are counted inside WebAssembly (json-count.wat, `run`) without a call per line; every total must
// be what counting them line by line gives, Maps in the same order: on crafted edges (levels from the status, latencies
// written every way, untimed and error lines between plain ones), past the module's tables (more services and level
// values than it numbers, more minute buckets than it holds), across a piece that grows its memory, and not at all
// when --from or --to bound the lines.
import { describe, expect, it, vi } from 'vitest';
import { SummaryAccumulator, type TimeBounds } from '../../src/model/summary/summary-accumulator.js';
import { fieldCandidates } from '../../src/model/summary/summary-fields.js';
import { KeyTable } from '../../src/model/summary/summary-line-fields.js';
import { ByteLineScanner } from '../../src/model/summary/summary-scan-bytes.js';
import { SummaryScanner } from '../../src/model/summary/summary-scan.js';
import { oddArchive } from '../helpers/odd-archive.js';

type Way = 'fast' | 'per-line' | 'javascript';

/** Everything an accumulator holds, in its own order (Maps in insertion order, samples in the order added). */
function dump(acc: SummaryAccumulator): string {
  return JSON.stringify({
    lines: acc.lines, untimed: acc.untimed, outside: acc.outside, malformed: acc.malformedJson, firstAt: acc.firstAt, lastAt: acc.lastAt,
    levels: acc.levels,
    services: [...acc.services].map(([name, s]) => [name, s.lines, s.errors,
      // A minute's samples are only ever ranked (its p99): their order is not part of the totals.
      [...s.minutes].map(([m, b]) => [m, b.lines, b.errors, Array.from(b.latencies.data.subarray(0, b.latencies.length)).sort((x, y) => x - y)])]),
    errors: [...acc.errorMessages], pods: [...acc.podErrors], deploys: acc.deploys,
  });
}

/** Scans `text` in pieces of `piece` lines one way; returns the accumulator and how many lines were added one by one. */
function scan(text: string, way: Way, piece = 500, bounds: TimeBounds = {}) {
  const acc = new SummaryAccumulator(bounds);
  const fields = fieldCandidates({});
  const lineByLine = vi.spyOn(acc, 'addLine');
  const textScanner = new SummaryScanner(acc, { fields, deployPattern: null });
  const scanner = new ByteLineScanner(acc, new KeyTable(fields), (line) => textScanner.scan(line), way !== 'javascript', way === 'fast');
  const lines = text.split('\n').filter(Boolean).map((l) => `${l}\n`);
  let counted = 0;
  for (let i = 0; i < lines.length; i += piece) {
    const b = Buffer.from(lines.slice(i, i + piece).join(''));
    counted += scanner.scan(b, 0, b.length);
  }
  expect(counted).toBe(lines.length);
  return { acc, oneByOne: lineByLine.mock.calls.length };
}

/** The three ways agree on `text`; returns the fast way's lines added one by one. */
function agree(text: string, piece?: number, bounds?: TimeBounds): number {
  const fast = scan(text, 'fast', piece, bounds);
  const perLine = scan(text, 'per-line', piece, bounds);
  const js = scan(text, 'javascript', piece, bounds);
  expect(dump(fast.acc)).toBe(dump(js.acc));
  expect(dump(perLine.acc)).toBe(dump(js.acc));
  return fast.oneByOne;
}

const T0 = Date.parse('2026-11-22T14:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

describe('counting plain lines in the WebAssembly scanner', () => {
  it('counts plain lines there, and only error, untimed and unusual lines one by one', () => {
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const at = iso(T0 + i * 97);
      if (i % 100 === 7) lines.push(`{"ts":"${at}","level":"error","service":"pay","pod":"pay-1","msg":"timeout ${i}","latency_ms":${i}}`);
      else if (i % 100 === 8) lines.push(`{"level":"info","service":"pay","msg":"no time"}`);
      else if (i % 100 === 9) lines.push(`{"ts":"${at}","level":"info","service":"pay","latency":"12ms"}`);
      else lines.push(`{"ts":"${at}","level":"${['info', 'warn', 'debug', 'INFO'][i % 4]}","service":"${['pay', 'search'][i % 2]}","latency_ms":${(i % 50) + 0.5}}`);
    }
    // 90 lines of the three kinds above go one by one; the other 2910 never leave the module.
    expect(agree(lines.join('\n'))).toBe(90);
  });

  it('takes an unknown level from a plain status, and leaves a server error and anything unusual to be counted one by one', () => {
    const lines = [
      '{"ts":"T","status":200}', '{"ts":"T","status":404,"service":"a"}', '{"ts":"T","status":"302"}', '{"ts":"T","status":503}',
      '{"ts":"T","status":499.5}', '{"ts":"T","status":-1}', '{"ts":"T","status":"abc"}', '{"ts":"T","status":""}',
      '{"ts":"T","status":1234567890123456}', '{"ts":"T","level":"notice","status":404}', '{"ts":"T","level":"notice"}',
      '{"ts":"T"}', '{"ts":"T","level":"FATAL"}', '{"ts":"T","level":"warning","status":500}', '{"ts":"T","level":"nope","status":500}', '{"ts":"T","level":null,"status":201}',
    ];
    const text = Array.from({ length: 40 }, (_, i) => lines.map((l) => l.replace('"T"', `"${iso(T0 + i * 1000)}"`)).join('\n')).join('\n');
    // Of each round of 16: a 503, 499.5, -1, "abc", "", a 16-digit status, FATAL and an unknown level with a 500 go
    // one by one (a warning with a 500 is a warning).
    expect(agree(text)).toBe(40 * 8);
  });

  it('reads latencies as the line-by-line count does, in every unit and form', () => {
    const values = ['12', '12.5', '.5', '5.', '0', '0.0001', '123456789012345', '1234567890123456', '-3', '"7"', '1e3', '', 'null', '12.3.4', '.'];
    const keys = ['latency_ms', 'duration', 'latency_s', 'elapsed_us', 'response_time'];
    const lines: string[] = [];
    values.forEach((v, i) => keys.forEach((k, j) => lines.push(`{"ts":"${iso(T0 + (i * keys.length + j) * 10)}","level":"info","service":"s","${k}":${v === '' ? '""' : v}}`)));
    agree(lines.join('\n'), 7);
  });

  it('agrees past its tables: 80 services, 70 level values and 4,500 minute buckets', () => {
    const lines: string[] = [];
    for (let i = 0; i < 9000; i++) {
      const minute = Math.floor(i / 2);
      lines.push(`{"ts":"${iso(T0 + minute * 60_000 + (i % 2) * 5)}","level":"${i % 97 === 0 ? `lvl${i % 70}` : 'info'}","service":"svc${i % 3 === 0 ? i % 80 : i % 3}","latency_ms":${i % 300}}`);
    }
    agree(lines.join('\n'), 1000);
  });

  it('agrees on the odd archive, and across a line long enough to grow the module\'s memory', () => {
    const odd = oddArchive(6000, 37, 300).toString('latin1');
    agree(odd, 400);
    const plain = Array.from({ length: 800 }, (_, i) => `{"ts":"${iso(T0 + i * 50)}","level":"info","service":"s${i % 5}","latency_ms":${i}}`);
    const long = `{"ts":"${iso(T0 + 40_000)}","level":"info","service":"s1","msg":"${'x'.repeat(300_000)}"}`;
    const oneByOne = agree([...plain.slice(0, 400), long, ...plain.slice(400)].join('\n'), 100);
    // The long line's piece is scanned as the others are: nothing but the long line itself needs a second look.
    expect(oneByOne).toBe(0);
  });

  it('counts every line one by one when --from or --to bound the lines (the bounds are checked line by line)', () => {
    const lines = Array.from({ length: 300 }, (_, i) => `{"ts":"${iso(T0 + i * 1000)}","level":"info","service":"s","latency_ms":${i}}`);
    const oneByOne = agree(lines.join('\n'), 100, { from: T0 + 100_000, to: T0 + 200_000 });
    expect(oneByOne).toBe(100);
  });
});
