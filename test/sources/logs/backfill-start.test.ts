import { describe, expect, it } from 'vitest';
import { backfillStart } from '../../../src/sources/logs/backfill-start.js';
import type { TailHandle } from '../../../src/sources/logs/tail-fs.js';

function handleOver(content: Buffer): TailHandle & { bytesRead: number } {
  const h = {
    bytesRead: 0,
    read: async (buffer: Buffer, offset: number, length: number, position: number) => {
      const n = content.copy(buffer, offset, position, Math.min(content.length, position + length));
      h.bytesRead += n;
      return { bytesRead: n };
    },
    stat: async () => ({ dev: 1, ino: 1, size: content.length, isFile: () => true }),
    close: async () => undefined,
  };
  return h;
}

async function lastLines(text: string, lines: number, maxBytes = 1 << 20): Promise<{ text: string; midLine: boolean }> {
  const buf = Buffer.from(text);
  const start = await backfillStart(handleOver(buf), buf.length, lines, maxBytes);
  return { text: buf.subarray(start.offset).toString(), midLine: start.midLine };
}

describe('backfillStart', () => {
  it.each([
    { name: 'last two of three', text: 'a\nb\nc\n', n: 2, want: 'b\nc\n' },
    { name: 'unterminated last line counts', text: 'a\nb\nc', n: 2, want: 'b\nc' },
    { name: 'more lines asked than present', text: 'a\nb\n', n: 10, want: 'a\nb\n' },
    { name: 'zero lines', text: 'a\nb\n', n: 0, want: '' },
    { name: 'empty file', text: '', n: 5, want: '' },
    { name: 'empty lines count', text: 'a\n\n\n', n: 2, want: '\n\n' },
  ])('$name', async ({ text, n, want }) => {
    expect(await lastLines(text, n)).toEqual({ text: want, midLine: false });
  });

  it('stops at the byte limit and says when that point is mid-line', async () => {
    expect(await lastLines('aaaa\nbbbb\n', 5, 7)).toEqual({ text: 'a\nbbbb\n', midLine: true });
    expect(await lastLines('aaaa\nbbbb\n', 5, 5)).toEqual({ text: 'bbbb\n', midLine: false });
  });

  it('reads backwards across chunks without reading the whole file', async () => {
    const line = `${'x'.repeat(99)}\n`;
    const buf = Buffer.from(line.repeat(10_000));
    const h = handleOver(buf);
    const start = await backfillStart(h, buf.length, 3, 1 << 30);
    expect(buf.length - start.offset).toBe(300);
    expect(h.bytesRead).toBeLessThan(buf.length / 4);
  });
});
