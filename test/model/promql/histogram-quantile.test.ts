// histogram_quantile() against answers recorded from a real Prometheus (test/fixtures/promql/histogram-quantile.json,
// made by `node scripts/record-promql-fixtures.mjs`), plus hand-worked edge cases.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bucketsFromLe, histogramQuantile, type Bucket } from '../../../src/model/promql/histogram-quantile.js';
import { rate } from '../../../src/model/promql/rate.js';
import { sumBy } from '../../../src/model/promql/sum-by.js';

interface RatedCase {
  name: string;
  series: Array<{ labels: Record<string, string>; samples: Array<[number, number]> }>;
  queries: Array<{ atMs: number; rangeMs: number; sumByLe: Array<{ le: string; value: string }>; quantiles: Array<{ q: number; value: string | null }> }>;
}
interface FixedCase {
  name: string;
  buckets: Array<{ le: string; count: number }>;
  quantiles: Array<{ q: string; value: string | null }>;
}
const fixture = JSON.parse(readFileSync(new URL('../../fixtures/promql/histogram-quantile.json', import.meta.url), 'utf8')) as {
  recordedWith: string;
  rated: RatedCase[];
  fixed: FixedCase[];
};

function promNumber(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

/** Equal within 1e-9 relative (exactly for zero, infinities and NaN). */
function expectClose(actual: number, expected: number): void {
  if (!Number.isFinite(expected) || !Number.isFinite(actual)) {
    expect(actual).toBe(expected);
    return;
  }
  const scale = Math.max(Math.abs(expected), Math.abs(actual));
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(scale * 1e-9);
}

describe(`histogram_quantile(q, sum by (le) (rate(...))) matches ${fixture.recordedWith}`, () => {
  for (const c of fixture.rated) {
    c.queries.forEach((query, i) => {
      const rates = c.series.map((s) => ({
        labels: s.labels,
        value: rate(s.samples.map(([t, v]) => ({ t, v })), query.atMs - query.rangeMs, query.atMs, { includeRangeStart: true, zeroClampBeforeThreshold: true }) ?? NaN,
      }));
      const summed = sumBy(rates, ['le']);

      it(`${c.name} #${i}: sum by (le) of the rates`, () => {
        expect(summed.map((s) => s.labels.le).sort()).toEqual(query.sumByLe.map((s) => s.le).sort());
        for (const want of query.sumByLe) expectClose(summed.find((s) => s.labels.le === want.le)?.value ?? NaN, promNumber(want.value));
      });
      for (const { q, value } of query.quantiles) {
        it(`${c.name} #${i}: q=${q}`, () => {
          expect(value).not.toBeNull();
          expectClose(histogramQuantile(q, bucketsFromLe(summed)), promNumber(value ?? 'NaN'));
        });
      }
    });
  }
});

describe(`histogram_quantile(q, buckets) over fixed buckets matches ${fixture.recordedWith}`, () => {
  for (const c of fixture.fixed) {
    const buckets = bucketsFromLe(c.buckets.map((b) => ({ labels: { le: b.le }, value: b.count })));
    for (const { q, value } of c.quantiles) {
      it(`${c.name}: q=${q}`, () => {
        expect(value).not.toBeNull();
        expectClose(histogramQuantile(promNumber(q), buckets), promNumber(value ?? 'NaN'));
      });
    }
  }
});

describe('histogramQuantile: hand-worked rules', () => {
  const b = (...pairs: Array<[number, number]>): Bucket[] => pairs.map(([le, count]) => ({ le, count }));
  const cases: Array<{ name: string; q: number; buckets: Bucket[]; want: number }> = [
    { name: 'no buckets', q: 0.5, buckets: [], want: NaN },
    { name: 'NaN q', q: NaN, buckets: b([1, 1], [Infinity, 2]), want: NaN },
    { name: 'q below 0', q: -0.1, buckets: [], want: -Infinity },
    { name: 'q above 1', q: 1.1, buckets: [], want: Infinity },
    { name: 'interpolation inside a bucket', q: 0.5, buckets: b([1, 2], [3, 6], [Infinity, 8]), want: 1 + 2 * ((4 - 2) / 4) },
    { name: 'first bucket starts at 0', q: 0.25, buckets: b([4, 4], [Infinity, 8]), want: 2 },
    { name: 'answer in the +Inf bucket is the next bound down', q: 0.99, buckets: b([1, 1], [2, 2], [Infinity, 100]), want: 2 },
    { name: 'unsorted input is sorted', q: 0.5, buckets: b([Infinity, 8], [3, 6], [1, 2]), want: 2 },
    { name: 'equal bounds are merged', q: 0.5, buckets: b([1, 1], [1, 1], [3, 6], [Infinity, 8]), want: 1 + 2 * ((4 - 2) / 4) },
    // Counts 4, 1, 8: the 1 becomes 4, so rank 4 is reached in the first bucket: 0 + 1 * 4/4.
    { name: 'a decrease is lifted to the envelope', q: 0.5, buckets: b([1, 4], [2, 1], [3, 8], [Infinity, 8]), want: 1 },
    // 5 * (1 + 1e-13) after 5 is float noise and counts as 5. Rank 5.0000000000002 then lies in (2, 3]:
    // 2 + 1 * (2e-13 / 5), not in (1, 2] as the raw counts would say (which gives 1.4).
    { name: 'float noise upwards between neighbours is ignored', q: 0.50000000000002, buckets: b([1, 5], [2, 5 * (1 + 1e-13)], [3, 10], [Infinity, 10]), want: 2 },
    // A real difference (1e-6 relative) is kept: rank 5.0000000000002 lands in (1, 2].
    { name: 'a real difference between neighbours is kept', q: 0.50000000000002, buckets: b([1, 5], [2, 5.000005], [3, 10], [Infinity, 10]), want: 1 + (5.0000000000002 - 5) / 0.000005 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = histogramQuantile(c.q, c.buckets);
      if (Number.isNaN(c.want)) expect(got).toBeNaN();
      else expectClose(got, c.want);
    });
  }

  it('does not change the buckets it is given', () => {
    const buckets = b([2, 1], [1, 4], [Infinity, 8]);
    histogramQuantile(0.5, buckets);
    expect(buckets).toEqual(b([2, 1], [1, 4], [Infinity, 8]));
  });

  it('bucketsFromLe skips values whose le does not parse, as Prometheus does', () => {
    const got = bucketsFromLe([
      { labels: { le: '0.5' }, value: 1 },
      { labels: { le: '+Inf' }, value: 3 },
      { labels: { le: 'fast' }, value: 9 },
      { labels: {}, value: 9 },
    ]);
    expect(got).toEqual(b([0.5, 1], [Infinity, 3]));
  });
});
