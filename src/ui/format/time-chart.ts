// Renders time series as an asciichart line chart, one sample per column, with gaps drawn as gaps.
import asciichart from 'asciichart';
import type { Glyphs } from './glyphs.js';

/** What to draw; times in unix seconds. */
export interface TimeChartInput {
  /** Points per series: [unix seconds, value or null]. Only the first few series are drawn. */
  series: Array<Array<[number, number | null]>>;
  startS: number;
  endS: number;
  /** Plot columns (excluding the y-axis labels). */
  columns: number;
  /** Chart rows. */
  rows: number;
  glyphs: Glyphs;
  formatY: (value: number) => string;
  /** Width of the y-axis label column. */
  labelWidth: number;
  /** Smallest upper bound for the y-axis (so a flat 0 line still sits at the bottom). */
  minMax?: number;
}

/** Column (0-based, within the plot area) for a unix time, or -1 when outside the range. */
export function columnForTime(t: number, startS: number, endS: number, columns: number): number {
  if (t < startS || t > endS || endS <= startS) return -1;
  return Math.min(columns - 1, Math.floor(((t - startS) / (endS - startS)) * columns));
}

/** Buckets points into `columns` bins by time: the last finite value in a bin wins, an empty bin is null. */
export function binPoints(points: Array<[number, number | null]>, startS: number, endS: number, columns: number): Array<number | null> {
  const bins: Array<number | null> = new Array(columns).fill(null);
  for (const [t, v] of points) {
    if (v === null || !Number.isFinite(v)) continue;
    const col = columnForTime(t, startS, endS, columns);
    if (col >= 0) bins[col] = v;
  }
  // Columns narrower than the sample spacing leave empty bins between neighbours: those are not gaps.
  const spacing = medianSpacing(points);
  const fillable = Math.max(0, Math.ceil(spacing / ((endS - startS) / columns)) - 1);
  let lastReal = -1;
  for (let i = 0; i < columns; i++) {
    if (bins[i] === null) continue;
    if (lastReal >= 0 && i - lastReal - 1 <= fillable) for (let j = lastReal + 1; j < i; j++) bins[j] = bins[lastReal];
    lastReal = i;
  }
  return bins;
}

function medianSpacing(points: Array<[number, number | null]>): number {
  const gaps: number[] = [];
  for (let i = 1; i < points.length && gaps.length < 64; i++) gaps.push(points[i][0] - points[i - 1][0]);
  if (gaps.length === 0) return 0;
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)];
}

function forwardFill(bins: Array<number | null>): number[] {
  const first = bins.find((v) => v !== null) ?? 0;
  let last = first;
  return bins.map((v) => (v === null ? last : (last = v)));
}

/**
 * A y-axis label in `width` columns: as formatted when it fits, else its number without the unit, else cut at the
 * right. Never its last characters (a cut from the left turned "1.25k req/s" into "25k req/s").
 */
export function axisLabel(text: string, width: number): string {
  if (text.length <= width) return text.padStart(width);
  const number = text.split(' ')[0];
  return (number.length <= width ? number : number.slice(0, width)).padStart(width);
}

/** Returns `rows` lines, each labelWidth + 1 + columns characters wide. */
export function renderTimeChart(input: TimeChartInput): string[] {
  const { columns, rows, labelWidth, glyphs } = input;
  const binned = input.series.slice(0, 4).map((s) => binPoints(s, input.startS, input.endS, columns));
  const blank = ' '.repeat(labelWidth + 1 + columns);
  if (columns < 2 || rows < 2 || binned.length === 0 || binned.every((b) => b.every((v) => v === null))) {
    return Array.from({ length: Math.max(rows, 1) }, () => blank);
  }
  let max = input.minMax ?? 0;
  for (const b of binned) for (const v of b) if (v !== null && v > max) max = v;
  const padding = ' '.repeat(labelWidth);
  const text: string = asciichart.plot(binned.map((b) => {
    const filled = forwardFill(b);
    return [...filled, filled[filled.length - 1]];
  }), {
    min: 0,
    max: max > 0 ? max : 1,
    height: rows - 1,
    offset: 2,
    padding,
    symbols: glyphs.chart,
    format: (v: number) => axisLabel(input.formatY(Math.abs(v) < (max > 0 ? max : 1) * 1e-9 ? 0 : v), labelWidth),
  });
  const lines = text.split('\n').map((line) => line.padEnd(labelWidth + 1 + columns).slice(0, labelWidth + 1 + columns));
  const isGap = (x: number) => binned.every((b) => b[x] === null);
  // A stretch without data is drawn empty, never as a line at 0 (which would read as 0% errors); a wide one says so.
  const labels = new Map<number, string>();
  const NO_DATA = 'no data';
  for (let x = 0; x < columns; ) {
    if (!isGap(x)) {
      x++;
      continue;
    }
    let end = x;
    while (end < columns && isGap(end)) end++;
    if (end - x >= NO_DATA.length + 2) labels.set(x + Math.floor((end - x - NO_DATA.length) / 2), NO_DATA);
    x = end;
  }
  const labelRow = Math.floor((lines.length - 1) / 2);
  return lines.map((line, row) => {
    const chars = [...line];
    for (let x = 0; x < columns; x++) if (isGap(x)) chars[labelWidth + 1 + x] = ' ';
    if (row === labelRow) for (const [x, text] of labels) for (let i = 0; i < text.length; i++) chars[labelWidth + 1 + x + i] = text[i];
    return chars.join('');
  });
}

/** A one-line sparkline of values scaled to [0, max]; null is a gap. */
export function sparkline(values: Array<number | null>, glyphs: Glyphs, max?: number): string {
  const top = max ?? Math.max(0, ...values.map((v) => (v === null ? 0 : v)));
  return values
    .map((v) => {
      if (v === null || !Number.isFinite(v)) return ' ';
      if (top <= 0) return glyphs.sparks[0];
      const i = Math.min(glyphs.sparks.length - 1, Math.max(0, Math.round((v / top) * (glyphs.sparks.length - 1))));
      return glyphs.sparks[i];
    })
    .join('');
}
