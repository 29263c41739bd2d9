import { describe, expect, it } from 'vitest';
import { CUT_MARKER, LineSplitter, cutText, finishLine, utf8SafeLength } from '../../../src/sources/logs/line-splitter.js';

function split(chunks: Array<string | Buffer>, maxBytes = 64 * 1024): { lines: string[]; rest: string | null; cut: number } {
  const s = new LineSplitter(maxBytes);
  const lines: string[] = [];
  for (const c of chunks) s.push(typeof c === 'string' ? Buffer.from(c) : c, (l) => lines.push(l));
  const rest = s.flush();
  return { lines, rest, cut: s.cutLines };
}

describe('LineSplitter', () => {
  const cases: Array<{ name: string; chunks: Array<string | Buffer>; lines: string[]; rest: string | null }> = [
    { name: 'one chunk, several lines', chunks: ['a\nb\n'], lines: ['a', 'b'], rest: null },
    { name: 'line across chunks', chunks: ['hel', 'lo\nwor', 'ld\n'], lines: ['hello', 'world'], rest: null },
    { name: 'no trailing newline', chunks: ['a\nb'], lines: ['a'], rest: 'b' },
    { name: 'CRLF endings', chunks: ['a\r\nb\r', '\n'], lines: ['a', 'b'], rest: null },
    { name: 'empty lines kept', chunks: ['\n\nx\n'], lines: ['', '', 'x'], rest: null },
    { name: 'NUL bytes kept', chunks: [Buffer.from([0x61, 0x00, 0x62, 0x0a])], lines: ['a\u0000b'], rest: null },
    { name: 'invalid UTF-8 replaced', chunks: [Buffer.from([0x61, 0xff, 0xfe, 0x62, 0x0a])], lines: ['a\ufffd\ufffdb'], rest: null },
    {
      name: 'multi-byte character split across chunks',
      chunks: [Buffer.from([0x63, 0x61, 0x66, 0xc3]), Buffer.from([0xa9, 0x0a])],
      lines: ['café'],
      rest: null,
    },
  ];
  it.each(cases)('$name', ({ chunks, lines, rest }) => {
    const got = split(chunks);
    expect(got.lines).toEqual(lines);
    expect(got.rest).toBe(rest);
    expect(got.cut).toBe(0);
  });

  it('cuts a line longer than the limit, marks it with the dropped byte count and counts it', () => {
    const got = split(['0123456789abcdef', 'ghij\nshort\n'], 8);
    expect(got.lines).toEqual([`01234567${CUT_MARKER}12 bytes]`, 'short']);
    expect(got.cut).toBe(1);
  });

  it('does not leave half a character at the cut', () => {
    const got = split(['aaaaaaaé\n'], 8);
    expect(got.lines[0]).toBe(`aaaaaaa${CUT_MARKER}2 bytes]`);
  });

  it('a 1 MB line becomes one cut line of at most the limit plus the marker', () => {
    const big = Buffer.alloc(1024 * 1024, 0x78);
    const got = split([big, '\nafter\n']);
    expect(got.lines).toHaveLength(2);
    expect(got.lines[0].startsWith('x'.repeat(64 * 1024))).toBe(true);
    expect(got.lines[0]).toContain(`${CUT_MARKER}${1024 * 1024 - 64 * 1024} bytes]`);
    expect(got.lines[1]).toBe('after');
    expect(got.cut).toBe(1);
  });

  it('skipToNextLine drops the fragment before the first newline', () => {
    const s = new LineSplitter();
    const lines: string[] = [];
    s.skipToNextLine();
    s.push(Buffer.from('tail of a line'), (l) => lines.push(l));
    s.push(Buffer.from('\nwhole\n'), (l) => lines.push(l));
    expect(lines).toEqual(['whole']);
  });
});

describe('utf8SafeLength and cutText', () => {
  it.each([
    { bytes: [0x61, 0x62], want: 2 },
    { bytes: [0x61, 0xc3], want: 1 },
    { bytes: [0x61, 0xc3, 0xa9], want: 3 },
    { bytes: [0x61, 0xe2, 0x82], want: 1 },
    { bytes: [0xf0, 0x9f, 0x98, 0x80], want: 4 },
    { bytes: [0xf0, 0x9f, 0x98], want: 0 },
  ])('$bytes -> $want', ({ bytes, want }) => {
    expect(utf8SafeLength(Buffer.from(bytes))).toBe(want);
  });

  it('cutText leaves short text alone and cuts long text', () => {
    expect(cutText('short', 8)).toEqual({ text: 'short', cut: false });
    expect(cutText('0123456789', 8)).toEqual({ text: `01234567${CUT_MARKER}2 bytes]`, cut: true });
  });
});

describe('LineSplitter with onBlock', () => {
  /** Every line, decoding blocks as the parse thread does, with the chunking given. */
  function viaBlocks(chunks: Buffer[], maxBytes: number): { lines: string[]; blocks: number } {
    const s = new LineSplitter(maxBytes);
    const lines: string[] = [];
    let blocks = 0;
    for (const c of chunks) {
      s.push(c, (l) => lines.push(l), (chunk, start, end) => {
        blocks++;
        expect(chunk[end - 1]).toBe(10);
        const text = chunk.toString('utf8', start, end - 1);
        for (const l of text.split('\n')) lines.push(finishLine(l));
      });
    }
    const rest = s.flush();
    if (rest !== null) lines.push(rest);
    return { lines, blocks };
  }

  it('hands over the same lines in the same order as line by line, however the bytes are cut', () => {
    const text = Buffer.from(['short', 'crlf\r', '', 'x'.repeat(40), 'é ünï ✓', 'y'.repeat(10), 'z'].join('\n') + '\nno newline at the end');
    for (const size of [1, 3, 7, 16, 64, text.length]) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < text.length; i += size) chunks.push(text.subarray(i, i + size));
      const one = split(chunks, 32);
      const got = viaBlocks(chunks, 32);
      expect(got.lines, `chunks of ${size}`).toEqual([...one.lines, one.rest]);
      if (size === text.length) expect(got.blocks).toBe(2);
    }
  });
});

