import { describe, expect, it } from 'vitest';
import { safeText } from '../../../src/model/text/safe-text.js';
import { cutToWidth, displayWidth } from '../../../src/model/text/display-width.js';

describe('safeText', () => {
  it.each([
    ['OSC title with BEL', 'a\u001b]0;owned\u0007b', 'a^[]0;owned^Gb'],
    ['OSC hyperlink with ST', '\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\', '^[]8;;http://x^[\\link^[]8;;^[\\'],
    ['CSI clear screen and colour', '\u001b[2J\u001b[31mred', '^[[2J^[[31mred'],
    ['bell, backspace, carriage return', 'x\u0007y\bz\rw', 'x^Gy^Hz^Mw'],
    ['NUL and DEL', 'a\u0000b\u007fc', 'a^@b^?c'],
    ['C1 CSI and NEL', 'a\u009b2Jb\u0085c', 'a<U+009B>2Jb<U+0085>c'],
    ['bidi override and isolate', 'abc\u202Edef\u2066x\u2069', 'abc<U+202E>def<U+2066>x<U+2069>'],
    ['lone surrogates', 'a\ud800b\udc00c', 'a<U+D800>b<U+DC00>c'],
    ['tab becomes a space', 'a\tb', 'a b'],
  ])('%s', (_name, input, expected) => {
    expect(safeText(input)).toBe(expected);
  });

  it('keeps printable Unicode, emoji pairs and U+FFFD as they are', () => {
    expect(safeText('zürich 東京 🔥 \ufffd')).toBe('zürich 東京 🔥 \ufffd');
  });

  it('never lets a control, C1 or bidi character through, whatever the input', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 200; n++) {
      const s = Array.from({ length: 200 }, () => String.fromCharCode(Math.floor(rnd() * (rnd() < 0.8 ? 0x300 : 0x10000)))).join('');
      expect(safeText(s)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    }
  });

  it('looks at no more than maxChars of a 1 MB line', () => {
    const big = `${'\u001b[2J'.repeat(10)}${'x'.repeat(1_000_000)}`;
    expect(safeText(big, 40)).toBe(`${'^[[2J'.repeat(10)}`);
  });
});

describe('display width', () => {
  it('counts wide characters as two columns and combining marks as none', () => {
    expect(displayWidth('ab')).toBe(2);
    expect(displayWidth('東京')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('🔥')).toBe(2);
  });

  it('cuts to the width with a marker and never splits a wide character or a pair', () => {
    expect(cutToWidth('hello world', 8, '…')).toBe('hello w…');
    expect(cutToWidth('hello', 8, '…')).toBe('hello');
    expect(cutToWidth('東京東京', 5, '…')).toBe('東京…');
    expect(cutToWidth('a🔥🔥', 4, '…')).toBe('a🔥…');
    expect(cutToWidth('x'.repeat(1_000_000), 10, '>')).toBe(`${'x'.repeat(9)}>`);
  });
});
