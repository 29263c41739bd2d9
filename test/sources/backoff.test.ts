import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, backoffDelay, formatDelay } from '../../src/sources/backoff.js';

describe('backoffDelay', () => {
  it.each([
    [0, 1000],
    [1, 2000],
    [4, 16_000],
    [5, 30_000],
    [50, 30_000],
  ])('attempt %i waits %i ms', (attempt, want) => {
    expect(backoffDelay(attempt, DEFAULT_BACKOFF)).toBe(want);
  });
});

describe('formatDelay', () => {
  it.each([
    [20, '20ms'],
    [1000, '1s'],
    [1500, '1.5s'],
    [30_000, '30s'],
    [120_000, '2m'],
  ])('%i ms -> %s', (ms, want) => {
    expect(formatDelay(ms)).toBe(want);
  });
});
