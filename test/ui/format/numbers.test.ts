import { describe, expect, it } from 'vitest';
import { formatPercent } from '../../../src/ui/format/numbers.js';

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
