// Archive files for interactive replay: every line with its byte offset in a first pass, and lines read back by
// offset afterwards. A .gz file is unpacked once into a temporary file so that it can be read back by offset too.
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { UserError } from '../../config/errors.js';
import { utf8SafeLength } from '../logs/line-splitter.js';
import { archiveProblem } from './archive-check.js';
import { isGzipFile, MAX_LINE_BYTES } from './archive-reader.js';

/** Longest line kept whole when read back, in bytes; longer lines are cut (the pane shows far less anyway). */
export const MAX_READBACK_BYTES = 64 * 1024;

/** An archive ready to be read by offset: the path to read (the unpacked copy for .gz) and a note if it was cut. */
export interface PreparedArchive {
  name: string;
  path: string;
  note: string | null;
  cleanup(): void;
}


/** Opens an archive for replay; a missing file, a directory, a pipe, a device or binary data is a UserError naming it. */
export async function prepareArchive(path: string): Promise<PreparedArchive> {
  const refuse = (problem: string, hint?: string, code = 'INC_ARCHIVE') => new UserError(code, `replay: ${path}: ${problem}`, hint);
  let gz: boolean;
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw refuse('is a directory');
    if (st.isFIFO()) throw refuse('is a pipe, and replay reads a file twice', 'save it to a file first');
    const bad = await archiveProblem(path, st);
    if (bad) throw refuse(bad.problem, bad.hint, bad.code);
    gz = await isGzipFile(path);
  } catch (err) {
    if (err instanceof UserError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw refuse(code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code ?? 'cannot be read');
  }
  const name = basename(path).replace(/\.gz$/, '');
  if (!gz) return { name, path, note: null, cleanup: () => undefined };
  const dir = mkdtempSync(join(tmpdir(), 'incident-replay-'));
  const out = join(dir, name);
  let note: string | null = null;
  try {
    await process.getBuiltinModule('node:stream/promises').pipeline(createReadStream(path), process.getBuiltinModule('node:zlib').createGunzip(), createWriteStream(out));
  } catch (err) {
    // A truncated gzip still gives what came before the cut.
    note = `${path}: ${(err as NodeJS.ErrnoException).code === 'Z_BUF_ERROR' ? 'gzip stream cut short' : (err as Error).message}; replaying the lines before the cut`;
  }
  return { name, path: out, note, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** One line of a plain file: its text and the byte offset it starts at. */
export interface OffsetLine {
  text: string;
  offset: number;
}

/** What a pass of linesWithOffsets met besides lines. */
export interface LinePassStats {
  /** Lines longer than MAX_LINE_BYTES, each given cut to that length. */
  cut: number;
}

/** Text of `buf` from `start`, at most MAX_LINE_BYTES and not split inside a character. */
function cutLine(buf: Buffer, start: number): string {
  const head = buf.subarray(start, start + MAX_LINE_BYTES);
  return head.toString('utf8', 0, utf8SafeLength(head));
}

/**
 * Every line of a plain file with the byte offset it starts at, a batch per read; the last line needs no newline. A
 * line longer than MAX_LINE_BYTES is given cut to that length and counted in `stats.cut`.
 */
export async function* linesWithOffsets(path: string, stats: LinePassStats = { cut: 0 }): AsyncGenerator<OffsetLine[]> {
  // The unfinished line: its first bytes (at most MAX_LINE_BYTES), its offset, and whether it is longer.
  let carry: Buffer = Buffer.alloc(0);
  let carryAt = 0;
  let long = false;
  let base = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const batch: OffsetLine[] = [];
    let start = 0;
    if (carry.length || long) {
      const nl = chunk.indexOf(0x0a);
      const upTo = nl === -1 ? chunk.length : nl;
      if (!long) {
        long = carry.length + upTo > MAX_LINE_BYTES;
        carry = Buffer.concat([carry, chunk.subarray(0, Math.min(upTo, MAX_LINE_BYTES - carry.length))]);
      }
      if (nl === -1) {
        base += chunk.length;
        continue;
      }
      const end = !long && carry.length && carry[carry.length - 1] === 0x0d ? carry.length - 1 : carry.length;
      batch.push({ text: long ? cutLine(carry, 0) : carry.toString('utf8', 0, end), offset: carryAt });
      if (long) stats.cut += 1;
      carry = Buffer.alloc(0);
      long = false;
      start = nl + 1;
    }
    for (let nl = chunk.indexOf(0x0a, start); nl !== -1; nl = chunk.indexOf(0x0a, start)) {
      const end = nl > start && chunk[nl - 1] === 0x0d ? nl - 1 : nl;
      if (end - start > MAX_LINE_BYTES) {
        batch.push({ text: cutLine(chunk, start), offset: base + start });
        stats.cut += 1;
      } else batch.push({ text: chunk.toString('utf8', start, end), offset: base + start });
      start = nl + 1;
    }
    if (start < chunk.length) {
      carryAt = base + start;
      long = chunk.length - start > MAX_LINE_BYTES;
      carry = Buffer.from(chunk.subarray(start, start + MAX_LINE_BYTES));
    }
    base += chunk.length;
    if (batch.length) yield batch;
  }
  if (carry.length) {
    if (long) stats.cut += 1;
    yield [{ text: long ? cutLine(carry, 0) : carry.toString('utf8'), offset: carryAt }];
  }
}

/** Reads lines back by offset from open files; keep one per replay and close it at the end. */
export class LineReader {
  private readonly handles = new Map<number, Promise<FileHandle>>();

  constructor(private readonly paths: string[]) {}

  /** The text of the line starting at `offset` in file `file`. */
  async read(file: number, offset: number): Promise<string> {
    let h = this.handles.get(file);
    if (!h) {
      h = open(this.paths[file], 'r');
      this.handles.set(file, h);
    }
    const { buffer, bytesRead } = await (await h).read(Buffer.alloc(MAX_READBACK_BYTES), 0, MAX_READBACK_BYTES, offset);
    const nl = buffer.subarray(0, bytesRead).indexOf(0x0a);
    const end = nl === -1 ? bytesRead : nl > 0 && buffer[nl - 1] === 0x0d ? nl - 1 : nl;
    return buffer.toString('utf8', 0, end);
  }

  /** Closes every file. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.handles.values()].map(async (h) => (await h).close()));
    this.handles.clear();
  }
}
