// The columns a code point takes, at the edges of every range the measure knows.
import { describe, expect, it } from 'vitest';
import { charWidth, displayWidth } from '../../../src/model/text/display-width.js';

describe('charWidth', () => {
  it('is right on both sides of each range', () => {
    const cases: Array<[number, number]> = [
      [0x41, 1], [0x2ff, 1], [0x300, 0], [0x36f, 0], [0x370, 1], [0x10ff, 1],
      [0x1100, 2], [0x115f, 2], [0x1160, 1], [0x200a, 1], [0x200b, 0], [0x200f, 0], [0x2010, 1],
      [0x2500, 1], [0x2588, 1], [0x2800, 1], [0x28ff, 1], [0x2e7f, 1], [0x2e80, 2], [0x303e, 2], [0x303f, 1],
      [0x3040, 2], [0xa4cf, 2], [0xac00, 2], [0xd7a3, 2], [0xd7a4, 1], [0xf900, 2], [0xfdff, 1],
      [0xfe00, 0], [0xfe0f, 0], [0xfe10, 1], [0xfe30, 2], [0xfe4f, 2], [0xff00, 2], [0xff60, 2], [0xff61, 1],
      [0xffe0, 2], [0xffe6, 2], [0x1f300, 2], [0x1f64f, 2], [0x1f650, 1], [0x1f900, 2], [0x20000, 2], [0x3fffd, 2], [0x3fffe, 1],
    ];
    expect(cases.map(([cp]) => [cp, charWidth(cp)])).toEqual(cases);
  });

  it('counts a chart line of braille and blocks one column a character, and CJK two', () => {
    expect(displayWidth('⣿⣀⡇ ▁▂▇█ ┤')).toBe(10);
    expect(displayWidth('支付 ok')).toBe(7);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('🔥')).toBe(2);
  });
});
