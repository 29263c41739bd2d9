// Looks at an archive before it is read: what kind of file it is, and whether its first bytes (unpacked, for gzip)
// look like text. A device or a binary file would otherwise be read as one endless line.
import type { Stats } from 'node:fs';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';

/** Bytes at the start of an archive that must look like text, in bytes. */
export const SNIFF_BYTES = 64 << 10;

/**
 * Largest share (0..1) of NUL and other control bytes (tab, CR, LF, VT, FF and ESC are text) in those first bytes:
 * random or compressed bytes have about 11%, log text almost none.
 */
export const MAX_CONTROL_SHARE = 1 / 16;

/** Why an archive cannot be read as log text: the problem (after the path), a hint and a stable error code. */
export interface ArchiveProblem {
  problem: string;
  hint?: string;
  code: string;
}

/** The bytes counted against text: NUL and the other controls but tab, LF, VT, FF, CR and ESC, and DEL. */
const NOT_TEXT = [...Array.from({ length: 0x20 }, (_, b) => b).filter((b) => b < 0x09 || (b > 0x0d && b !== 0x1b)), 0x7f];

/** Why `head`, the first bytes of a file, is not log text ('NUL bytes', 'control bytes'), or null when it looks like text. */
export function notTextReason(head: Uint8Array): string | null {
  // Log text holds none of them: a search for each (memchr) takes well under a millisecond where counting byte by
  // byte, in code that runs once per file and is never compiled, took 5-8 ms of every summary's start.
  const bytes = Buffer.isBuffer(head) ? head : Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (NOT_TEXT.every((b) => bytes.indexOf(b) < 0)) return null;
  let nul = 0;
  let other = 0;
  for (let i = 0; i < head.length; i++) {
    const b = head[i];
    if (b === 0) nul++;
    else if ((b < 0x20 && (b < 0x09 || b > 0x0d) && b !== 0x1b) || b === 0x7f) other++;
  }
  if (nul + other <= head.length * MAX_CONTROL_SHARE) return null;
  return nul >= other ? 'NUL bytes' : 'control bytes';
}

function notText(reason: string): ArchiveProblem {
  return {
    problem: `does not look like text (${reason} in the first ${SNIFF_BYTES >> 10} KiB)`,
    hint: reason === 'NUL bytes'
      ? "give a log file; a log padded with NUL bytes can be cleaned first: tr -d '\\000' < FILE > clean.log"
      : 'give a log file; of compressed files only gzip is read, unpack others first',
    code: 'INC_ARCHIVE_NOT_TEXT',
  };
}

/** The first `max` bytes unpacked from a gzip file; what came out before an error when it is cut or corrupt. */
async function gunzipHead(path: string, max: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  const input = createReadStream(path, { highWaterMark: max });
  const gunzip = process.getBuiltinModule('node:zlib').createGunzip();
  input.on('error', (err) => gunzip.destroy(err));
  input.pipe(gunzip);
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      parts.push(chunk);
      size += chunk.length;
      if (size >= max) break;
    }
  } catch {
    // The reader reports a cut or corrupt gzip itself; judge what came out before it.
  } finally {
    input.destroy();
    gunzip.destroy();
  }
  return Buffer.concat(parts, size).subarray(0, max);
}

/**
 * Why the file at `path` (`st` its status, links followed) cannot be read as log text, or null when it can or may.
 * A regular file's first SNIFF_BYTES, unpacked when it is gzip, must look like text; a device may never end, so it is
 * refused, after one read of up to SNIFF_BYTES to say whether it is text (a terminal without reading); a pipe is not
 * looked into, since that would take its bytes.
 */
export async function archiveProblem(path: string, st: Stats): Promise<ArchiveProblem | null> {
  if (st.isFIFO() || st.isDirectory()) return null;
  if (st.isFile() && st.size === 0) return null;
  const notRegular: ArchiveProblem = { problem: 'is not a regular file', hint: 'save its output to a file first', code: 'INC_ARCHIVE' };
  if (!st.isFile() && !st.isCharacterDevice() && !st.isBlockDevice()) return notRegular;
  const fh = await open(path, 'r');
  let head: Buffer;
  try {
    if (!st.isFile() && process.getBuiltinModule('node:tty').isatty(fh.fd)) return { ...notRegular, problem: 'is a terminal, not a log file' };
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await fh.read(buf, 0, SNIFF_BYTES, st.isFile() ? 0 : null);
    head = buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
  if (st.isFile() && head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) head = await gunzipHead(path, SNIFF_BYTES);
  const reason = notTextReason(head);
  if (reason) return notText(reason);
  return st.isFile() ? null : notRegular;
}
