// A p99 that is only a floor: the quantile query's inner expression split out, the highest finite bucket of each
// series, and a value at that bound read as "at least".
import { describe, expect, it } from 'vitest';
import { histogramQuantile } from '../../../src/model/promql/histogram-quantile.js';
import { isAtLeast, pastHighestBucket, splitQuantileQuery, topFiniteBounds } from '../../../src/model/promql/quantile-query.js';

describe('splitQuantileQuery', () => {
  it.each([
    ['histogram_quantile(0.99, sum by (le, pod) (rate(x_bucket{service="a"}[1m])))', 0.99, 'sum by (le, pod) (rate(x_bucket{service="a"}[1m]))'],
    ['  histogram_quantile ( .5 ,rate(x_bucket[5m]) ) ', 0.5, 'rate(x_bucket[5m])'],
    ['histogram_quantile(1, x_bucket)', 1, 'x_bucket'],
    // A comma and parentheses inside a matcher's regular expression, and an escaped quote, are part of the string.
    ['histogram_quantile(0.9, sum by (le) (rate(x_bucket{path=~"/(a|b),c\\")"}[1m])))', 0.9, 'sum by (le) (rate(x_bucket{path=~"/(a|b),c\\")"}[1m]))'],
    ["histogram_quantile(0.9, rate(x_bucket{path=~'(,'}[1m]))", 0.9, "rate(x_bucket{path=~'(,'}[1m])"],
    // A backquoted string has no escapes: its backslash is the whole string.
    ['histogram_quantile(0.9, rate(x_bucket{path=~`\\`}[1m]))', 0.9, 'rate(x_bucket{path=~`\\`}[1m])'],
    ['histogram_quantile(0.9, sum by (le) (rate(x_bucket[5m:1m] offset 1h @ end())))', 0.9, 'sum by (le) (rate(x_bucket[5m:1m] offset 1h @ end()))'],
    ['histogram_quantile(\n  0.99,\n  sum by (le) (rate(x_bucket[1m]))\n)\n', 0.99, 'sum by (le) (rate(x_bucket[1m]))'],
  ])('splits %s', (query, q, inner) => {
    expect(splitQuantileQuery(query)).toEqual({ q, inner });
  });

  it.each([
    'sum(rate(x_total[1m]))',
    'histogram_quantile(0.99, rate(x_bucket[1m])) * 1000',
    'max(histogram_quantile(0.99, rate(x_bucket[1m])))',
    'histogram_quantile(0.99, rate(x_bucket[1m])) > 0.5',
    'histogram_quantile(scalar(q), rate(x_bucket[1m]))',
    'histogram_quantile(1.5, rate(x_bucket[1m]))',
    'histogram_quantile(0.99)',
    'histogram_quantile(0.99, )',
    'histogram_quantile(0.99, rate(x_bucket{a="unclosed}[1m]))',
    'histogram_quantile(0.99, rate(x_bucket[1m])',
    'histogram_quantile(0.99, rate(x_bucket[1m])) # a comment',
    // A comment inside the call could hide a parenthesis or a comma: not read.
    'histogram_quantile(0.99, # the slow tail\n rate(x_bucket[1m]))',
  ])('leaves %s alone', (query) => {
    expect(splitQuantileQuery(query)).toBeNull();
  });
});

/** Cumulative bucket answers for one pod: `le` strings as Prometheus sends them. */
const buckets = (pod: string, counts: Array<[string, number]>) => counts.map(([le, value]) => ({ labels: { le, pod }, value }));

describe('pastHighestBucket', () => {
  const b = (pairs: Array<[number, number]>) => pairs.map(([le, count]) => ({ le, count }));
  it.each([
    ['2% past the top bound', b([[0.5, 50], [2.5, 98], [Infinity, 100]]), 0.99, true],
    ['exactly 1% past it: the quantile is the bound itself', b([[0.5, 50], [2.5, 99], [Infinity, 100]]), 0.99, false],
    ['0.5% past it', b([[0.5, 50], [2.5, 99.5], [Infinity, 100]]), 0.99, false],
    ['q = 1 answers the highest non-empty bucket, whatever the tail', b([[0.5, 50], [2.5, 99], [Infinity, 100]]), 1, false],
    ['no observations', b([[0.5, 0], [2.5, 0], [Infinity, 0]]), 0.99, false],
    ['no +Inf bucket', b([[0.5, 50], [2.5, 98]]), 0.99, false],
    ['only the +Inf bucket', b([[Infinity, 100]]), 0.99, false],
  ])('%s', (_name, buckets, q, want) => {
    expect(pastHighestBucket(q, buckets)).toBe(want);
  });
});

describe('a p99 at the highest finite bucket', () => {
  // hot: 2% of requests past 2.5 s, so its p99 is in the +Inf bucket; calm: all under 1 s.
  const hot = buckets('hot', [['0.1', 50], ['0.5', 80], ['1', 90], ['2.5', 98], ['+Inf', 100]]);
  const calm = buckets('calm', [['0.1', 90], ['0.5', 99], ['1', 100], ['2.5', 100], ['+Inf', 100]]);
  const quantile = (items: typeof hot) => histogramQuantile(0.99, items.map((b) => ({ le: Number(b.labels.le.replace('+Inf', 'Infinity')), count: b.value })));

  it('takes the highest finite bound of each series, without le and the metric name', () => {
    const named = [...hot, ...calm].map((b) => ({ labels: { __name__: 'x_bucket', ...b.labels } }));
    expect(topFiniteBounds(named)).toEqual(new Map([['[["pod","hot"]]', 2.5], ['[["pod","calm"]]', 2.5]]));
    expect(topFiniteBounds([{ labels: { le: '+Inf' } }, { labels: { pod: 'a' } }, { labels: { le: 'NaN' } }])).toEqual(new Map());
  });

  it('marks the value that is that bound, and only it', () => {
    const bounds = topFiniteBounds([...hot, ...calm]);
    expect(quantile(hot)).toBe(2.5);
    expect(isAtLeast(quantile(hot), { pod: 'hot' }, bounds)).toBe(true);
    expect(quantile(calm)).toBeCloseTo(0.5, 9);
    expect(isAtLeast(quantile(calm), { pod: 'calm' }, bounds)).toBe(false);
    expect(isAtLeast(2.4999, { pod: 'hot' }, bounds)).toBe(false);
    expect(isAtLeast(Number.NaN, { pod: 'hot' }, bounds)).toBe(false);
  });

  it('reads a series it has no bounds for by the one layout every known series shares, and not when they differ', () => {
    const shared = topFiniteBounds(hot);
    expect(isAtLeast(2.5, { pod: 'new' }, shared)).toBe(true);
    const mixed = topFiniteBounds([...hot, ...buckets('other', [['10', 1], ['+Inf', 1]])]);
    expect(isAtLeast(2.5, { pod: 'new' }, mixed)).toBe(false);
    expect(isAtLeast(10, { pod: 'other' }, mixed)).toBe(true);
    expect(isAtLeast(2.5, { pod: 'x' }, new Map())).toBe(false);
  });
});
