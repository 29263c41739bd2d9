// The first pass of an interactive replay: every line with its offset, a line longer than MAX_LINE_BYTES cut and
// counted, and the lines after it at offsets that read back the same text.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LineReader, linesWithOffsets, type OffsetLine } from '../../../src/sources/files/archive-lines.js';
import { MAX_LINE_BYTES } from '../../../src/sources/files/archive-reader.js';

const dir = mkdtempSync(join(tmpdir(), 'incident-archive-lines-'));

async function pass(path: string): Promise<{ lines: OffsetLine[]; cut: number }> {
  const stats = { cut: 0 };
  const lines: OffsetLine[] = [];
  for await (const batch of linesWithOffsets(path, stats)) lines.push(...batch);
  return { lines, cut: stats.cut };
}

describe('linesWithOffsets', () => {
  it('gives every line and its offset, CR before LF removed, the last line without a newline', async () => {
    const path = join(dir, 'plain.log');
    writeFileSync(path, 'one\r\ntwo\n\nthree é\nlast');
    const { lines, cut } = await pass(path);
    expect(lines).toEqual([
      { text: 'one', offset: 0 }, { text: 'two', offset: 5 }, { text: '', offset: 9 }, { text: 'three é', offset: 10 }, { text: 'last', offset: 19 },
    ]);
    expect(cut).toBe(0);
  });

  it('cuts lines longer than MAX_LINE_BYTES, within a read and across reads, and keeps the offsets of the others', async () => {
    const path = join(dir, 'long.log');
    // A line exactly at the limit stays whole; the long ones end in a 2-byte character split by the limit.
    const atLimit = 'k'.repeat(MAX_LINE_BYTES);
    const long = (c: string, n: number) => `${c.repeat(MAX_LINE_BYTES - 1)}é${'r'.repeat(n)}`;
    const parts = ['first', long('a', 10), 'middle\r', atLimit, long('b', 3 * MAX_LINE_BYTES), 'after', long('c', 5)];
    writeFileSync(path, parts.join('\n'));
    const { lines, cut } = await pass(path);
    expect(lines.map((l) => l.text)).toEqual(['first', 'a'.repeat(MAX_LINE_BYTES - 1), 'middle', atLimit, 'b'.repeat(MAX_LINE_BYTES - 1), 'after', 'c'.repeat(MAX_LINE_BYTES - 1)]);
    expect(cut).toBe(3);
    let offset = 0;
    for (const [i, p] of parts.entries()) {
      expect(lines[i].offset).toBe(offset);
      offset += Buffer.byteLength(p) + 1;
    }
    const back = new LineReader([path]);
    expect(await back.read(0, lines[5].offset)).toBe('after');
    expect(await back.read(0, lines[2].offset)).toBe('middle');
    await back.close();
  });

  it('reads a file without a newline in bounded pieces and gives one cut line', async () => {
    const path = join(dir, 'noline.log');
    writeFileSync(path, 'x'.repeat(5 * MAX_LINE_BYTES + 3));
    const { lines, cut } = await pass(path);
    expect(lines).toEqual([{ text: 'x'.repeat(MAX_LINE_BYTES), offset: 0 }]);
    expect(cut).toBe(1);
  });
});
