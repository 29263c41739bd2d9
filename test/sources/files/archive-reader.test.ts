// The archive reader's line chunker: whole lines only, in pieces of bounded size, whatever the reads look like; a
// line longer than MAX_LINE_BYTES is cut and counted.
import { describe, expect, it } from 'vitest';
import { LineChunker, MAX_LINE_BYTES, PIECE_BYTES } from '../../../src/sources/files/archive-reader.js';

function feed(bytes: Buffer, readSize: number): { pieces: string[]; lines: number } {
  const pieces: string[] = [];
  const chunker = new LineChunker((t) => {
    pieces.push(t);
    let n = 0;
    for (let i = t.indexOf('\n'); i >= 0; i = t.indexOf('\n', i + 1)) n++;
    return n + (t.endsWith('\n') ? 0 : 1);
  });
  for (let at = 0; at < bytes.length; at += readSize) chunker.push(bytes.subarray(at, at + readSize));
  chunker.end();
  return { pieces, lines: chunker.lines };
}

describe('LineChunker', () => {
  const lines = Array.from({ length: 5000 }, (_, i) => `{"i":${i},"msg":"é€😀 ${'x'.repeat(i % 97)}"}`);
  const text = `${lines.join('\n')}\nlast line without newline`;
  const bytes = Buffer.from(text);

  it('gives back the same text as whole lines, for any read size, multi-byte characters split across reads', () => {
    for (const size of [1, 3, 7, 100, 4096, 65_537, 1 << 20]) {
      const { pieces, lines: n } = feed(bytes, size);
      expect(pieces.join('')).toBe(text);
      expect(n).toBe(5001);
      for (const p of pieces.slice(0, -1)) expect(p.endsWith('\n')).toBe(true);
    }
  });

  it('keeps pieces near PIECE_BYTES even when a read is much larger', () => {
    const big = Buffer.from(`${Array.from({ length: 40_000 }, (_, i) => `line ${i} ${'y'.repeat(40)}`).join('\n')}\n`);
    const { pieces } = feed(big, big.length);
    expect(pieces.length).toBeGreaterThan(big.length / PIECE_BYTES - 1);
    for (const p of pieces) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(PIECE_BYTES);
  });

  it('holds at most MAX_LINE_BYTES of a file without newlines, and gives it as one cut line at the end', () => {
    const chunk = Buffer.alloc(8 << 20, 0x61);
    const got: string[] = [];
    const chunker = new LineChunker((t) => {
      got.push(t);
      return 1;
    });
    for (let i = 0; i < 10; i++) chunker.push(chunk);
    expect(got).toEqual([]);
    chunker.end();
    expect(got).toEqual([`${'a'.repeat(MAX_LINE_BYTES)}\n`]);
    expect(chunker.lines).toBe(1);
    expect(chunker.cutLines).toBe(1);
    expect(chunker.bytes).toBe(80 << 20);
  });
});

describe('LineChunker with a line longer than MAX_LINE_BYTES', () => {
  // Before and after the long line, normal lines; the long one starts with a marker and ends in the middle of a
  // 4-byte character exactly at the limit, so the cut must not split it.
  const before = Array.from({ length: 3000 }, (_, i) => `{"i":${i},"msg":"before"}`);
  const after = Array.from({ length: 3000 }, (_, i) => `{"i":${i},"msg":"after"}`);
  const long = `LONG${'z'.repeat(MAX_LINE_BYTES - 6)}😀${'q'.repeat(2 * MAX_LINE_BYTES)}`;
  const text = `${before.join('\n')}\n${long}\n${after.join('\n')}\n`;
  const bytes = Buffer.from(text);

  it('cuts it to MAX_LINE_BYTES, counts it once, and reads every other line whole, for any read size', () => {
    for (const size of [4096, 65_537, 1 << 20, 3 << 20, bytes.length]) {
      const { pieces, lines: n } = feed(bytes, size);
      const out = pieces.join('').split('\n');
      expect(out.slice(0, 3000)).toEqual(before);
      expect(out[3000]).toBe(`LONG${'z'.repeat(MAX_LINE_BYTES - 6)}`);
      expect(out.slice(3001, 6001)).toEqual(after);
      expect(out.length).toBe(6002);
      expect(n).toBe(6001);
    }
  });

  it('counts each cut line, the last one even without a newline', () => {
    const chunker = new LineChunker((t) => t.split('\n').length - 1);
    chunker.push(Buffer.from(`ok\n${'x'.repeat(MAX_LINE_BYTES + 1)}\nok\n${'y'.repeat(MAX_LINE_BYTES)}\n`));
    chunker.push(Buffer.from('y'.repeat(MAX_LINE_BYTES + 5)));
    chunker.end();
    expect(chunker.cutLines).toBe(2);
    expect(chunker.lines).toBe(5);
  });
});
