// The archive reader's line chunker: whole lines only, in pieces of bounded size, whatever the reads look like.
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

  it('hands on a line longer than MAX_LINE_BYTES in pieces instead of holding it', () => {
    const chunk = Buffer.alloc(8 << 20, 0x61);
    let held = 0;
    const chunker = new LineChunker((t) => {
      held += t.length;
      return 1;
    });
    for (let i = 0; i < MAX_LINE_BYTES / chunk.length + 2; i++) chunker.push(chunk);
    expect(held).toBeGreaterThan(MAX_LINE_BYTES);
    chunker.end();
  });
});
