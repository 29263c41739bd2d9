// The row diff, checked by applying its bytes to a small terminal model and comparing with the frame it was made from.
import { describe, expect, it } from 'vitest';
import { clipRow, diffFrame, diffRow, lineToRow, parseFrame, parseRow } from '../../src/terminal/screen-diff.js';
import { VirtualTerminal } from '../helpers/virtual-terminal.js';
import { lineToAnsi } from '../../src/terminal/ansi.js';
import type { Line } from '../../src/terminal/styled.js';

class Term extends VirtualTerminal {}

const plain = (frame: string) => frame.replace(/\x1b\[[0-9;]*m/g, '');
const styleGrid = (frame: string, cols: number, rows: number) => {
  const t = new Term(cols, rows);
  t.apply(diffFrame(undefined, parseFrame(frame)));
  return t.styles();
};

describe('screen diff', () => {
  const a = 'incident payments  12:00:01  prom \x1b[32mup\x1b[39m 1s ago\nError rate \x1b[1;31m5.00% CRIT\x1b[22;39m\n───────';
  const b = 'incident payments  12:00:02  prom \x1b[32mup\x1b[39m 0s ago\nError rate \x1b[1;33m2.10% WARN\x1b[22;39m\n───────';

  it('draws a whole frame on a cleared screen', () => {
    const t = new Term(60, 5);
    t.apply(diffFrame(undefined, parseFrame(a)));
    expect(t.text()).toBe(plain(a));
  });

  it('sends only the changed cells of a clock tick', () => {
    const t = new Term(60, 5);
    t.apply(diffFrame(undefined, parseFrame(a)));
    const bytes = diffFrame(parseFrame(a), parseFrame(b));
    t.apply(bytes);
    expect(t.text()).toBe(plain(b));
    expect(t.styles()).toEqual(styleGrid(b, 60, 5));
    expect(bytes.length).toBeLessThan(60);
  });

  it('sends nothing for an unchanged frame', () => {
    expect(diffFrame(parseFrame(a), parseFrame(a))).toBe('');
  });

  it('erases what a shorter row or frame leaves behind', () => {
    const t = new Term(40, 6);
    const long = 'one two three\nsecond row\nthird row';
    const short = 'one\nsecond';
    t.apply(diffFrame(undefined, parseFrame(long)));
    t.apply(diffFrame(parseFrame(long), parseFrame(short)));
    expect(t.text()).toBe(short);
  });

  it('treats colour changes as changes and canonicalises equal styles', () => {
    expect(parseRow('\x1b[31mx\x1b[39m').cells[0].style).toBe(parseRow('\x1b[1;31m\x1b[22mx').cells[0].style);
    expect(diffRow(parseRow('\x1b[31mx\x1b[39m'), parseRow('\x1b[32mx\x1b[39m'), 0)).toContain('x');
  });

  it('ignores the foreground colour of spaces but not their background', () => {
    expect(diffRow(parseRow('\x1b[31ma   b\x1b[39m'), parseRow('\x1b[31ma\x1b[32m   \x1b[31mb\x1b[39m'), 0)).toBe('');
    expect(diffRow(parseRow('a   b'), parseRow('a\x1b[41m   \x1b[49mb'), 0)).not.toBe('');
  });

  it('redraws a row whole when it holds characters of unknown width', () => {
    const bytes = diffRow(parseRow('log 日本 ok'), parseRow('log 日本 no'), 3);
    expect(bytes.startsWith('\x1b[4H')).toBe(true);
    expect(bytes.endsWith('\x1b[K')).toBe(true);
  });

  it('keeps random edits of styled frames exact', () => {
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const tones = ['', '\x1b[31m', '\x1b[1;32m', '\x1b[2;90m', '\x1b[7m'];
    const randomFrame = () => Array.from({ length: 8 }, () => {
      let row = '';
      for (let i = rnd(30); i > 0; i--) row += `${tones[rnd(tones.length)]}${'ab ─█·'[rnd(6)]}\x1b[0m`;
      return row;
    }).join('\n');
    const t = new Term(40, 10);
    let prev = randomFrame();
    t.apply(diffFrame(undefined, parseFrame(prev)));
    for (let k = 0; k < 200; k++) {
      const next = randomFrame();
      t.apply(diffFrame(parseFrame(prev), parseFrame(next)));
      expect(t.text()).toBe(plain(next).split('\n').map((r) => r.trimEnd()).join('\n').replace(/\n+$/, ''));
      expect(t.styles()).toEqual(styleGrid(next, 40, 10));
      prev = next;
    }
  });
});

describe('clipRow', () => {
  it('cuts narrow rows at the width and wide text by its columns with two spare', () => {
    expect(clipRow(parseRow('abcdefgh'), 5).cells.map((c) => c.ch).join('')).toBe('abcde');
    expect(clipRow(parseRow('log 日本語のテキスト'), 12).cells.map((c) => c.ch).join('')).toBe('log 日本語');
    expect(clipRow(parseRow('e\u0301e\u0301'), 10).cells).toHaveLength(4);
    // A p99 floor's sign is as narrow as the bars beside it: the row keeps its last columns.
    expect(clipRow(lineToRow([{ text: '█ ≥2.50s OVER' }], false), 13).cells.map((c) => c.ch).join('')).toBe('█ ≥2.50s OVER');
  });
});

describe('lineToRow (styled lines straight to cells)', () => {
  const lines: Line[] = [
    [{ text: 'payments ', tone: 'title', bold: true }, { text: '5.00% CRIT', tone: 'crit' }, { text: '  0s ago', tone: 'muted' }],
    [{ text: ' selected ', inverse: true }, { text: ' plain' }],
    [{ text: '日本語 e\u0301 ok', tone: 'ok' }],
    [],
  ];

  it('gives the cells the same frame would give as SGR text, in colour and without', () => {
    for (const color of [true, false]) {
      for (const l of lines) expect(lineToRow(l, color)).toEqual(parseRow(lineToAnsi(l, color)));
    }
  });

  it('shows control characters and escape sequences instead of sending them', () => {
    const row = lineToRow([{ text: 'pod\x1b]52;c;cHduZWQ=\x07\r\b\u202e\x9b2J', tone: 'crit' }], true);
    const text = row.cells.map((c) => c.ch).join('');
    expect(text).toBe('pod^[]52;c;cHduZWQ=^G^M^H<U+202E><U+009B>2J');
    const t = new Term(60, 2);
    t.apply(diffFrame(undefined, [row]));
    expect(t.text()).toBe(text);
  });
});
