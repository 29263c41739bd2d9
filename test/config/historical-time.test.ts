// The times of `watch --at` and `--from/--to`: every accepted form to the exact epoch ms, and the refusals.
import { describe, expect, it } from 'vitest';
import { HISTORICAL_REFRESH_MS, historicalProfile, parseWhen, resolveHistorical } from '../../src/config/historical-time.js';

const NOW = Date.parse('2026-11-22T14:32:05Z');

describe('parseWhen', () => {
  it.each([
    ['2026-11-22T02:25:00Z', '2026-11-22T02:25:00.000Z'],
    ['2026-11-22T03:25:00+01:00', '2026-11-22T02:25:00.000Z'],
    ['2026-11-22 02:25', '2026-11-22T02:25:00.000Z'],
    ['02:25', '2026-11-22T02:25:00.000Z'],
    ['02:25Z', '2026-11-22T02:25:00.000Z'],
    ['2:25:30', '2026-11-22T02:25:30.000Z'],
    ['now', '2026-11-22T14:32:05.000Z'],
    ['now-2h', '2026-11-22T12:32:05.000Z'],
    ['now-30m', '2026-11-22T14:02:05.000Z'],
    ['now - 1h30m', '2026-11-22T13:02:05.000Z'],
    ['1795314300', '2026-11-22T02:25:00.000Z'],
  ])('%s is %s', (text, expected) => {
    expect(new Date(parseWhen('--at', text, NOW)).toISOString()).toBe(expected);
  });

  it.each(['yesterday', '25:00', '02:61', 'now-2x', 'now+1h', '2026-13-45T00:00Z', ''])('refuses %j naming the flag', (text) => {
    expect(() => parseWhen('--from', text, NOW)).toThrow(/^--from: /);
  });
});

describe('resolveHistorical', () => {
  it('is live without the flags', () => {
    expect(resolveHistorical({}, NOW, 900_000)).toBeUndefined();
  });

  it('--at ends the profile window at that time', () => {
    expect(resolveHistorical({ at: '02:25' }, NOW, 900_000)).toEqual({ endMs: Date.parse('2026-11-22T02:25:00Z'), windowMs: 900_000, mode: 'at' });
  });

  it('--from/--to is that range; --to defaults to now', () => {
    expect(resolveHistorical({ from: '02:10', to: '02:40' }, NOW, 900_000)).toEqual({ endMs: Date.parse('2026-11-22T02:40:00Z'), windowMs: 1_800_000, mode: 'range' });
    expect(resolveHistorical({ from: 'now-2h' }, NOW, 900_000)).toEqual({ endMs: NOW, windowMs: 7_200_000, mode: 'range' });
  });

  it.each([
    [{ at: '15:00' }, /--at: "15:00" is in the future/],
    [{ at: '02:00', from: '01:00' }, /--at: cannot be combined/],
    [{ to: '02:00' }, /--to: needs --from/],
    [{ from: '02:40', to: '02:10' }, /--from: the window must be at least a minute long/],
    [{ from: 'now-1h', to: 'now+1h' }, /--to: "now\+1h" is not a time/],
  ])('refuses %j', (flags, message) => {
    expect(() => resolveHistorical(flags, NOW, 900_000)).toThrow(message);
  });

  it('a past window is not read again by itself', () => {
    const p = historicalProfile({ windowMs: 900_000, refreshMs: 5000, name: 'x' }, { endMs: NOW, windowMs: 1_800_000, mode: 'range' });
    expect(p).toEqual({ windowMs: 1_800_000, refreshMs: HISTORICAL_REFRESH_MS, name: 'x' });
  });
});
