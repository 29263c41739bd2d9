import { describe, expect, it } from 'vitest';
import { SampleRing, SeriesRing, seriesKey } from '../../../src/model/promql/sample-ring.js';

describe('SampleRing', () => {
  it('keeps samples in time order and overwrites the oldest when full', () => {
    const ring = new SampleRing(3);
    for (const [t, v] of [[1, 10], [2, 20], [3, 30], [4, 40], [5, 50]]) ring.push(t, v);
    expect(ring.size).toBe(3);
    expect(ring.toArray()).toEqual([{ t: 3, v: 30 }, { t: 4, v: 40 }, { t: 5, v: 50 }]);
    expect(ring.at(0)).toEqual({ t: 3, v: 30 });
    expect(ring.at(3)).toBeUndefined();
    expect(ring.last()).toEqual({ t: 5, v: 50 });
  });

  const refused: Array<[string, number]> = [['an older sample', 4], ['a sample at the same time', 5], ['a NaN time', NaN], ['an infinite time', Infinity]];
  for (const [name, t] of refused) {
    it(`refuses ${name}`, () => {
      const ring = new SampleRing(4);
      ring.push(5, 1);
      expect(ring.push(t, 2)).toBe(false);
      expect(ring.toArray()).toEqual([{ t: 5, v: 1 }]);
    });
  }

  it('keeps NaN values (a target may expose them)', () => {
    const ring = new SampleRing(2);
    ring.push(1, NaN);
    expect(ring.last()?.v).toBeNaN();
  });

  const ranges: Array<[start: number, end: number, times: number[]]> = [
    [0, 100, [10, 20, 30, 40]],
    [10, 30, [20, 30]],
    [9, 30, [10, 20, 30]],
    [40, 100, []],
    [-5, 5, []],
    [15, 15, []],
  ];
  for (const [start, end, times] of ranges) {
    it(`range (${start}, ${end}] is left-open, right-closed`, () => {
      const ring = new SampleRing(8);
      for (const t of [10, 20, 30, 40]) ring.push(t, t / 10);
      expect(ring.range(start, end).map((s) => s.t)).toEqual(times);
    });
  }

  it('finds ranges after wrapping around', () => {
    const ring = new SampleRing(4);
    for (let t = 1; t <= 10; t++) ring.push(t * 10, t);
    expect(ring.range(65, 95).map((s) => s.t)).toEqual([70, 80, 90]);
    ring.clear();
    expect(ring.size).toBe(0);
    expect(ring.range(0, 1000)).toEqual([]);
  });

  it('has room for at least one sample', () => {
    const ring = new SampleRing(0);
    ring.push(1, 1);
    ring.push(2, 2);
    expect(ring.toArray()).toEqual([{ t: 2, v: 2 }]);
  });
});

describe('seriesKey', () => {
  const cases: Array<[name: string, labels: Record<string, string>, key: string]> = [
    ['up', {}, 'up'],
    ['http_requests_total', { method: 'GET', code: '200' }, 'http_requests_total{code="200",method="GET"}'],
    ['m', { a: 'quote " backslash \\ newline \n' }, 'm{a="quote \\" backslash \\\\ newline \\n"}'],
  ];
  for (const [name, labels, key] of cases) {
    it(`${JSON.stringify(labels)} -> ${key}`, () => {
      expect(seriesKey(name, labels)).toBe(key);
    });
  }

  it('is the same whatever the label order', () => {
    expect(seriesKey('m', { b: '2', a: '1' })).toBe(seriesKey('m', { a: '1', b: '2' }));
  });

  it('tells apart values that only differ by escaping', () => {
    expect(seriesKey('m', { a: 'x",b="y' })).not.toBe(seriesKey('m', { a: 'x', b: 'y' }));
  });
});

describe('SeriesRing', () => {
  it('keeps one ring per series and finds them by name', () => {
    const store = new SeriesRing(10, 100);
    store.push('req_total', { pod: 'a' }, 1000, 1);
    store.push('req_total', { pod: 'a' }, 2000, 3);
    store.push('req_total', { pod: 'b' }, 1000, 7);
    store.push('other', {}, 1000, 1);
    expect(store.size).toBe(3);
    expect(store.get('req_total', { pod: 'a' })?.ring.toArray()).toEqual([{ t: 1000, v: 1 }, { t: 2000, v: 3 }]);
    expect(store.byName('req_total').map((s) => s.labels.pod).sort()).toEqual(['a', 'b']);
    expect(store.get('req_total', { pod: 'c' })).toBeUndefined();
  });

  it('copies the labels it is given', () => {
    const store = new SeriesRing(10, 100);
    const labels = { pod: 'a' };
    store.push('m', labels, 1, 1);
    labels.pod = 'changed';
    expect(store.byName('m')[0].labels).toEqual({ pod: 'a' });
  });

  it('evicts the stalest series beyond maxSeries', () => {
    const store = new SeriesRing(10, 2);
    store.push('m', { pod: 'old' }, 1000, 1);
    store.push('m', { pod: 'fresh' }, 5000, 1);
    store.push('m', { pod: 'new' }, 6000, 1);
    expect(store.size).toBe(2);
    expect(store.evicted).toBe(1);
    expect(store.byName('m').map((s) => s.labels.pod).sort()).toEqual(['fresh', 'new']);
  });

  it('prunes series not updated since a cutoff', () => {
    const store = new SeriesRing(10, 10);
    store.push('m', { pod: 'gone' }, 1000, 1);
    store.push('m', { pod: 'live' }, 61_000, 1);
    expect(store.prune(60_000)).toBe(1);
    expect([...store.all()].map((s) => s.labels.pod)).toEqual(['live']);
  });
});
