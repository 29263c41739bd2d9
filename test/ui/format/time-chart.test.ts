// The y axis of a time chart: the bottom label reads 0 (not a float's rounding error), and a label wider than its
// column keeps its number, never just its last characters.
import { describe, expect, it } from 'vitest';
import { axisLabel, renderTimeChart } from '../../../src/ui/format/time-chart.js';
import { asciiGlyphs } from '../../../src/ui/format/glyphs.js';

const reqps = (v: number) => `${Number.isInteger(v) ? v : Number(v.toPrecision(3))} req/s`;

describe('time chart axis labels', () => {
  it('labels the bottom row 0 whatever the rows, and every label is a number of the scale', () => {
    // With a top of 60.3 the chart library computes the bottom as 7.1e-15.
    for (const [top, rows] of [[60, 7], [60.3, 7], [60.3, 13], [59.7, 7]]) {
      const lines = renderTimeChart({
        series: [[[100, 0], [160, top]]], startS: 100, endS: 160, columns: 20, rows, glyphs: asciiGlyphs, labelWidth: 8, formatY: reqps,
      });
      const labels = lines.map((l) => l.slice(0, 8).trim()).filter(Boolean);
      expect(labels.at(-1)).toBe('0 req/s');
      for (const l of labels) expect(Number(l.split(' ')[0])).toBeLessThanOrEqual(top);
    }
  });

  it('drops the unit, not the start of the number, when a label is too wide', () => {
    expect(axisLabel('1.25k req/s', 8)).toBe('   1.25k');
    expect(axisLabel('60 req/s', 8)).toBe('60 req/s');
    expect(axisLabel('123456789 B', 8)).toBe('12345678');
  });
});
