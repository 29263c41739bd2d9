// The header's mark of a past window, and the header line that carries it instead of the refresh.
import { describe, expect, it } from 'vitest';
import { historicalLabel } from '../../../src/ui/format/historical-label.js';
import { headerLines } from '../../../src/ui/format/header-lines.js';

const TODAY = Date.parse('2026-11-22T14:32:05Z');
const text = (segments: Array<{ text: string }>) => segments.map((s) => s.text).join('');

describe('historicalLabel', () => {
  it.each([
    ['2026-11-22T02:25:00Z', 'AT 02:25Z (historical)'],
    ['2026-11-22T02:25:30Z', 'AT 02:25:30Z (historical)'],
    ['2026-11-21T23:50:00Z', 'AT 2026-11-21 23:50Z (historical)'],
  ])('%s is %s', (at, label) => {
    expect(historicalLabel(Date.parse(at), TODAY)).toBe(label);
  });

  it('stands in the header title in place of the refresh', () => {
    const base = { service: 'payments', profile: 'default', windowMs: 900_000, refreshMs: 5000, ttfgMs: 120, sources: [], now: TODAY, paused: false, rows: 2 };
    expect(text(headerLines(base)[0])).toBe('incident payments | profile default | window 15m | refresh 5s | TTFG 120ms');
    expect(text(headerLines({ ...base, historical: 'AT 02:25Z (historical)' })[0])).toBe('incident payments | AT 02:25Z (historical) | profile default | window 15m | TTFG 120ms');
  });
});
