// Turns one frame of cells into the fewest terminal bytes that change the previous frame into it.
import { charWidth } from '../model/text/display-width.js';
import { safeText } from '../model/text/safe-text.js';
import { sgrParams } from './ansi.js';
import type { Line } from './styled.js';

const ESC = '\x1b[';
const SGR = /\x1b\[([0-9;:]*)m/y;
const OTHER_ESCAPE = /\x1b(?:\[[0-9;:?]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|.)/y;

/** One terminal cell of a parsed row: its text and the canonical SGR sequence it is drawn with ('' = default). */
export interface Cell {
  ch: string;
  style: string;
}

/** A parsed row: its cells, and whether every cell is known to be one column wide (so columns can be addressed). */
export interface Row {
  cells: Cell[];
  narrow: boolean;
}

interface Pen {
  fg?: string;
  bg?: string;
  flags: Set<number>;
}

const FLAG_OFF: Record<number, number[]> = { 22: [1, 2], 23: [3], 24: [4], 25: [5], 27: [7], 28: [8], 29: [9] };

function applySgr(pen: Pen, params: string): void {
  const p = params === '' ? [0] : params.split(/[;:]/).map((x) => Number(x) || 0);
  for (let i = 0; i < p.length; i++) {
    const n = p[i];
    if (n === 0) {
      pen.fg = undefined;
      pen.bg = undefined;
      pen.flags.clear();
    } else if (n === 38 || n === 48) {
      const len = p[i + 1] === 5 ? 2 : p[i + 1] === 2 ? 4 : 0;
      const v = p.slice(i, i + 1 + len).join(';');
      if (n === 38) pen.fg = v;
      else pen.bg = v;
      i += len;
    } else if (n === 39) pen.fg = undefined;
    else if (n === 49) pen.bg = undefined;
    else if ((n >= 30 && n <= 37) || (n >= 90 && n <= 97)) pen.fg = String(n);
    else if ((n >= 40 && n <= 47) || (n >= 100 && n <= 107)) pen.bg = String(n);
    else if (FLAG_OFF[n]) for (const f of FLAG_OFF[n]) pen.flags.delete(f);
    else if (n >= 1 && n <= 9) pen.flags.add(n);
  }
}

function penStyle(pen: Pen): string {
  const parts = [...pen.flags].sort((a, b) => a - b).map(String);
  if (pen.fg) parts.push(pen.fg);
  if (pen.bg) parts.push(pen.bg);
  return parts.length === 0 ? '' : `${ESC}${parts.join(';')}m`;
}

/**
 * Ranges drawn one column wide by every terminal we know: Latin, punctuation, arrows, the less- and greater-or-equal
 * signs, box drawing, blocks, shapes.
 */
const NARROW: Array<[number, number]> = [[0x20, 0x7e], [0xa0, 0x2ff], [0x2010, 0x206f], [0x2190, 0x21ff], [0x2264, 0x2265], [0x2500, 0x25fc], [0x2800, 0x28ff]];

/** True for code points known to be one column wide (anything else makes its row redrawn whole). */
function isNarrow(cp: number): boolean {
  if (cp >= 0x20 && cp <= 0x7e) return true;
  return NARROW.some(([lo, hi]) => cp >= lo && cp <= hi);
}

/**
 * Cuts a row to the terminal width so it can never wrap onto the next row. Rows of unknown widths are measured
 * with charWidth and keep two columns spare, in case the terminal counts a character wider than we do.
 */
export function clipRow(row: Row, cols: number): Row {
  if (row.narrow) return row.cells.length > cols ? { ...row, cells: row.cells.slice(0, cols) } : row;
  let used = 0;
  let n = 0;
  for (const c of row.cells) {
    const w = charWidth(c.ch.codePointAt(0)!);
    if (used + w > cols - 2) break;
    used += w;
    n++;
  }
  return n < row.cells.length ? { ...row, cells: row.cells.slice(0, n) } : row;
}

/**
 * One styled line as cells, directly (no escape sequences in between). Text passes the sanitizer on the way: a
 * control character or escape sequence that reached a panel is drawn visibly here, never sent to the terminal.
 */
export function lineToRow(l: Line, color: boolean): Row {
  const cells: Cell[] = [];
  let narrow = true;
  for (const seg of l) {
    if (seg.text === '') continue;
    const p = sgrParams(seg, color);
    const style = p.length === 0 ? '' : `${ESC}${p.join(';')}m`;
    // A space looks the same in any foreground colour or weight: only inverse shows.
    const spaceStyle = seg.inverse ? style : '';
    const text = safeText(seg.text);
    for (let i = 0; i < text.length; i++) {
      const cp = text.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      if (cp > 0xffff) i++;
      if (!isNarrow(cp)) narrow = false;
      cells.push({ ch, style: ch === ' ' ? spaceStyle : style });
    }
  }
  return { cells, narrow };
}

/** Parses one row of text with SGR colour escapes (what Ink draws by itself) into cells; other escapes are dropped. */
export function parseRow(text: string): Row {
  const pen: Pen = { flags: new Set() };
  let style = '';
  const cells: Cell[] = [];
  let narrow = true;
  let i = 0;
  while (i < text.length) {
    if (text.charCodeAt(i) === 0x1b) {
      SGR.lastIndex = i;
      const m = SGR.exec(text);
      if (m) {
        applySgr(pen, m[1]);
        style = penStyle(pen);
        i = SGR.lastIndex;
        continue;
      }
      OTHER_ESCAPE.lastIndex = i;
      i = OTHER_ESCAPE.exec(text) ? OTHER_ESCAPE.lastIndex : i + 1;
      continue;
    }
    const cp = text.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    i += ch.length;
    if (!isNarrow(cp)) narrow = false;
    // A space looks the same in any foreground colour or weight: only background and line attributes show.
    const visible = ch !== ' ' || pen.bg !== undefined || pen.flags.has(4) || pen.flags.has(7) || pen.flags.has(9);
    cells.push({ ch, style: visible ? style : '' });
  }
  return { cells, narrow };
}

/** Splits a rendered frame into parsed rows. */
export function parseFrame(text: string): Row[] {
  return text.split('\n').map(parseRow);
}

const same = (a: Cell | undefined, b: Cell | undefined) => a !== undefined && b !== undefined && a.ch === b.ch && a.style === b.style;

/** A stretch of a row to draw: cells[from..to) of `cells` at screen row y, then erase the rest of the row if `erase`. */
interface Run {
  y: number;
  from: number;
  to: number;
  cells: Cell[];
  erase: boolean;
}

/** Runs of differing cells closer than this are written as one (a cursor move costs about this many bytes). */
const MERGE_GAP = 8;

/** The stretches of row `next` (screen row y) that differ from `prev`. */
export function rowRuns(prev: Row | undefined, next: Row, y: number): Run[] {
  const old = prev?.cells ?? [];
  const cells = next.cells;
  const equal = old.length === cells.length && cells.every((c, i) => same(c, old[i]));
  if (equal) return [];
  // Without known widths, columns cannot be addressed inside the row: redraw it whole.
  if (!next.narrow || (prev && !prev.narrow)) return [{ y, from: 0, to: cells.length, cells, erase: true }];
  const runs: Run[] = [];
  const common = Math.min(old.length, cells.length);
  let i = 0;
  while (i < common) {
    if (same(old[i], cells[i])) {
      i++;
      continue;
    }
    let end = i + 1;
    for (let gap = 0; end < common && gap < MERGE_GAP; end++) gap = same(old[end], cells[end]) ? gap + 1 : 0;
    while (end > i + 1 && same(old[end - 1], cells[end - 1])) end--;
    runs.push({ y, from: i, to: end, cells, erase: false });
    i = end;
  }
  if (cells.length > common) runs.push({ y, from: common, to: cells.length, cells, erase: false });
  else if (old.length > common) runs.push({ y, from: common, to: common, cells, erase: true });
  return runs;
}

/** Writes runs with one pen and one cursor: no reset between runs, short moves within a row. */
function emit(runs: Run[]): string {
  let out = '';
  let style = '';
  let row = -1;
  for (const r of runs) {
    out += r.y === row ? `${ESC}${r.from + 1}G` : r.from === 0 ? `${ESC}${r.y + 1}H` : `${ESC}${r.y + 1};${r.from + 1}H`;
    row = r.y;
    for (let i = r.from; i < r.to; i++) {
      const c = r.cells[i];
      if (c.style !== style) {
        out += style === '' ? c.style : c.style === '' ? `${ESC}0m` : c.style.replace(ESC, `${ESC}0;`);
        style = c.style;
      }
      out += c.ch;
    }
    if (r.erase) {
      if (style !== '') out += `${ESC}0m`;
      style = '';
      out += `${ESC}K`;
    }
  }
  return style === '' ? out : `${out}${ESC}0m`;
}

/** Bytes that turn row `prev` (at screen row `y`, 0-based) into `next`; '' when they are equal. */
export function diffRow(prev: Row | undefined, next: Row, y: number): string {
  return emit(rowRuns(prev, next, y));
}

/** Bytes that turn the screen showing `prev` into `next`; with no `prev`, clears the screen and draws everything. */
export function diffFrame(prev: Row[] | undefined, next: Row[]): string {
  const runs: Run[] = [];
  for (let y = 0; y < next.length; y++) {
    if (!prev && next[y].cells.length === 0) continue;
    runs.push(...rowRuns(prev?.[y], next[y], y));
  }
  let out = prev ? emit(runs) : `${ESC}H${ESC}2J${emit(runs)}`;
  if (prev && prev.length > next.length) out += `${ESC}${next.length + 1}H${ESC}J`;
  return out;
}
