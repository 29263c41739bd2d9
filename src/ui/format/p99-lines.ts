// The p99 panel: top-K pods (or endpoints) by p99 latency as horizontal bars with an SLO marker.
import type { MetricView } from '../../model/console-state/console-state.js';
import { barValue, renderBars, type Bar } from './bars.js';
import type { Glyphs } from './glyphs.js';
import { formatAge, formatSeconds, formatSecondsAgainst, overThreshold } from './numbers.js';
import type { Line } from '../../terminal/styled.js';

/** Props; times in epoch ms. */
export interface P99Props {
  view?: MetricView;
  sourceDown: boolean;
  now: number;
  sloSeconds: number;
  rows: number;
  width: number;
  glyphs: Glyphs;
  labelKey: string;
  /** Index of the selected bar (drill-down), or -1. */
  selected?: number;
  /** Why there is no data at all (every metric source down), instead of "waiting for data". */
  unknownWhy?: string;
}

/** The bars a view holds, labelled by `labelKey` (falling back to the other labels). */
export function barsOf(view: MetricView | undefined, labelKey: string): Bar[] {
  return (view?.series ?? []).map((s) => ({
    label: s.labels[labelKey] ?? (Object.entries(s.labels).map(([k, v]) => `${k}=${v}`).join(',') || 'all'),
    seconds: s.points[s.points.length - 1]?.[1] ?? Number.NaN,
    ...(s.atLeast ? { atLeast: true } : {}),
    ...(s.exemplar ? { trace: s.exemplar.traceId } : {}),
  }));
}

/** A run of pods folded into one row: how many, and their shared p99 in seconds. */
type Folded = { folded: number; seconds: number; atLeast?: boolean };

/**
 * Pods with the same p99 say the same thing: three or more in a row fold into the first and a count, so the rows go
 * to pods that differ (read as the rows read them beside the SLO, so a pod just over it never folds into one just
 * under). Not while a bar is being selected (every pod must be reachable then).
 */
export function foldBars(bars: Bar[], selecting: boolean, sloSeconds = 0): Array<Bar | Folded> {
  const shown: Array<Bar | Folded> = [];
  const said = (b: Bar) => `${b.atLeast ? '>=' : ''}${formatSecondsAgainst(b.seconds, sloSeconds)}`;
  for (let i = 0; i < bars.length; ) {
    let j = i + 1;
    while (j < bars.length && said(bars[j]) === said(bars[i])) j++;
    if (!selecting && j - i >= 3) shown.push(bars[i], { folded: j - i - 1, seconds: bars[i].seconds, atLeast: bars[i].atLeast });
    else shown.push(...bars.slice(i, j));
    i = j;
  }
  return shown;
}

/** Builds the panel's lines (at most `rows`). */
export function p99Lines(p: P99Props): Line[] {
  const bars = barsOf(p.view, p.labelKey);
  const over = bars.filter((b) => overThreshold(b.seconds, p.sloSeconds)).length;
  const title: Line = [
    { text: 'p99 latency', tone: 'title', bold: true },
    { text: `  SLO ${formatSeconds(p.sloSeconds)} ${p.glyphs.slo}`, tone: 'muted' },
  ];
  if (over > 0) title.push({ text: `  ${over} OVER SLO`, tone: 'crit', bold: true });
  if (p.view) title.push({ text: `  via ${p.view.origin}, ${formatAge(p.now - p.view.at)} old${p.sourceDown ? ' (last good)' : ''}`, tone: p.sourceDown ? 'crit' : 'muted' });
  if (bars.length === 0) {
    const empty: Line = p.view
      ? [{ text: '  no latency series for this service', tone: 'muted' }]
      : [{ text: `  ${p.unknownWhy ?? 'waiting for data'}`, tone: p.unknownWhy ? 'crit' : 'muted' }];
    return [title, empty].slice(0, p.rows);
  }
  const room = Math.max(0, p.rows - 1);
  // Fold equal pods only when they do not all fit.
  const shown = bars.length > room ? foldBars(bars, (p.selected ?? -1) >= 0, p.sloSeconds) : bars;
  const visible = shown.slice(0, room);
  const real = visible.filter((b): b is Bar => 'label' in b);
  const rendered = renderBars(real, p.width - 2, p.sloSeconds, p.glyphs);
  let next = 0;
  return [
    title,
    ...visible.map((b, i): Line => {
      if (!('label' in b)) return [{ text: `   +${b.folded} more ${b.folded === 1 ? 'pod' : 'pods'} at ${barValue(b, p.sloSeconds, p.glyphs)}`, tone: 'muted' }];
      const text = rendered[next++];
      return [
        { text: i === p.selected ? '>' : ' ', tone: 'accent', bold: true },
        { text: ` ${text}`, tone: overThreshold(b.seconds, p.sloSeconds) ? 'crit' : 'ok', inverse: i === p.selected },
      ];
    }),
  ];
}
