// The time axis under the error-rate chart: markers keep their columns, the "now" label is never covered.
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

  it('moves the now label left of a deploy or the cursor in the last columns, never drawing over it', () => {
    const deploy = axis({ deploys: [{ at: NOW - 1000, label: 'v2', source: 'file' }] });
    expect(deploy).toContain(' now 14:32:05Z');
    expect(deploy).toMatch(/ now 14:32:05Z-*v-*$/);
    const cursor = axis({ cursorAt: NOW - 2000 });
    expect(cursor).toMatch(/ now 14:32:05Z-*\^-*$/);
  });

  it('never puts the label over an earlier marker when a late one moves it', () => {
    const a = axis({ deploys: [{ at: NOW - 30_000, label: 'v2', source: 'file' }], alertMarks: [{ at: NOW - 2000, label: 'X firing', source: 'alert' }] });
    expect(a).toContain(' now 14:32:05Z');
    expect(a).toContain('v');
    expect(a).toContain('!');
  });

  it('clears: a cursor back in the middle leaves the label where it was', () => {
    expect(axis({ cursorAt: NOW - 150_000 })).toMatch(/\^-+ now 14:32:05Z$/);
  });
});
