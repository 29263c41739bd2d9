// The picker drawn at fixed sizes, compared as exact text; the cursor is a glyph, not only colour.
import { describe, expect, it } from 'vitest';
import { createPicker, reducePicker, type PickerAction, type PickerState } from '../../../src/model/console-state/picker.js';
import { asciiGlyphs, unicodeGlyphs } from '../../../src/ui/format/glyphs.js';
import { formatCount, pickerLines } from '../../../src/ui/format/picker-lines.js';
import { plain } from '../../../src/terminal/styled.js';

const SERVICES = ['api-gateway', 'checkout', 'checkout-payments', 'payments', 'payments-api', 'search', 'shipping'];
const MANY = Array.from({ length: 50_000 }, (_, i) => `svc-${String(i).padStart(5, '0')}`);

const picker = (values: readonly string[] | null, actions: PickerAction[] = [], total?: number): PickerState => {
  const start = createPicker('service');
  const loaded = values === null ? start : reducePicker(start, { type: 'values', values, total });
  return actions.reduce(reducePicker, loaded);
};

const draw = (state: PickerState, rows: number, width: number, ascii = false) =>
  pickerLines({ state, rows, width, glyphs: ascii ? asciiGlyphs : unicodeGlyphs }).map(plain);

describe('pickerLines', () => {
  it('draws title with counts, the filter, the list with the cursor glyph, and a footer', () => {
    expect(draw(picker(SERVICES, [{ type: 'down' }]), 6, 40)).toEqual([
      'Pick service  7',
      'filter: _',
      '  api-gateway',
      '▸ checkout',
      '  checkout-payments',
      '2/7  enter choose  esc back',
    ]);
  });

  it('says "5,000 of 50,000" when the list is capped, and pads to the rows asked for', () => {
    expect(draw(picker(MANY), 5, 40, true)).toEqual([
      'Pick service  5,000 of 50,000',
      'filter: _',
      '> svc-00000',
      '  svc-00001',
      '1/5,000  enter choose  esc back',
    ]);
  });

  it('counts matches and what was searched when the source held more than was kept', () => {
    const s = picker(MANY.slice(0, 10_000), [{ type: 'type', text: '0001' }], 50_000);
    expect(draw(s, 4, 60, true)).toEqual([
      'Pick service  11 matches, searched 10,000 of 50,000',
      'filter: 0001_',
      '> svc-00010',
      '1/11  enter choose  esc back',
    ]);
  });

  it('scrolls a page at a time so the cursor stays visible', () => {
    const s = picker(SERVICES, [{ type: 'page', direction: 1, rows: 4 }]);
    expect(draw(s, 6, 40, true)).toEqual([
      'Pick service  7',
      'filter: _',
      '  payments',
      '> payments-api',
      '  search',
      '5/7  enter choose  esc back',
    ]);
  });

  it('marks the matching part as its own segment', () => {
    const lines = pickerLines({ state: picker(SERVICES, [{ type: 'type', text: 'PAY' }]), rows: 4, width: 40, glyphs: asciiGlyphs });
    expect(lines[2].map((seg) => seg.text)).toEqual(['> ', 'pay', 'ments']);
    expect(lines[2][1]).toMatchObject({ tone: 'accent', inverse: true });
  });

  it.each<[string, PickerState, string[]]>([
    ['loading', picker(null), ['Pick service  loading', 'filter: _', '  loading values...', '', 'enter choose  esc back']],
    ['no match', picker(SERVICES, [{ type: 'type', text: 'ledger' }]), ['Pick service  0 matches', 'filter: ledger_', '  no match; enter takes "ledger" as typed', '', 'enter choose  esc back']],
    ['load failed', reducePicker(picker(null), { type: 'failed', error: 'connection refused' }),
      ['Pick service  could not load: connection refused', 'filter: _', '  type a name and press enter', '', 'enter choose  esc back']],
    ['no values', picker([]), ['Pick service  0', 'filter: _', '  no values found', '', 'enter choose  esc back']],
  ])('%s', (_name, state, want) => {
    expect(draw(state, 5, 60)).toEqual(want);
  });

  it('cuts lines to the width with the ellipsis glyph', () => {
    expect(draw(picker(SERVICES, [{ type: 'down' }, { type: 'down' }]), 4, 12, true)).toEqual([
      'Pick servic>',
      'filter: _',
      '> checkout->',
      '3/7  enter >',
    ]);
  });

  it.each<[number, string[]]>([
    [3, ['Pick service  3 matches', 'filter: pay_', '▸ payments']],
    [2, ['filter: pay_', '▸ payments']],
    [1, ['Pick service  3 matches  filter: pay_  ▸ payments']],
    [0, []],
  ])('degrades to %i rows', (rows, want) => {
    const s = picker(SERVICES, [{ type: 'type', text: 'pay' }]);
    expect(draw(s, rows, 80)).toEqual(want);
  });

  it('shows control characters in values instead of sending them to the terminal', () => {
    const lines = draw(picker(['ok', 'evil\u001b[2J\u0007']), 5, 40, true);
    expect(lines[3]).toBe('  evil^[[2J^G');
    expect(lines.join('')).not.toMatch(/[\u0000-\u001f]/);
  });
});

describe('helpers', () => {
  it.each([[0, '0'], [999, '999'], [5000, '5,000'], [50_000, '50,000'], [1_234_567, '1,234,567']])('formatCount(%i)', (n, want) => {
    expect(formatCount(n)).toBe(want);
  });

});
