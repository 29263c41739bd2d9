// The step factor under slow and fast answers: doubling above a third of the refresh, halving below a sixth, the caps.
import { describe, expect, it } from 'vitest';
import { FetchError } from '../../../src/sources/http-get.js';
import { PromApiError } from '../../../src/sources/metrics/prometheus-api.js';
import { isSlowFailure, StepGovernor } from '../../../src/sources/metrics/step-governor.js';

describe('StepGovernor', () => {
  it.each([
    ['fast stays fine', [100, 100], [1, 1]],
    ['exactly a third is not slow', [2000], [1]],
    ['over a third doubles, up to 8', [2001, 2500, 9000, 9000, 9000], [2, 4, 8, 8, 8]],
    ['between a sixth and a third holds', [2500, 1500, 1001, 1999], [2, 2, 2, 2]],
    ['under a sixth halves, down to 1', [2500, 2500, 999, 500, 10, 10], [2, 4, 2, 1, 1, 1]],
    ['a timeout counts as slow', [Number.POSITIVE_INFINITY, 1500, 300], [2, 2, 1]],
  ])('%s (refresh 6 s)', (_name, latencies, factors) => {
    const g = new StepGovernor();
    expect(latencies.map((ms) => (g.note(ms, 6000), g.factor))).toEqual(factors);
  });

  it('multiplies the chart step but keeps at least ten points over the window', () => {
    const g = new StepGovernor();
    for (let i = 0; i < 3; i++) g.note(5000, 6000);
    expect(g.factor).toBe(8);
    expect(g.stepMs(8000, 900_000)).toBe(64_000);
    // 15 min at 30 s: 8x would be 4 min (under four points); 2x (60 s, 15 points) is the most that keeps ten.
    expect(g.stepMs(30_000, 900_000)).toBe(60_000);
    expect(g.stepMs(100_000, 900_000)).toBe(100_000);
  });
});

describe('isSlowFailure', () => {
  it.each([
    [new FetchError('INC_TIMEOUT', 'timed out after 10000 ms (http://p)'), true],
    [new FetchError('INC_CONNECT_REFUSED', 'connection refused (http://p)'), false],
    [new PromApiError('timeout', 'query timed out in expression evaluation'), true],
    [new PromApiError('execution', 'query processing would load too many samples into memory in query execution'), true],
    [new PromApiError('bad_data', 'parse error'), false],
    [new Error('anything'), false],
  ])('%s -> %s', (err, slow) => {
    expect(isSlowFailure(err)).toBe(slow);
  });
});
