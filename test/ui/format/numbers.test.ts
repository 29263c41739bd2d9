import { describe, expect, it } from 'vitest';
import { formatPercent, formatSecondsAgainst, overThreshold } from '../../../src/ui/format/numbers.js';

describe('formatPercent', () => {
  it.each([
    [0.05, '5.00%'],
    [0.1234, '12.3%'],
    [-0, '0.00%'],
    [-1e-17, '0.00%'],
    [-0.00004, '0.00%'],
    [Number.NaN, 'n/a'],
  ])('%s is %s', (ratio, text) => {
    expect(formatPercent(ratio)).toBe(text);
  });
});

describe('formatSecondsAgainst', () => {
  it.each([
    [0.5004, 0.5, '500.4ms'],
    [0.4996, 0.5, '499.6ms'],
    [0.50001, 0.5, '500.01ms'],
    [0.5, 0.5, '500ms'],
    [0.25, 0.5, '250ms'],
    [2.0004, 2, '2.0004s'],
    [2.5, 2, '2.50s'],
  ])('%s beside %s is %s', (s, slo, text) => {
    expect(formatSecondsAgainst(s, slo)).toBe(text);
  });
});

describe('overThreshold', () => {
  it('is over by more than rounding, never by a float artefact of the threshold itself', () => {
    expect(overThreshold(0.5000000000000001, 0.5)).toBe(false);
    expect(formatSecondsAgainst(0.5000000000000001, 0.5)).toBe('500ms');
    expect(overThreshold(0.5004, 0.5)).toBe(true);
    expect(overThreshold(0.4996, 0.5)).toBe(false);
    expect(overThreshold(2, 0)).toBe(false);
    expect(overThreshold(Number.NaN, 0.5)).toBe(false);
  });
});
