// Styled lines as SGR text: tones, weight and inverse with colour; only inverse without it.
import { describe, expect, it } from 'vitest';
import { lineToAnsi } from '../../src/terminal/ansi.js';
import { parseRow } from '../../src/terminal/screen-diff.js';
import type { Line } from '../../src/terminal/styled.js';

const l: Line = [{ text: 'Error rate ' }, { text: '5.00% CRIT', tone: 'crit', bold: true }, { text: ' via prom', tone: 'muted' }, { text: '_', inverse: true }];

describe('lineToAnsi', () => {
  it('styles each segment and closes it', () => {
    expect(lineToAnsi(l, true)).toBe('Error rate \x1b[1;31m5.00% CRIT\x1b[0m\x1b[2;90m via prom\x1b[0m\x1b[7m_\x1b[0m');
  });

  it('keeps only inverse without colour, so no colour escape is ever written', () => {
    const s = lineToAnsi(l, false);
    expect(s).toBe('Error rate 5.00% CRIT via prom\x1b[7m_\x1b[0m');
    expect(s).not.toMatch(/\x1b\[[0-9;]*3[0-9]m|\x1b\[[0-9;]*9[0-7]m/);
  });

  it('reads back as the same text with the styles on the right cells', () => {
    const row = parseRow(lineToAnsi(l, true));
    expect(row.cells.map((c) => c.ch).join('')).toBe('Error rate 5.00% CRIT via prom_');
    expect(row.cells[11].style).toBe('\x1b[1;31m');
    expect(row.cells[0].style).toBe('');
  });
});
