// Draws the service/pod picker at rows x width: title with counts, the filter being typed, the list with a cursor glyph.
import { pickerSelection, type PickerState } from '../../model/console-state/picker.js';
import type { Glyphs } from './glyphs.js';
import { fitLine, type Line, type Segment } from '../../terminal/styled.js';
import { safeText } from '../../model/text/safe-text.js';

/** What to draw and where. */
export interface PickerLinesProps {
  state: PickerState;
  rows: number;
  width: number;
  glyphs: Glyphs;
}

/** A count with thousands separators: 50000 -> "50,000". */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The counts after the title: "5,000 of 50,000", "12 matches", "loading", or why loading failed. */
export function pickerCounts(s: PickerState): Segment {
  if (s.status === 'loading') return { text: 'loading', tone: 'muted' };
  if (s.status === 'error') return { text: `could not load: ${safeText(s.error ?? 'unknown error')}`, tone: 'crit' };
  if (s.query === '') {
    return { text: s.total > s.matches.length ? `${formatCount(s.matches.length)} of ${formatCount(s.total)}` : formatCount(s.total), tone: 'muted' };
  }
  const shown = s.matchCount > s.matches.length ? `${formatCount(s.matches.length)} of ${formatCount(s.matchCount)}` : formatCount(s.matchCount);
  const partial = s.values.length < s.total ? `, searched ${formatCount(s.values.length)} of ${formatCount(s.total)}` : '';
  return { text: `${shown} ${s.matchCount === 1 ? 'match' : 'matches'}${partial}`, tone: 'muted' };
}

/** One value with the matching part marked, behind the cursor glyph or two spaces. */
function itemLine(value: string, query: string, selected: boolean, pointer: string): Line {
  const lead: Segment = selected ? { text: `${pointer} `, tone: 'accent', bold: true } : { text: '  ' };
  const at = query === '' || value.toLowerCase().length !== value.length ? -1 : value.toLowerCase().indexOf(query.toLowerCase());
  const style = selected ? { inverse: true, bold: true } : {};
  if (at < 0) return [lead, { text: safeText(value), ...style }];
  const parts: Segment[] = [
    { text: safeText(value.slice(0, at)), ...style },
    { text: safeText(value.slice(at, at + query.length)), tone: 'accent', ...style },
    { text: safeText(value.slice(at + query.length)), ...style },
  ];
  return [lead, ...parts.filter((p) => p.text !== '')];
}

/** What the list says when it has nothing to show. */
function emptyLine(s: PickerState): Line {
  if (s.status === 'loading') return [{ text: '  loading values...', tone: 'muted' }];
  if (s.query !== '') return [{ text: `  no match; enter takes "${safeText(s.query)}" as typed`, tone: 'muted' }];
  if (s.status === 'error') return [{ text: '  type a name and press enter', tone: 'muted' }];
  return [{ text: '  no values found', tone: 'muted' }];
}

/** Exactly `rows` lines (none wider than `width`); the list scrolls a page at a time to keep the cursor visible. */
export function pickerLines(p: PickerLinesProps): Line[] {
  const { state: s, glyphs } = p;
  if (p.rows <= 0) return [];
  const pointer = glyphs.ascii ? '>' : '▸';
  const fit = (l: Line) => fitLine(l, Math.max(1, p.width), glyphs.ellipsis);
  const title: Line = [{ text: `Pick ${s.title}`, tone: 'title', bold: true }, { text: '  ' }, pickerCounts(s)];
  const query: Line = [{ text: 'filter: ', tone: 'muted' }, { text: safeText(s.query) }, { text: '_', tone: 'accent' }];
  if (p.rows === 1) {
    const sel = pickerSelection(s);
    return [fit([...title, { text: '  ' }, ...query, ...(sel === null ? [] : [{ text: `  ${pointer} ${safeText(sel)}` }])])];
  }
  const head = p.rows === 2 ? [query] : [title, query];
  const footer = p.rows >= 4;
  const listRows = p.rows - head.length - (footer ? 1 : 0);
  const top = Math.floor(s.cursor / listRows) * listRows;
  const list: Line[] = s.matches.length === 0
    ? [emptyLine(s)]
    : s.matches.slice(top, top + listRows).map((v, i) => itemLine(v, s.query, top + i === s.cursor, pointer));
  while (list.length < listRows) list.push([]);
  const out = [...head, ...list];
  if (footer) {
    const where = s.matches.length > 0 ? `${formatCount(s.cursor + 1)}/${formatCount(s.matches.length)}  ` : '';
    out.push([{ text: `${where}enter choose  esc back`, tone: 'muted' }]);
  }
  return out.map(fit);
}
