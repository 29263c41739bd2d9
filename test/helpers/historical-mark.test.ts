// The e2e tests' oracle for the historical header: the date in front only when the window is not on the day looked at,
// optional when the looking spans midnight.
import { describe, expect, it } from 'vitest';
import { historicalMark, shownEnd } from './historical-mark.js';

const s = (iso: string) => Date.parse(iso) / 1000;
const ms = (iso: string) => Date.parse(iso);

describe('historicalMark', () => {
  it('names the time alone on the same day, with seconds when they are not zero', () => {
    const mark = historicalMark(s('2026-12-06T21:12:00Z'), ms('2026-12-06T23:00:00Z'), ms('2026-12-06T23:01:00Z'));
    expect('AT 21:12Z (historical)').toMatch(mark);
    expect('AT 2026-12-06 21:12Z (historical)').not.toMatch(mark);
    expect('AT 21:12:30Z (historical)').toMatch(historicalMark(s('2026-12-06T21:12:30Z'), ms('2026-12-06T23:00:00Z'), ms('2026-12-06T23:00:00Z')));
  });
  it('needs the date on another day, and takes either when the looking spans midnight', () => {
    const next = historicalMark(s('2026-12-06T21:12:00Z'), ms('2026-12-07T00:10:00Z'), ms('2026-12-07T00:11:00Z'));
    expect('AT 2026-12-06 21:12Z (historical)').toMatch(next);
    expect('AT 21:12Z (historical)').not.toMatch(next);
    const across = historicalMark(s('2026-12-06T21:12:00Z'), ms('2026-12-06T23:59:00Z'), ms('2026-12-07T00:01:00Z'));
    expect('AT 2026-12-06 21:12Z (historical)').toMatch(across);
    expect('AT 21:12Z (historical)').toMatch(across);
  });
  it('reads the end back, on the day named or today', () => {
    expect(shownEnd('| AT 2026-12-06 21:12:05Z (historical) |')).toBe(s('2026-12-06T21:12:05Z'));
    expect(shownEnd('| AT 21:12Z (historical) |', ms('2026-12-07T03:00:00Z'))).toBe(s('2026-12-07T21:12:00Z'));
    expect(shownEnd('live')).toBeNull();
  });
});
