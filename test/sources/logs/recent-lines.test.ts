import { describe, expect, it } from 'vitest';
import { RecentLines } from '../../../src/sources/logs/recent-lines.js';

describe('RecentLines', () => {
  it('forgets the oldest line beyond its capacity', () => {
    const r = new RecentLines(2);
    r.add('a');
    r.add('b');
    r.add('c');
    expect([r.has('a'), r.has('b'), r.has('c')]).toEqual([false, true, true]);
  });

  it('tells long lines apart by their ends and length', () => {
    const r = new RecentLines(4);
    const long = 'x'.repeat(10_000);
    r.add(long);
    expect(r.has(long)).toBe(true);
    expect(r.has(`${long}y`)).toBe(false);
  });
});
