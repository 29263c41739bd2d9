// The bucket bounds behind a p99 query are aged by the time they were read for, not by the clock: a past window
// (whose clock stands still) asks once, and moving it back or forth by a minute or more asks again.
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
});
