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

  it('counts the lines naming another service only while none names the one in scope', () => {
    const b = new LogBuffer({ capacity: 100, reorderWindowMs: 0 });
    b.add([line(1, 'a', 'info', { service: 'payments' }), line(2, 'b', 'info', { service: 'search' }), line(3, 'not json')]);
    expect(b.namingOthers('paymnts')).toBe(2);
    expect(b.namingOthers('PAYMENTS')).toBe(0);
    expect(b.namingOthers('search')).toBe(0);
    // A line that names none is not counted either way.
    expect(new LogBuffer({ capacity: 10, reorderWindowMs: 0 }).namingOthers('payments')).toBe(0);
  });
});

describe('LogBuffer slots', () => {
  /** The buffer as a plain sorted list: what every slot reuse and in-place move must keep agreeing with. */
  class Model {
    held: Array<{ line: LogLine; arrival: number }> = [];
    late = 0;
    dropped = 0;
    total = 0;
    constructor(readonly capacity: number, readonly window: number) {}
    add(lines: LogLine[]): void {
      for (const l of lines) {
        const e = { line: l, arrival: this.total++ };
        const last = this.held[this.held.length - 1];
        if (!last || l.at >= last.line.at) this.held.push(e);
        else if (last.line.at - l.at > this.window) {
          this.late++;
          this.held.push(e);
        } else this.held.splice(this.held.findIndex((h) => h.line.at > l.at), 0, e);
      }
      const over = this.held.length - this.capacity;
      if (over > 0) {
        this.held.splice(0, over);
        this.dropped += over;
      }
    }
  }

  it('agrees with a plain sorted list over 3,000 random batches: lines out of order, trimming and moves', () => {
    let seed = 11;
    const rand = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    for (const [capacity, window] of [[7, 50], [64, 500], [500, 20]]) {
      const b = new LogBuffer({ capacity, reorderWindowMs: window });
      const m = new Model(capacity, window);
      let clock = 0;
      for (let k = 0; k < 1000; k++) {
        const batch = Array.from({ length: rand(40) }, (_, i) => {
          clock += rand(10);
          // Within the window or not: a late line (placed at the end) leaves the held lines out of time order, which
          // the searches by halving do not expect; the tests above place those.
          const at = rand(10) < 3 ? Math.max(0, clock - rand(Math.min(60, window))) : clock;
          return line(at, `${k}.${i}`, (['info', 'error', 'warn', 'debug'] as const)[rand(4)], { pod: `p-${rand(3)}` });
        });
        b.add(batch);
        m.add(batch);
        expect(texts(b.tail(capacity, 0))).toEqual(m.held.map((h) => h.line.message));
        expect([b.size, b.late, b.dropped, b.total]).toEqual([m.held.length, m.late, m.dropped, m.total]);
        const errors = m.held.filter((h) => h.line.level === 'error').length;
        expect([b.counts.error, b.count({ errorsOnly: true })]).toEqual([errors, errors]);
        const before = m.total - rand(80);
        expect(texts(b.tail(capacity, 0, { arrivedBefore: before }))).toEqual(m.held.filter((h) => h.arrival < before).map((h) => h.line.message));
        const until = clock - rand(300);
        expect(texts(b.tail(capacity, 0, { until, pod: 'p-1' }))).toEqual(m.held.filter((h) => h.line.at <= until && h.line.pod === 'p-1').map((h) => h.line.message));
      }
    }
  });

  it('holds no line once it has left: what a line reads from is not kept alive by the buffer', () => {
    const b = new LogBuffer({ capacity: 100, reorderWindowMs: 0 });
    const sent: LogLine[] = [];
    for (let i = 0; i < 1000; i++) {
      const batch = Array.from({ length: 7 }, (_, j) => line(i * 7 + j, `l${i * 7 + j}`));
      sent.push(...batch);
      b.add(batch);
      const slots = (b as unknown as { lines: Array<LogLine | undefined> }).lines;
      const kept = new Set(slots.filter((l) => l !== undefined));
      expect(kept).toEqual(new Set(sent.slice(-100)));
      // No new arrays once full: the slots never outgrow twice the capacity and a batch.
      expect(slots.length).toBeLessThanOrEqual(2 * 100 + 7);
    }
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
