// Archive files for interactive replay: every line with its byte offset in a first pass, and lines read back by
// offset afterwards. A .gz file is unpacked once into a temporary file so that it can be read back by offset too.
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { UserError } from '../../config/errors.js';
import { isGzipFile } from './archive-reader.js';

/** Longest line kept whole when read back, in bytes; longer lines are cut (the pane shows far less anyway). */
export const MAX_READBACK_BYTES = 64 * 1024;

/** An archive ready to be read by offset: the path to read (the unpacked copy for .gz) and a note if it was cut. */
export interface PreparedArchive {
  name: string;
  path: string;
  note: string | null;
  cleanup(): void;
}


/** Opens an archive for replay; a missing file or a directory is a UserError naming it. */
export async function prepareArchive(path: string): Promise<PreparedArchive> {
  let gz: boolean;
  try {
    gz = await isGzipFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError('INC_ARCHIVE', `replay: ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code ?? 'cannot be read'}`);
  }
  const name = basename(path).replace(/\.gz$/, '');
  if (!gz) return { name, path, note: null, cleanup: () => undefined };
  const dir = mkdtempSync(join(tmpdir(), 'incident-replay-'));
  const out = join(dir, name);
  let note: string | null = null;
  try {
    await pipeline(createReadStream(path), createGunzip(), createWriteStream(out));
  } catch (err) {
    // A truncated gzip still gives what came before the cut.
    note = `${path}: ${(err as NodeJS.ErrnoException).code === 'Z_BUF_ERROR' ? 'gzip stream cut short' : (err as Error).message}; replaying the lines before the cut`;
  }
  return { name, path: out, note, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Every line of a plain file with the byte offset it starts at, a batch per read; the last line needs no newline. */
export async function* linesWithOffsets(path: string): AsyncGenerator<Array<{ text: string; offset: number }>> {
  let carry: Buffer = Buffer.alloc(0);
  let base = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    const batch: Array<{ text: string; offset: number }> = [];
    let start = 0;
    for (let nl = buf.indexOf(0x0a, start); nl !== -1; nl = buf.indexOf(0x0a, start)) {
      const end = nl > start && buf[nl - 1] === 0x0d ? nl - 1 : nl;
      batch.push({ text: buf.toString('utf8', start, end), offset: base + start });
      start = nl + 1;
    }
    if (batch.length) yield batch;
    carry = Buffer.from(buf.subarray(start));
    base += start;
  }
  if (carry.length) yield [{ text: carry.toString('utf8'), offset: base }];
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
