// A profile's own panel: its title with the current value in its unit and threshold word, then a chart (timeseries),
// a sparkline (stat), top-K bars (bars) or an instant query's rows (table).
import type { CustomView } from '../../model/console-state/console-state.js';
import { legendLabel, levelWord, panelLevel, type CustomPanelSpec, type PanelLevel } from '../../model/panels/custom-panel.js';
import { formatUnit } from '../../model/panels/units.js';
import { cutToWidth, displayWidth } from '../../model/text/display-width.js';
import { safeText } from '../../model/text/safe-text.js';
import type { Line, Tone } from '../../terminal/styled.js';
import type { Glyphs } from './glyphs.js';
import type { ExtraPanel } from './panel.js';
import { formatAge } from './numbers.js';
import { binPoints, renderTimeChart, sparkline } from './time-chart.js';

/** Props; times in epoch ms. */
export interface CustomPanelProps {
  spec: CustomPanelSpec;
  view?: CustomView;
  /** The panels' source is down: what is drawn is the last good answer. */
  sourceDown: boolean;
  now: number;
  windowMs: number;
  glyphs: Glyphs;
}

const TONE: Record<PanelLevel, Tone> = { ok: 'ok', warn: 'warn', crit: 'crit' };

const pad = (s: string, width: number): string => {
  const cut = cutToWidth(s, width, '…');
  return cut + ' '.repeat(Math.max(0, width - displayWidth(cut)));
};

/** The value a panel stands for now: the newest finite point of its first series, or the first row (largest). */
export function currentOf(spec: CustomPanelSpec, view?: CustomView): number | null {
  if (!view) return null;
  if (spec.type === 'bars' || spec.type === 'table') return view.rows?.find((r) => r.value !== null)?.value ?? null;
  const s = view.series[0];
  for (let i = (s?.points.length ?? 0) - 1; i >= 0; i--) {
    const v = s.points[i][1];
    if (v !== null && Number.isFinite(v)) return v;
  }
  return null;
}

/** Rows the panel could use: a chart six, a stat two, bars and tables one per row (up to eight) plus their title. */
export function customPanelWants(spec: CustomPanelSpec, view?: CustomView): number {
  const n = view?.rows?.length ?? 0;
  switch (spec.type) {
    case 'timeseries':
      return 7;
    case 'stat':
      return 2;
    case 'bars':
      return Math.min(Math.max(1, n), 8) + 1;
    default:
      return Math.min(Math.max(1, n), 8) + 2;
  }
}

function titleLine(p: CustomPanelProps, width: number): Line {
  const { spec, view } = p;
  const cur = currentOf(spec, view);
  const title: Line = [{ text: safeText(spec.title, 200), tone: 'title', bold: true }];
  if (cur !== null) {
    const level = panelLevel(cur, spec.thresholds);
    title.push({ text: ` ${formatUnit(cur, spec.unit)}`, tone: level ? TONE[level] : 'accent', bold: true });
    if (level) title.push({ text: ` ${levelWord(level)}`, tone: TONE[level], bold: true });
  } else title.push({ text: view ? ' no data' : ' waiting for data', tone: 'muted' });
  const t = spec.thresholds;
  const limits = [t.warn !== undefined ? `warn ${formatUnit(t.warn, spec.unit)}` : '', t.crit !== undefined ? `crit ${formatUnit(t.crit, spec.unit)}` : ''].filter(Boolean);
  if (limits.length) title.push({ text: `  ${limits.join(' ')}`, tone: 'muted' });
  if (view) {
    title.push({ text: `  ${formatAge(p.now - Math.min(view.at, view.asOf ?? view.at))} old`, tone: p.sourceDown ? 'crit' : 'muted' });
    if (p.sourceDown) title.push({ text: ' (last good)', tone: 'crit', bold: true });
  }
  if (spec.type === 'timeseries' && view && view.series.length > 1 && width > 40) {
    const names = view.series.slice(0, 4).map((s) => safeText(legendLabel(spec.legend, s.labels), 40));
    title.push({ text: `  [${names.join(', ')}${view.series.length > 4 ? ', …' : ''}]`, tone: 'muted' });
  }
  return title;
}

function chartLines(p: CustomPanelProps, rows: number, width: number, tone: Tone): Line[] {
  const labelWidth = 8;
  const endS = Math.floor(p.now / 1000);
  const startS = endS - Math.round(p.windowMs / 1000);
  const warn = p.spec.thresholds.warn;
  return renderTimeChart({
    series: (p.view?.series ?? []).map((s) => s.points), startS, endS, columns: Math.max(10, width - labelWidth - 2), rows,
    glyphs: p.glyphs, labelWidth, formatY: (v) => formatUnit(v, p.spec.unit), ...(warn !== undefined && warn > 0 ? { minMax: warn } : {}),
  }).map((text): Line => [{ text, tone }]);
}

function statLine(p: CustomPanelProps, width: number, tone: Tone): Line {
  const points = p.view?.series[0]?.points ?? [];
  const values = points.map(([, v]) => v).filter((v): v is number => v !== null && Number.isFinite(v));
  const range = values.length ? `  min ${formatUnit(Math.min(...values), p.spec.unit)}  max ${formatUnit(Math.max(...values), p.spec.unit)}` : '';
  const columns = Math.max(8, width - range.length - 2);
  const endS = Math.floor(p.now / 1000);
  const bins = binPoints(points, endS - Math.round(p.windowMs / 1000), endS, columns);
  return [{ text: `  ${sparkline(bins, p.glyphs)}`, tone }, { text: range, tone: 'muted' }];
}

function barLines(p: CustomPanelProps, rows: number, width: number): Line[] {
  const items = (p.view?.rows ?? []).slice(0, rows);
  const labels = items.map((r) => safeText(legendLabel(p.spec.legend, r.labels), 200));
  const labelWidth = Math.min(24, Math.max(6, ...labels.map((l) => displayWidth(l))));
  const valueWidth = 16;
  const barWidth = Math.max(4, width - labelWidth - valueWidth - 2);
  const t = p.spec.thresholds;
  const scale = Math.max(...items.map((r) => r.value ?? 0), (t.crit ?? 0) * 1.1, 1e-12);
  const critCol = t.crit !== undefined && t.crit > 0 ? Math.min(barWidth - 1, Math.round((t.crit / scale) * barWidth)) : -1;
  return items.map((r, i): Line => {
    const cells = new Array<string>(barWidth).fill(' ');
    const v = r.value;
    if (v !== null && v > 0) {
      const exact = (Math.min(v, scale) / scale) * barWidth;
      for (let c = 0; c < Math.floor(exact) && c < barWidth; c++) cells[c] = p.glyphs.barFull;
    }
    if (critCol >= 0 && cells[critCol] === ' ') cells[critCol] = p.glyphs.slo;
    const level = v === null ? null : panelLevel(v, t);
    const value = `${formatUnit(v, p.spec.unit)}${level && level !== 'ok' ? ` ${levelWord(level)}` : ''}`;
    return [{ text: `${pad(labels[i], labelWidth)} ` }, { text: cells.join(''), tone: level ? TONE[level] : 'accent' }, { text: ` ${value.padStart(valueWidth - 1)}`, tone: level ? TONE[level] : undefined }];
  });
}

function tableLines(p: CustomPanelProps, rows: number, width: number): Line[] {
  const items = (p.view?.rows ?? []).slice(0, Math.max(0, rows - 1));
  const keys = [...new Set(items.flatMap((r) => Object.keys(r.labels)).filter((k) => k !== '__name__'))].slice(0, 6);
  const cells = items.map((r) => keys.map((k) => safeText(r.labels[k] ?? '', 200)));
  const valueWidth = 14;
  const room = Math.max(8, width - valueWidth - 1);
  const widths = keys.map((k, i) => Math.min(24, Math.max(displayWidth(k), ...cells.map((c) => displayWidth(c[i])))));
  let used = 0;
  const shown = widths.findIndex((w) => (used += w + 2) > room);
  const cols = shown < 0 ? keys.length : Math.max(1, shown);
  const row = (texts: string[], value: string) => `${texts.slice(0, cols).map((t, i) => pad(t, widths[i])).join('  ')}  ${value.padStart(valueWidth)}`;
  const head: Line = [{ text: row(keys, 'value'), tone: 'muted' }];
  return [head, ...items.map((r, i): Line => {
    const level = r.value === null ? null : panelLevel(r.value, p.spec.thresholds);
    return [{ text: row(cells[i], `${formatUnit(r.value, p.spec.unit)}${level && level !== 'ok' ? ` ${levelWord(level)}` : ''}`), tone: level && level !== 'ok' ? TONE[level] : undefined }];
  })];
}

/** The panel's lines for `rows` rows and `width` columns (at most `rows` lines). */
export function customPanelLines(p: CustomPanelProps, rows: number, width: number): Line[] {
  const cur = currentOf(p.spec, p.view);
  const level = cur === null ? null : panelLevel(cur, p.spec.thresholds);
  const tone: Tone = level ? TONE[level] : 'accent';
  const body = rows - 1;
  const lines: Line[] = [titleLine(p, width)];
  if (body > 0 && p.view) {
    if (p.spec.type === 'timeseries') lines.push(...chartLines(p, body, width, tone));
    else if (p.spec.type === 'stat') lines.push(statLine(p, width, tone));
    else if (p.spec.type === 'bars') lines.push(...barLines(p, body, width));
    else lines.push(...tableLines(p, body, width));
  }
  return lines.slice(0, rows);
}

/** The panel for the frame. */
export function customPanel(p: CustomPanelProps): ExtraPanel {
  return { wants: customPanelWants(p.spec, p.view), draw: (rows, width) => customPanelLines(p, rows, width) };
}
