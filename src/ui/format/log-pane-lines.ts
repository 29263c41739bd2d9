// The log pane: a title with level counts and the view's state, then one row per line, newest at the bottom.
import type { LogLevel, LogLine } from '../../model/logs/log-line.js';
import { safeText } from '../../model/text/safe-text.js';
import { cutToWidth, displayWidth } from '../../model/text/display-width.js';
import type { Glyphs } from './glyphs.js';
import { formatClock } from './numbers.js';
import type { Line, Segment, Tone } from '../../terminal/styled.js';

/** Everything the pane shows; times in epoch ms. */
export interface LogPaneProps {
  lines: readonly LogLine[];
  rows: number;
  width: number;
  glyphs: Glyphs;
  counts: Record<LogLevel, number>;
  dropped: number;
  filter: string;
  filterError: string | null;
  errorsOnly: boolean;
  /** Lines that arrived since the pause, or null when not paused. */
  newWhilePaused: number | null;
  scrollBack: number;
  cursorAt: number | null;
  pod?: string;
  /** The service in scope, named when every line held is another's. */
  service?: string;
  /** Lines held in the buffer, in scope or not. */
  held?: number;
  /** Held lines that name a service, when none names the one in scope (the lines shown then name none). */
  otherServiceLines?: number;
  /** Log sources that are down or degraded, with their reason. */
  problems: string[];
}

const LEVEL_WORD: Record<LogLevel, string> = { fatal: 'FATAL', error: 'ERROR', warn: 'WARN ', info: 'INFO ', debug: 'DEBUG', trace: 'TRACE', unknown: '     ' };
const LEVEL_TONE: Partial<Record<LogLevel, Tone>> = { fatal: 'crit', error: 'crit', warn: 'warn', debug: 'muted', trace: 'muted' };

/** Width of the source column. */
export const SOURCE_WIDTH = 12;

function title(p: LogPaneProps): Line {
  const c = p.counts;
  const segs: Segment[] = [{ text: 'Logs', tone: 'title', bold: true }];
  const errors = c.error + c.fatal;
  segs.push({ text: `  err ${errors}`, tone: errors > 0 ? 'crit' : 'muted', bold: errors > 0 });
  segs.push({ text: ` warn ${c.warn}`, tone: c.warn > 0 ? 'warn' : 'muted' });
  segs.push({ text: ` info ${c.info}`, tone: 'muted' });
  if (p.dropped > 0) segs.push({ text: `  dropped ${p.dropped}`, tone: 'warn' });
  if (p.pod) segs.push({ text: `  pod ${safeText(p.pod, 60)}`, tone: 'accent' });
  if (p.filterError) segs.push({ text: `  filter error: ${safeText(p.filterError, 80)}`, tone: 'crit' });
  else if (p.filter) segs.push({ text: `  filter: ${safeText(p.filter, 80)}`, tone: 'accent' });
  if (p.errorsOnly) segs.push({ text: '  errors only', tone: 'accent' });
  if (p.newWhilePaused !== null) segs.push({ text: `  PAUSED ${p.newWhilePaused} new lines`, tone: 'warn', bold: true });
  if (p.cursorAt !== null) segs.push({ text: `  at cursor ${formatClock(p.cursorAt)}Z`, tone: 'accent' });
  if (p.scrollBack > 0) segs.push({ text: `  ${p.scrollBack} lines up (f follows)`, tone: 'accent' });
  for (const problem of p.problems.slice(0, 2)) segs.push({ text: `  ${safeText(problem, 120)}`, tone: 'crit' });
  return segs;
}

/** Widest pod column, when lines name their pod. */
export const POD_WIDTH = 16;

function row(line: LogLine, width: number, glyphs: Glyphs, podWidth: number): Line {
  const tone = LEVEL_TONE[line.level];
  const source = cutToWidth(safeText(line.source, 64), SOURCE_WIDTH, glyphs.ellipsis).padEnd(SOURCE_WIDTH);
  const podText = podWidth > 0 ? cutToWidth(safeText(line.pod ?? '', 64), podWidth, glyphs.ellipsis) : '';
  const pod = podWidth > 0 ? `${podText}${' '.repeat(Math.max(0, podWidth - displayWidth(podText)))} ` : '';
  const lead = `${formatClock(line.at)} `;
  const room = width - lead.length - 6 - SOURCE_WIDTH - 1 - pod.length;
  const body = line.message || line.raw;
  const message = cutToWidth(safeText(body, Math.max(0, room) * 2 + 8), Math.max(0, room), glyphs.ellipsis);
  return [
    { text: lead, tone: 'muted' },
    { text: `${LEVEL_WORD[line.level]} `, tone, bold: tone === 'crit' },
    { text: `${source} `, tone: 'muted' },
    ...(pod ? [{ text: pod, tone: 'accent' as Tone }] : []),
    { text: message, tone: tone === 'crit' ? 'crit' : undefined },
  ];
}

/** Exactly `rows` lines: the title, then the lines (oldest first, newest last), blank rows above when short. */
export function logPaneLines(p: LogPaneProps): Line[] {
  if (p.rows <= 0) return [];
  // Lines in scope that all name no service, while every line that names one names another: the scope may be mistyped,
  // and the lines shown must not pass for the service's own. Said above them, before any of them.
  const note = p.service && !p.pod && p.otherServiceLines && p.lines.length > 0 && p.rows > 1
    ? `  no line held names ${safeText(p.service, 64)}; ${p.otherServiceLines} ${p.otherServiceLines === 1 ? 'names' : 'name'} another service`
    : null;
  const room = p.rows - 1 - (note ? 1 : 0);
  const shown = room > 0 ? p.lines.slice(-room) : [];
  // A pod column when the lines name pods (and the pane is not already scoped to one), sized to the widest.
  const podWidth = p.pod || p.width < 70 ? 0 : Math.min(POD_WIDTH, Math.max(0, ...shown.map((l) => (l.pod ? displayWidth(safeText(l.pod, 64)) : 0))));
  const body = shown.map((l) => row(l, p.width, p.glyphs, podWidth));
  const empty: Line[] = [];
  if (note) empty.push([{ text: note, tone: 'warn' }]);
  else if (body.length === 0 && p.rows > 1) {
    // Lines that came but are all another service's are not "waiting": the scope (perhaps mistyped) is named.
    const scoped = p.pod ?? p.service;
    const why = p.filter || p.errorsOnly ? '  no lines match'
      : p.held && scoped ? `  none of the ${p.held} lines held is for ${safeText(scoped, 64)}`
        : p.pod ? '  no lines match' : '  waiting for log lines';
    empty.push([{ text: why, tone: 'muted' }]);
  }
  const out = [title(p), ...empty, ...body];
  while (out.length < p.rows) out.splice(1 + empty.length, 0, [{ text: '' }]);
  return out.slice(0, p.rows);
}
