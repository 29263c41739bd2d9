// Finds where the last N lines of a file begin by reading backwards from the end in chunks.
import type { TailHandle } from './tail-fs.js';

const CHUNK = 64 * 1024;

/** Where to start reading (bytes) and whether that point is mid-line because the byte limit was reached. */
export interface BackfillStart {
  offset: number;
  midLine: boolean;
}

/**
 * Offset of the first of the last `lines` lines of the first `size` bytes, reading at most `maxBytes`
 * backwards. A final line without a newline counts as a line.
 */
export async function backfillStart(handle: TailHandle, size: number, lines: number, maxBytes: number): Promise<BackfillStart> {
  if (lines <= 0 || size === 0) return { offset: size, midLine: false };
  const floor = Math.max(0, size - maxBytes);
  const buf = Buffer.allocUnsafe(CHUNK);
  let end = size;
  let seen = 0;
  // A newline as the very last byte ends the last line; it does not start one.
  let ignoreAt = size - 1;
  while (end > floor) {
    const start = Math.max(floor, end - CHUNK);
    const { bytesRead } = await handle.read(buf, 0, end - start, start);
    if (bytesRead < end - start) return { offset: end, midLine: false };
    for (let i = bytesRead - 1; i >= 0; i -= 1) {
      if (buf[i] !== 10 || start + i === ignoreAt) continue;
      seen += 1;
      if (seen === lines) return { offset: start + i + 1, midLine: false };
    }
    ignoreAt = -1;
    end = start;
  }
  if (floor === 0) return { offset: 0, midLine: false };
  const { bytesRead } = await handle.read(buf, 0, 1, floor - 1);
  return { offset: floor, midLine: bytesRead === 1 && buf[0] !== 10 };
}
