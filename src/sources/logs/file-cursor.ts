// One open log file being read forward: offset, line splitter, and the fingerprints that reveal truncation.
import { LineSplitter } from './line-splitter.js';
import { fileIdentity, type TailHandle } from './tail-fs.js';

/** Bytes at the start of a file compared on every check to notice it was replaced in place. */
export const HEAD_BYTES = 256;

/** Bytes just before the read offset compared on every check, for files whose start never changes. */
export const TAIL_BYTES = 64;

const READ_CHUNK = 128 * 1024;

/** Where a cursor hands runs of whole lines, undecoded, and what it waits for before reading more. */
export interface BlockSink {
  onBlock: (chunk: Buffer, start: number, end: number) => void;
  pace?: () => Promise<void> | undefined;
}

/** A file descriptor with its read position; all positions and sizes in bytes. */
export class FileCursor {
  offset = 0;
  /** When bytes were last read from it (epoch milliseconds), for idle and drain decisions. */
  lastGrowthAt: number;
  readonly splitter: LineSplitter;
  private head: Buffer = Buffer.alloc(0);
  private tail: Buffer = Buffer.alloc(0);
  /** Two read buffers: one is split into lines while the next read fills the other. */
  private readonly bufs = [Buffer.allocUnsafe(READ_CHUNK), Buffer.allocUnsafe(READ_CHUNK)];

  constructor(
    readonly handle: TailHandle,
    readonly identity: string,
    maxLineBytes: number,
    now: number,
  ) {
    this.splitter = new LineSplitter(maxLineBytes);
    this.lastGrowthAt = now;
  }

  /** Opens a cursor on an already open handle. */
  static async create(handle: TailHandle, maxLineBytes: number, now: number): Promise<FileCursor> {
    try {
      const st = await handle.stat();
      if (!st.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTREG' });
      return new FileCursor(handle, fileIdentity(st), maxLineBytes, now);
    } catch (err) {
      await handle.close().catch(() => undefined);
      throw err;
    }
  }

  /** Current size of the open file (it may have been renamed or deleted since). */
  async size(): Promise<number> {
    return Number((await this.handle.stat()).size);
  }

  /** Moves to `offset` and records the fingerprints that later reveal a truncation. */
  async seek(offset: number): Promise<void> {
    this.offset = offset;
    this.head = await this.pread(0, HEAD_BYTES);
    const from = Math.max(0, offset - TAIL_BYTES);
    this.tail = offset > 0 ? await this.pread(from, offset - from) : Buffer.alloc(0);
  }

  /**
   * True when the file was truncated since the last read: smaller than the offset, or with different
   * bytes at its start or just before the offset (truncated and regrown past the offset between checks).
   */
  async wasTruncated(size: number): Promise<boolean> {
    if (size < this.offset) return true;
    if (this.offset === 0) return false;
    const head = await this.pread(0, this.head.length);
    if (!head.equals(this.head)) return true;
    const tail = await this.pread(this.offset - this.tail.length, this.tail.length);
    return !tail.equals(this.tail);
  }

  /**
   * Reads from the offset up to `size` (at most `maxBytes`), handing complete lines to `onLine` (runs of whole lines
   * to `block.onBlock` when given, see LineSplitter.push); returns bytes read. `block.pace` is awaited before each
   * read, so that a slower consumer of the blocks holds the reading back.
   */
  async readUpTo(size: number, maxBytes: number, now: number, onLine: (text: string) => void, block?: BlockSink): Promise<number> {
    let total = 0;
    let which = 0;
    let next = this.readNext(this.bufs[which], size, maxBytes, total);
    while (next !== null) {
      const bytesRead = await next;
      if (bytesRead === 0) break;
      const chunk = this.bufs[which].subarray(0, bytesRead);
      this.remember(chunk);
      this.offset += bytesRead;
      total += bytesRead;
      // The next read goes out before this chunk is split, so the disk and the parsing overlap.
      if (block?.pace) await block.pace();
      which ^= 1;
      next = this.readNext(this.bufs[which], size, maxBytes, total);
      this.splitter.push(chunk, onLine, block?.onBlock);
    }
    if (total > 0) this.lastGrowthAt = now;
    return total;
  }

  /** Starts reading the bytes after the offset into `buf`, or null when `size` or `maxBytes` is reached. */
  private readNext(buf: Buffer, size: number, maxBytes: number, total: number): Promise<number> | null {
    if (this.offset >= size || total >= maxBytes) return null;
    const want = Math.min(READ_CHUNK, size - this.offset, maxBytes - total);
    const read = this.handle.read(buf, 0, want, this.offset).then((r) => r.bytesRead);
    // Awaited on the next turn; until then a failure must not count as unhandled.
    read.catch(() => undefined);
    return read;
  }

  /** Closes the descriptor; never throws. */
  async close(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }

  private remember(chunk: Buffer): void {
    if (this.head.length < HEAD_BYTES && this.offset <= this.head.length) {
      const from = this.head.length - this.offset;
      const extra = chunk.subarray(from, from + HEAD_BYTES - this.head.length);
      if (extra.length > 0) this.head = Buffer.concat([this.head, extra]);
    }
    if (chunk.length >= TAIL_BYTES) this.tail = Buffer.from(chunk.subarray(chunk.length - TAIL_BYTES));
    else {
      const joined = Buffer.concat([this.tail, chunk]);
      this.tail = joined.subarray(Math.max(0, joined.length - TAIL_BYTES));
    }
  }

  private async pread(position: number, length: number): Promise<Buffer> {
    const out = Buffer.alloc(length);
    let got = 0;
    while (got < length) {
      const { bytesRead } = await this.handle.read(out, got, length - got, position + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return out.subarray(0, got);
  }
}
