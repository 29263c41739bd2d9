import { describe, expect, it } from 'vitest';
import { ArchiveTimeline } from '../../../src/model/logs/archive-timeline.js';
import type { LogLine } from '../../../src/model/logs/log-line.js';

const T0 = Date.parse('2026-11-22T14:00:00Z');
const line = (at: number, level: LogLine['level'], extra: Partial<LogLine> = {}): LogLine => ({ at, timed: true, level, source: 'a', message: '', raw: '', ...extra });

function build(): ArchiveTimeline {
  const tl = new ArchiveTimeline();
  // 30 minutes, one line a second; errors at 1% except a burst at 25% from minute 20 to 25.
  for (let s = 0; s < 1800; s++) {
    const burst = s >= 1200 && s < 1500;
    const error = burst ? s % 4 === 0 : s % 100 === 0;
    tl.add(line(T0 + s * 1000, error ? 'error' : 'info', { pod: `p-${s % 2}`, latency: burst && s % 2 === 0 ? 2.5 : 0.1, service: 'payments' }), 0, s * 100);
  }
  tl.add(line(0, 'info', { timed: false }), 0, 999_999);
  tl.finish();
  return tl;
}

describe('ArchiveTimeline', () => {
  it('sorts by time, counts lines without a time and gives their text position', () => {
    const tl = build();
    expect(tl.size).toBe(1801);
    expect(tl.untimed).toBe(1);
    expect(tl.span()).toEqual({ start: T0, end: T0 + 1799_000 });
    expect(tl.positionAfter(T0 + 9_999)).toBe(10);
    expect(tl.refs(0, 2)).toEqual([{ file: 0, offset: 0 }, { file: 0, offset: 100 }]);
  });

  it('gives the error ratio per step and p99 per pod at any moment', () => {
    const tl = build();
    const at = T0 + 1300_000;
    const points = tl.errorRate(at - 60_000, at, 60_000, 'payments');
    expect(points.at(-1)).toEqual([at / 1000, 0.25]);
    const bars = tl.p99ByPod(at, 60_000, 5);
    expect(bars).toEqual([{ pod: 'p-0', seconds: 2.5 }, { pod: 'p-1', seconds: expect.closeTo(0.1, 6) }]);
  });

  it('finds the next anomaly: the step where errors jump above the floor and twice the baseline', () => {
    const tl = build();
    const at = tl.nextAnomaly(T0, 60_000, 0.05);
    // Steps end at the archive's last line, so the burst's step starts within a second of minute 20.
    expect(Math.abs((at as number) - (T0 + 1200_000))).toBeLessThanOrEqual(1000);
    expect(tl.nextAnomaly(T0 + 1600_000, 60_000, 0.05)).toBeNull();
  });
});

describe('sortedOrder', () => {
  it('orders by time with ties in index order, packed or by comparator, the same as a stable sort', async () => {
    const { sortedOrder } = await import('../../../src/model/logs/archive-timeline.js');
    let seed = 3;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const T0 = Date.parse('2026-11-22T14:00:00Z');
    const cases = [
      Float64Array.from({ length: 5000 }, (_, i) => T0 + i * 10 + Math.floor(rand() * 900)),
      Float64Array.from({ length: 3000 }, () => T0 + Math.floor(rand() * 5) * 1000),
      Float64Array.from({ length: 2000 }, () => T0 + rand() * 1e6),
      Float64Array.from([T0 + 3, T0 - 86_400_000 * 400, T0 + 3, T0]),
      new Float64Array(0),
    ];
    for (const t of cases) {
      const expected = [...t.keys()].sort((a, b) => t[a] - t[b] || a - b);
      expect([...sortedOrder(t, t.length)]).toEqual(expected);
    }
  });
});
