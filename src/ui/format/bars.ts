// Horizontal bars with an SLO marker, for p99 latency per pod or endpoint.
import { safeText } from '../../model/text/safe-text.js';
import { cutToWidth, displayWidth } from '../../model/text/display-width.js';
import type { Glyphs } from './glyphs.js';
import { formatSecondsAgainst, overThreshold } from './numbers.js';

/** One bar: label and value in seconds (NaN when unknown). */
export interface Bar {
  label: string;
  seconds: number;
  /** The value is a floor: the p99 fell past the histogram's highest finite bucket (shown `≥2.50s`). */
  atLeast?: boolean;
  /** Trace id of a request behind this value (an exemplar), shown as `trace <id>` when the row has room. */
  trace?: string;
}

/** Most characters of a trace id shown; the rest is cut with the ellipsis (the log filter uses the whole id). */
const TRACE_CHARS = 16;

/** A bar's value as its row says it: `2.50s`, or `≥2.50s` when that is only a floor. */
export function barValue(b: Pick<Bar, 'seconds' | 'atLeast'>, sloSeconds: number, glyphs: Glyphs): string {
  return `${b.atLeast ? glyphs.atLeast : ''}${formatSecondsAgainst(b.seconds, sloSeconds)}`;
}

/** Renders one line per bar: label, bar with the SLO column marked, value and an over-SLO word. */
export function renderBars(bars: Bar[], width: number, sloSeconds: number, glyphs: Glyphs): string[] {
  // Labels come from servers: made visible first, then measured and cut by the columns they take.
  const labels = bars.map((b) => safeText(b.label, 4096));
  const labelWidth = Math.min(24, Math.max(6, ...labels.map((l) => displayWidth(l))));
  const valueWidth = 16;
  // A trace column only when some bar has a trace and the bars keep at least 20 columns beside it.
  const traces = bars.map((b) => (b.trace ? `trace ${cutToWidth(safeText(b.trace, 256), TRACE_CHARS, glyphs.ellipsis)}` : ''));
  const traceWidth = Math.max(0, ...traces.map((t) => displayWidth(t)));
  const withTrace = traceWidth > 0 && width - labelWidth - valueWidth - 2 - (traceWidth + 1) >= 20;
  const barWidth = Math.max(4, width - labelWidth - valueWidth - 2 - (withTrace ? traceWidth + 1 : 0));
  const finite = bars.map((b) => b.seconds).filter((v) => Number.isFinite(v));
  const scale = Math.max(sloSeconds * 1.25, ...finite, 1e-9);
  const sloCol = sloSeconds > 0 ? Math.min(barWidth - 1, Math.round((sloSeconds / scale) * barWidth)) : -1;
  return bars.map((b, i) => {
    const cut = cutToWidth(labels[i], labelWidth, glyphs.ellipsis);
    const label = cut + ' '.repeat(Math.max(0, labelWidth - displayWidth(cut)));
    const cells = new Array<string>(barWidth).fill(' ');
    if (Number.isFinite(b.seconds) && b.seconds > 0) {
      const exact = (Math.min(b.seconds, scale) / scale) * barWidth;
      const full = Math.floor(exact);
      for (let i = 0; i < full && i < barWidth; i++) cells[i] = glyphs.barFull;
      const part = Math.floor((exact - full) * 8);
      if (full < barWidth && part > 0 && glyphs.barParts.length) cells[full] = glyphs.barParts[part - 1];
    }
    if (sloCol >= 0 && cells[sloCol] === ' ') cells[sloCol] = glyphs.slo;
    const value = Number.isFinite(b.seconds) ? barValue(b, sloSeconds, glyphs) : 'n/a';
    const over = overThreshold(b.seconds, sloSeconds) ? ' OVER' : '';
    const trace = withTrace ? ` ${traces[i].padEnd(traceWidth)}` : '';
    return `${label} ${cells.join('')} ${(value + over).padStart(valueWidth - 1)}${trace}`;
  });
}
