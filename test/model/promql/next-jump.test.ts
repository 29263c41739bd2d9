// The next jump in an error-rate series, as replay's `n` finds it.
import { describe, expect, it } from 'vitest';
import { nextJump } from '../../../src/model/promql/next-jump.js';

const series = (values: Array<number | null>, t0 = 1000, step = 10): Array<[number, number | null]> => values.map((v, i) => [t0 + i * step, v]);

describe('nextJump', () => {
  const flatThenRise = series([...Array(12).fill(0.001), 0.02, 0.08, 0.08]);

  it('finds the first point at twice the mean of the ten before and the floor above it', () => {
    expect(nextJump(flatThenRise, 1000, 0.01)).toBe(1120);
  });

  it('looks only after the given moment; a rise that goes on is one jump', () => {
    expect(nextJump(flatThenRise, 1119, 0.01)).toBe(1120);
    expect(nextJump(flatThenRise, 1120, 0.01)).toBeNull();
    const twice = series([...Array(12).fill(0.001), 0.05, ...Array(12).fill(0.001), 0.06]);
    expect(nextJump(twice, 1120, 0.01)).toBe(1250);
  });

  it('ignores rises under the floor and gaps', () => {
    expect(nextJump(series([...Array(12).fill(0.001), 0.005]), 1000, 0.01)).toBeNull();
    expect(nextJump(series([...Array(12).fill(0.001), null, 0.03]), 1000, 0.01)).toBe(1130);
  });
});
