import { describe, expect, it } from 'vitest';
import { LogBuffer } from '../../../src/model/logs/log-buffer.js';
import type { LogLevel, LogLine } from '../../../src/model/logs/log-line.js';
import { compileLogFilter } from '../../../src/model/logs/log-match.js';

const line = (at: number, message: string, level: LogLevel = 'info', extra: Partial<LogLine> = {}): LogLine =>
  ({ at, timed: true, level, source: 'a.log', message, raw: message, ...extra });
const texts = (lines: LogLine[]) => lines.map((l) => l.message);

describe('LogBuffer', () => {
  it('merges lines from several sources by time within the reorder window', () => {
    const b = new LogBuffer({ capacity: 100, reorderWindowMs: 2000 });
    b.add([line(1000, 'a1'), line(3000, 'a3')]);
    b.add([line(2000, 'b2'), line(4000, 'b4')]);
    expect(texts(b.tail(10, 0))).toEqual(['a1', 'b2', 'a3', 'b4']);
    expect(b.late).toBe(0);
  });

  it('puts a line later than the window at the end and counts it', () => {
    const b = new LogBuffer({ capacity: 100, reorderWindowMs: 2000 });
    b.add([line(10_000, 'now')]);
    b.add([line(1_000, 'very late')]);
    expect(texts(b.tail(10, 0))).toEqual(['now', 'very late']);
    expect(b.late).toBe(1);
  });

  it('drops the oldest lines beyond its capacity, counts them and the source losses', () => {
    const b = new LogBuffer({ capacity: 3, reorderWindowMs: 0 });
    for (let i = 0; i < 10; i++) b.add([line(i, `l${i}`, i % 2 ? 'error' : 'info')]);
    b.add([], 0, 5);
    expect(texts(b.tail(10, 0))).toEqual(['l7', 'l8', 'l9']);
    expect(b.dropped).toBe(7 + 5);
    expect(b.total).toBe(10);
    expect(b.size).toBe(3);
    expect(b.counts.error + b.counts.info).toBe(3);
  });

  it('stays bounded under a flood', () => {
    const b = new LogBuffer({ capacity: 1000, reorderWindowMs: 100 });
    for (let i = 0; i < 200_000; i += 100) b.add(Array.from({ length: 100 }, (_, j) => line(i + j, 'x')));
    expect(b.size).toBe(1000);
    expect(b.dropped).toBe(199_000);
  });

  it('scrolls back, filters, shows errors only, scopes to a pod and stops at a time cursor', () => {
    const b = new LogBuffer({ capacity: 100, reorderWindowMs: 0 });
    b.add([
      line(1, 'ok one'), line(2, 'timeout one', 'error', { pod: 'p-1' }), line(3, 'ok two'),
      line(4, 'timeout two', 'error', { pod: 'p-2' }), line(5, 'ok three'),
    ]);
    expect(texts(b.tail(2, 1))).toEqual(['ok two', 'timeout two']);
    const f = compileLogFilter('TIMEOUT');
    expect(f?.ok).toBe(true);
    expect(texts(b.tail(10, 0, { test: (compileLogFilter('timeout') as { test: (l: LogLine) => boolean }).test }))).toEqual(['timeout one', 'timeout two']);
    expect(texts(b.tail(10, 0, { errorsOnly: true }))).toEqual(['timeout one', 'timeout two']);
    expect(texts(b.tail(10, 0, { pod: 'p-2' }))).toEqual(['timeout two']);
    expect(texts(b.tail(10, 0, { until: 3 }))).toEqual(['ok one', 'timeout one', 'ok two']);
    expect(b.count({ errorsOnly: true })).toBe(2);
  });
});

describe('LogBuffer anchored view', () => {
  it('shows only lines that arrived before the anchor, even a late one placed among them by time', () => {
    const b = new LogBuffer({ capacity: 100, reorderWindowMs: 5000 });
    b.add([line(1000, 'a'), line(2000, 'b'), line(3000, 'c')]);
    const anchor = b.total;
    b.add([line(2500, 'late'), line(4000, 'd')]);
    expect(texts(b.tail(10, 0))).toEqual(['a', 'b', 'late', 'c', 'd']);
    expect(texts(b.tail(10, 0, { arrivedBefore: anchor }))).toEqual(['a', 'b', 'c']);
    expect(texts(b.tail(2, 1, { arrivedBefore: anchor }))).toEqual(['a', 'b']);
    expect(b.count({ arrivedBefore: anchor })).toBe(3);
  });
});

describe('compileLogFilter', () => {
  const l = line(0, 'Upstream TIMEOUT after 5s', 'error');
  const test = (text: string) => {
    const f = compileLogFilter(text);
    return f && f.ok ? f.test(l) : f;
  };
  it('matches substrings case-insensitively unless the text has a capital', () => {
    expect(test('timeout')).toBe(true);
    expect(test('Timeout')).toBe(false);
    expect(test('TIMEOUT')).toBe(true);
  });
  it('matches re: regular expressions and reports a bad one in one line', () => {
    expect(test('re:after \\d+s$')).toBe(true);
    expect(test('re:^downstream')).toBe(false);
    const bad = compileLogFilter('re:(unclosed');
    expect(bad).toMatchObject({ ok: false });
    expect((bad as { error: string }).error).toMatch(/^bad regular expression: /);
    expect(compileLogFilter('  ')).toBeNull();
  });
});

describe('service scope', () => {
  it('hides lines naming another service and keeps lines naming none', () => {
    const b = new LogBuffer({ capacity: 10, reorderWindowMs: 0 });
    b.add([line(1, 'mine', 'info', { service: 'payments-api' }), line(2, 'other', 'info', { service: 'checkout' }), line(3, 'unnamed')]);
    expect(texts(b.tail(10, 0, { service: 'payments' }))).toEqual(['mine', 'unnamed']);
  });
});
