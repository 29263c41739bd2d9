// The time axis under the error-rate chart: markers keep their columns, the "now" label stays at the right end and
// is never covered (it shortens, or steps aside entirely, instead).
import { describe, expect, it } from 'vitest';
import { errorRateLines } from '../../../src/ui/format/error-rate-lines.js';
import { asciiGlyphs } from '../../../src/ui/format/glyphs.js';
import { plain } from '../../../src/terminal/styled.js';

const NOW = Date.UTC(2026, 10, 22, 14, 32, 5);
const base = { sourceDown: false, now: NOW, windowMs: 300_000, warn: 0.01, crit: 0.05, rows: 6, width: 70, labelWidth: 8, glyphs: asciiGlyphs, labelKey: 'service' };
const axis = (more: Partial<Parameters<typeof errorRateLines>[0]>) => plain(errorRateLines({ ...base, deploys: [], ...more }).at(-1)!);

describe('error-rate axis', () => {
  it('puts the now label at the right end when nothing is there', () => {
    expect(axis({})).toMatch(/-+ now 14:32:05Z$/);
  });

  it('shortens the now label, then leaves it out, rather than cover a marker in the last columns', () => {
    const deploy = axis({ deploys: [{ at: NOW - 1000, label: 'v2', source: 'file' }] });
    expect(deploy).not.toContain('now');
    expect(deploy).toMatch(/ 14:32 v2 v$/);
    expect(axis({ cursorAt: NOW - 40_000 })).toMatch(/\^-+ now$/);
    const withAlert = axis({ deploys: [{ at: NOW - 30_000, label: 'v2', source: 'file' }], alertMarks: [{ at: NOW - 100_000, label: 'X firing', source: 'alert' }] });
    expect(withAlert).toMatch(/!.*v-+ now$/);
  });

  it('a cursor back in the middle leaves the full label where it was', () => {
    expect(axis({ cursorAt: NOW - 150_000 })).toMatch(/\^-+ now 14:32:05Z$/);
  });

  it('a past window ends at its end, labelled "end", never "now"', () => {
    expect(axis({ historical: true })).toMatch(/-+ end 14:32:05Z$/);
    expect(axis({ historical: true })).not.toContain('now');
  });
});
