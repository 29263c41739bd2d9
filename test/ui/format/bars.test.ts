// p99 bars with strange labels: very long, wide, combining, hostile. Every row is cut with a marker, never blank,
// and every row takes exactly the width it is given.
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../../src/model/text/display-width.js';
import { renderBars } from '../../../src/ui/format/bars.js';
import { asciiGlyphs, unicodeGlyphs } from '../../../src/ui/format/glyphs.js';

describe('renderBars', () => {
  const bars = [
    { label: `payments-${'x'.repeat(10_000)}`, seconds: 2.5 },
    { label: '決済-ポッド-1', seconds: 0.25 },
    { label: 'cafe\u0301-1', seconds: 0.3 },
    { label: 'x\u001b]0;PWNED\u0007\r\u202e', seconds: 0.1 },
  ];

  it('cuts every label to the same columns with a marker, keeping rows aligned and never blank', () => {
    for (const glyphs of [unicodeGlyphs, asciiGlyphs]) {
      const rows = renderBars(bars, 70, 0.5, glyphs);
      const widths = rows.map((r) => displayWidth(r));
      expect(new Set(widths).size).toBe(1);
      expect(widths[0]).toBeLessThanOrEqual(70);
      expect(rows[0].startsWith(`payments-${'x'.repeat(14)}${glyphs.ellipsis} `)).toBe(true);
      expect(rows[0]).toMatch(/2\.50s OVER$/);
      expect(rows[1].startsWith('決済-ポッド-1')).toBe(true);
      expect(rows[3].startsWith('x^[]0;PWNED^G^M<U+202E>')).toBe(true);
      for (const r of rows) expect(r).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
    }
  });

  it('adds a trace column when a bar has one and the bars keep 20 columns; cuts long ids; drops it when narrow', () => {
    const traced = [
      { label: 'payments-hot-1', seconds: 2.5, trace: '4bf92f3577b34da6a3ce929d0e0e4736' },
      { label: 'payments-2', seconds: 0.2 },
    ];
    const wide = renderBars(traced, 100, 0.5, unicodeGlyphs);
    expect(wide[0]).toMatch(/^payments-hot-1 +█+ +2\.50s OVER trace 4bf92f3577b34da…$/);
    expect(wide[1]).toMatch(/ 200ms {23}$/);
    expect(wide.map((l) => displayWidth(l))).toEqual([99, 99]);
    const narrow = renderBars(traced, 60, 0.5, unicodeGlyphs);
    expect(narrow.join('\n')).not.toContain('trace');
  });
});

