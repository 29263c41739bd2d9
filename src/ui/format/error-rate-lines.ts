// The error-rate panel: title with the current value and its threshold word, the chart, and the time axis.
import type { MetricView } from '../../model/console-state/console-state.js';
import type { DeployMarker } from '../../model/console-state/events.js';
import { formatDuration } from '../../config/duration.js';
import type { Glyphs } from './glyphs.js';
import { formatAge, formatClock, formatPercent } from './numbers.js';
import type { Line, Tone } from '../../terminal/styled.js';
import { columnForTime, renderTimeChart } from './time-chart.js';

/** Props; times in epoch ms, thresholds as ratios 0..1. */
export interface ErrorRateProps {
  view?: MetricView;
  /** State of the source the view came from. */
  sourceDown: boolean;
  now: number;
  /** A past window: the right end is its end, labelled "end", never "now". */
  historical?: boolean;
  windowMs: number;
  warn: number;
  crit: number;
  rows: number;
  width: number;
  labelWidth: number;
  glyphs: Glyphs;
  deploys: DeployMarker[];
  /** When alerts started (drawn with the alert glyph; labels only where deploy labels left room). */
  alertMarks?: DeployMarker[];
  labelKey: string;
  /** The time cursor (epoch ms), or null/undefined when live. */
  cursorAt?: number | null;
  /** Why there is no data, when a source knows (a service Prometheus does not know): shown where the chart would be. */
  notice?: string;
}

/** Splits text into lines of at most `width` columns at spaces (a longer word is cut). */
function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const word of text.split(' ')) {
    const next = cur ? `${cur} ${word}` : word;
    if (next.length <= width) cur = next;
    else {
      if (cur) out.push(cur);
      cur = word.slice(0, width);
    }
  }
  if (cur) out.push(cur);
  return out;
}

/** Value of the first series at the cursor: the last finite point at or before it. */
export function valueAt(view: MetricView | undefined, atMs: number): number | null {
  const s = view?.series[0];
  if (!s) return null;
  let found: number | null = null;
  for (const [t, v] of s.points) {
    if (t * 1000 > atMs) break;
    if (v !== null && Number.isFinite(v)) found = v;
  }
  return found;
}

/** Last finite value of the first series, with its unix time. */
export function currentValue(view?: MetricView): { value: number; t: number } | null {
  const s = view?.series[0];
  if (!s) return null;
  for (let i = s.points.length - 1; i >= 0; i--) {
    const [t, v] = s.points[i];
    if (v !== null && Number.isFinite(v)) return { value: v, t };
  }
  return null;
}

/** Threshold level of a ratio: a word and a tone, so meaning never rests on colour. */
export function levelOf(value: number, warn: number, crit: number): { word: string; tone: Tone } {
  // Compared with a relative tolerance so a ratio computed as 0.04999999999999995 is the 5.00% it is shown as.
  const atLeast = (limit: number) => value >= limit * (1 - 1e-9);
  if (atLeast(crit)) return { word: 'CRIT', tone: 'crit' };
  if (atLeast(warn)) return { word: 'WARN', tone: 'warn' };
  return { word: 'ok', tone: 'ok' };
}

/** Builds the panel's lines (exactly `rows` lines). */
export function errorRateLines(p: ErrorRateProps): Line[] {
  const cur = currentValue(p.view);
  const title: Line = [{ text: 'Error rate', tone: 'title', bold: true }];
  if (cur) {
    const level = levelOf(cur.value, p.warn, p.crit);
    title.push({ text: ` ${formatPercent(cur.value)} `, tone: level.tone, bold: true }, { text: level.word, tone: level.tone, bold: true });
  } else title.push({ text: p.view ? ' no data in window' : p.notice ? ' no data' : ' waiting for data', tone: p.notice ? 'crit' : 'muted', bold: !!p.notice });
  title.push({ text: `  warn ${formatPercent(p.warn)} crit ${formatPercent(p.crit)}`, tone: 'muted' });
  if (p.view) {
    // The age of the newest point, not of the answer: a range that ends at the last whole step is that much older.
    const age = formatAge(p.now - Math.min(p.view.at, p.view.asOf ?? p.view.at));
    title.push({ text: `  via ${p.view.origin}, ${age} old`, tone: p.sourceDown ? 'crit' : 'muted' });
    if (p.sourceDown) title.push({ text: ' (last good)', tone: 'crit', bold: true });
    if (p.view.coarsened && p.view.stepS) title.push({ text: `  step ${formatDuration(p.view.stepS * 1000)}: Prometheus slow`, tone: 'warn' });
  }
  if (p.cursorAt != null) {
    const v = valueAt(p.view, p.cursorAt);
    title.push({ text: `  cursor ${formatClock(p.cursorAt)}Z ${v === null ? 'no data' : formatPercent(v)}`, tone: 'accent', bold: true });
  }
  const names = (p.view?.series ?? []).slice(0, 4).map((s) => s.labels[p.labelKey] ?? Object.values(s.labels)[0]).filter(Boolean);
  if (names.length > 1) title.push({ text: `  [${names.join(', ')}]`, tone: 'muted' });
  const chartRows = Math.max(2, p.rows - 2);
  const columns = Math.max(10, p.width - p.labelWidth - 2);
  const endS = Math.floor(p.now / 1000);
  const startS = endS - Math.round(p.windowMs / 1000);
  const chart = renderTimeChart({
    series: (p.view?.series ?? []).map((s) => s.points),
    startS, endS, columns, rows: chartRows, glyphs: p.glyphs, labelWidth: p.labelWidth,
    formatY: (v) => formatPercent(v), minMax: p.warn,
  });
  const tone: Tone = cur ? levelOf(cur.value, p.warn, p.crit).tone : 'muted';
  const body: Line[] = chart.map((text): Line => [{ text, tone }]);
  if (!cur && p.notice) {
    // Nothing to draw: the reason takes the chart's rows, so a typo never looks like a quiet service.
    const said = wrap(p.notice, Math.max(10, p.width - p.labelWidth - 2)).slice(0, chartRows);
    said.forEach((text, i) => (body[i] = [{ text: `${' '.repeat(p.labelWidth + 1)}${text}`, tone: 'crit' }]));
  }
  const lines: Line[] = [title, ...body];
  lines.push(axisLine(p, startS, endS, columns));
  return lines.slice(0, p.rows);
}

function axisLine(p: ErrorRateProps, startS: number, endS: number, columns: number): Line {
  const cells = new Array<string>(columns).fill(p.glyphs.rule);
  // Markers keep their true columns and the "now" label stays at the right end, where now is: when a marker stands
  // where the label would, the label shortens to " now", and when one stands there too, it is left out. Neither
  // ever covers the other.
  const marks = [...p.deploys, ...(p.alertMarks ?? []), ...(p.cursorAt != null ? [{ at: p.cursorAt }] : [])]
    .map((d) => columnForTime(d.at / 1000, startS, endS, columns)).filter((c) => c >= 0);
  const fitsAtEnd = (label: string) => !marks.some((c) => c >= columns - label.length - 1);
  const word = p.historical ? 'end' : 'now';
  const right = [` ${word} ${formatClock(p.now)}Z`, ` ${word}`].find(fitsAtEnd) ?? '';
  const labelAt = columns - right.length;
  const free = labelAt - 1;
  for (let i = 0; i < right.length; i++) cells[labelAt + i] = right[i];
  let marked = false;
  for (const d of p.deploys) {
    const col = columnForTime(d.at / 1000, startS, endS, columns);
    if (col < 0) continue;
    marked = true;
    // Always in its own column, even over the "now" label: a marker in the wrong column would lie about when.
    cells[col] = p.glyphs.deploy;
    const label = ` ${formatClock(d.at).slice(0, 5)} ${d.label} `;
    // The label goes right of the marker, or left of it when a recent deploy leaves no room before "now".
    const fits = (from: number) => from >= 0 && from + label.length <= free && cells.slice(from, from + label.length).every((c) => c === p.glyphs.rule);
    const from = fits(col + 1) ? col + 1 : fits(col - label.length) ? col - label.length : -1;
    if (from >= 0) for (let i = 0; i < label.length; i++) cells[from + i] = label[i];
  }
  // Alert starts after the deploys: a deploy and its label explain more, so an alert never covers them.
  for (const a of p.alertMarks ?? []) {
    const col = columnForTime(a.at / 1000, startS, endS, columns);
    if (col < 0 || (col > free && col < labelAt + right.length) || cells[col] !== p.glyphs.rule) continue;
    marked = true;
    cells[col] = p.glyphs.alert;
  }
  if (p.cursorAt != null) {
    const col = columnForTime(p.cursorAt / 1000, startS, endS, columns);
    if (col >= 0) {
      cells[col] = p.glyphs.up;
      marked = true;
    }
  }
  const left = `-${formatDuration(p.windowMs)}`.padStart(p.labelWidth);
  return [{ text: `${left} `, tone: 'muted' }, { text: cells.join(''), tone: marked ? 'marker' : 'muted' }];
}
