// The bucket bounds behind a p99 query are aged by the time they were read for, not by the clock: a past window
// (whose clock stands still) asks once, and moving it back or forth by a minute or more asks again; series the bounds
// do not know make it ask again at once.
import { describe, expect, it } from 'vitest';
import { BOUNDS_KEPT_S, BucketBounds } from '../../../src/sources/metrics/bucket-bounds.js';

const answer = async () => [{ labels: { le: '2.5', pod: 'a' }, value: 1 }, { labels: { le: '+Inf', pod: 'a' }, value: 2 }];

describe('BucketBounds', () => {
  it('asks once for a time that stands still, and again a minute of query time away in either direction', async () => {
    const b = new BucketBounds();
    let asked = 0;
    const ask = () => {
      asked++;
      return answer();
    };
    const at = async (inner: string, t: number) => {
      await b.refresh(inner, t, ask, () => false);
      return b.get(inner);
    };
    for (let i = 0; i < 5; i++) await at('x', 1_000);
    expect(asked).toBe(1);
    expect(await at('x', 1_000 - BOUNDS_KEPT_S + 1)).toEqual(new Map([['[["pod","a"]]', 2.5]]));
    expect(asked).toBe(1);
    await at('x', 1_000 - BOUNDS_KEPT_S);
    await at('x', 1_000 - BOUNDS_KEPT_S + 30);
    expect(asked).toBe(2);
  });

  it('keeps eight scopes, and asks again for one pushed out', async () => {
    const b = new BucketBounds();
    const asked: string[] = [];
    const at = async (inner: string) => b.refresh(inner, 0, () => (asked.push(inner), answer()), () => false);
    for (let i = 0; i < 9; i++) await at(`q${i}`);
    await at('q8');
    await at('q1');
    await at('q0');
    expect(asked).toEqual(['q0', 'q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q0']);
  });

  it('does not ask twice while an answer is on its way, and a cancelled question is asked again next time', async () => {
    const b = new BucketBounds();
    let n = 0;
    let fail: (e: Error) => void = () => undefined;
    const first = b.refresh('x', 0, () => (n++, new Promise((_, reject) => (fail = reject))), () => true);
    expect(b.refresh('x', 0, () => (n++, answer()), () => false)).toBeNull();
    fail(new Error('aborted'));
    await first;
    await b.refresh('x', 0, () => (n++, answer()), () => false);
    expect(n).toBe(2);
    expect(b.get('x')?.size).toBe(1);
  });

  it('asks again at once for series the bounds cannot tell about, once until the bounds are due', async () => {
    const b = new BucketBounds();
    let n = 0;
    const layouts = [[], [{ labels: { le: '2.5', pod: 'a' }, value: 1 }, { labels: { le: '5', pod: 'b' }, value: 1 }]];
    const ask = async () => layouts[Math.min(n++, layouts.length - 1)];
    // Read while Prometheus had no samples: the p99 answer's pod a is unknown to them.
    await b.refresh('x', 0, ask, () => false);
    expect(b.get('x')?.size).toBe(0);
    expect(b.recheck('x', 5, [], ask, () => false)).toBeNull();
    expect(b.recheck('x', 0, [{ pod: 'a' }], ask, () => false)).toBeNull();
    await b.recheck('x', 5, [{ pod: 'a' }], ask, () => false);
    expect(n).toBe(2);
    expect(b.get('x')).toEqual(new Map([['[["pod","a"]]', 2.5], ['[["pod","b"]]', 5]]));
    // Known now; a pod with no finite bucket is asked about once, not every refresh, until the bounds are due.
    expect(b.recheck('x', 10, [{ pod: 'a' }, { pod: 'b' }], ask, () => false)).toBeNull();
    expect(b.recheck('x', 10, [{ pod: 'c' }], ask, () => false)).toBeNull();
    expect(n).toBe(2);
    await b.refresh('x', 5 + BOUNDS_KEPT_S, ask, () => false);
    await b.recheck('x', 6 + BOUNDS_KEPT_S, [{ pod: 'c' }], ask, () => false);
    expect(n).toBe(4);
  });
});
