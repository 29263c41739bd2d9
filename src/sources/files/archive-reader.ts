// Reads archived log files (plain or gzip) as text chunks of whole lines, streamed: never the whole file in memory.
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { UserError } from '../../config/errors.js';
import { utf8SafeLength } from '../logs/line-splitter.js';
import { archiveProblem } from './archive-check.js';

/** Size of one read from a plain file, in bytes. */
export const CHUNK_BYTES = 1 << 20;
/**
 * Text handed to the sink at a time, in bytes (cut at a line end). Decoding a few megabytes into one string puts it
 * in V8's large-object space, which maps fresh pages every time: measured 10x slower than 64 KiB pieces.
 */
export const PIECE_BYTES = 64 << 10;
/**
 * Longest archive line kept, in bytes (without its newline): a longer line is cut to its first MAX_LINE_BYTES, the
 * rest is skipped up to the next newline and the line is counted as cut, so a file without newlines is read in
 * bounded memory.
 */
export const MAX_LINE_BYTES = 1 << 20;

/** Receives whole lines (newline-terminated, except maybe the last piece of a file); returns how many lines it saw. */
export type ChunkSink = (text: string) => number;

/**
 * Receives the same pieces as a ChunkSink as bytes [start, end) of `buf` (UTF-8, not decoded), valid only during the
 * call; returns how many lines it saw.
 */
export interface ByteSink {
  bytes(buf: Buffer, start: number, end: number): number;
}

const NEWLINE = Buffer.from('\n');

/** How far a read got. */
export interface ArchiveReadResult {
  path: string;
  bytes: number;
  lines: number;
  /** Why reading stopped before the end (truncated gzip, read error), or null. */
  cut: string | null;
  /** Lines longer than MAX_LINE_BYTES, each cut to that length. */
  linesCut: number;
}

/** A file that cannot be read as an archive: missing, a directory, empty, unreadable, not text. */
export class ArchiveError extends UserError {
  constructor(path: string, problem: string, hint?: string, code = 'INC_ARCHIVE') {
    super(code, `${path}: ${problem}`, hint);
    this.name = 'ArchiveError';
  }
}

/**
 * Checks every path up front: exists, is a regular file (not a pipe: its reads go by offsets), is not empty, starts
 * with text. Throws ArchiveError naming the first bad one.
 */
export async function checkArchives(paths: string[]): Promise<void> {
  for (const path of paths) {
    let st;
    try {
      st = statSync(path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new ArchiveError(path, code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : `cannot read (${code})`);
    }
    if (st.isDirectory()) throw new ArchiveError(path, 'is a directory', 'give log files, e.g. logs/*.jsonl');
    if (st.isFIFO()) throw new ArchiveError(path, 'is a pipe, and the summary reads a file by its offsets', 'save it to a file first, e.g. zcat app.log.gz > app.log');
    if (st.isFile() && st.size === 0) throw new ArchiveError(path, 'is empty');
    let bad;
    try {
      bad = await archiveProblem(path, st);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new ArchiveError(path, code === 'EACCES' ? 'permission denied' : `cannot read (${code})`);
    }
    if (bad) throw new ArchiveError(path, bad.problem, bad.hint, bad.code);
  }
}

/** Bytes of a file read from `at` into `buf` (fewer at its end), the file opened for this read alone. */
function readAt(path: string, buf: Buffer, at: number): number {
  const fd = openSync(path, 'r');
  try {
    return readSync(fd, buf, 0, buf.length, at);
  } finally {
    closeSync(fd);
  }
}

const GZIP_MAGIC = (b: Buffer, n: number) => n === 2 && b[0] === 0x1f && b[1] === 0x8b;

/**
 * True when the file starts with the gzip magic bytes. Opened off the thread: opening a named pipe waits for its
 * writer, and the screen must not stop meanwhile.
 */
export async function isGzipFile(path: string): Promise<boolean> {
  // node:fs/promises is loaded here: the summary's scan thread, which never calls this, starts without it.
  const fh = await process.getBuiltinModule('node:fs/promises').open(path, 'r');
  try {
    const b = Buffer.alloc(2);
    return GZIP_MAGIC(b, (await fh.read(b, 0, 2, 0)).bytesRead);
  } finally {
    await fh.close();
  }
}

/** isGzipFile for a regular file (its size is known already), read on this thread. */
export function isGzipRegularFile(path: string): boolean {
  const b = Buffer.alloc(2);
  return GZIP_MAGIC(b, readAt(path, b, 0));
}

/**
 * Splits incoming bytes into whole-line text pieces of about PIECE_BYTES; keeps the partial last line for the next
 * push, and cuts a line longer than MAX_LINE_BYTES (counted in `cutLines`).
 */
export class LineChunker {
  /** Start of the unfinished line, at most MAX_LINE_BYTES. */
  private carry: Buffer = Buffer.alloc(0);
  /** True when the unfinished line is past MAX_LINE_BYTES: its bytes up to the newline are skipped. */
  private skipping = false;
  /** Bytes pushed. */
  bytes = 0;
  /** Lines handed to the sink, as the sink counted them. */
  lines = 0;
  /** Lines cut to MAX_LINE_BYTES. */
  cutLines = 0;

  private readonly sink: ByteSink['bytes'];

  /** `sink` takes pieces as text, or as bytes when it is a ByteSink. */
  constructor(sink: ChunkSink | ByteSink) {
    this.sink = typeof sink === 'function' ? (buf, a, e) => sink(buf.toString('utf8', a, e)) : (buf, a, e) => sink.bytes(buf, a, e);
  }

  /** Takes the next bytes of the file. */
  push(buf: Buffer): void {
    this.bytes += buf.length;
    let from = 0;
    if (this.carry.length || this.skipping) {
      const nl = buf.indexOf(10);
      if (nl < 0) {
        this.hold(buf);
        return;
      }
      if (!this.skipping && this.carry.length + nl <= MAX_LINE_BYTES) {
        const line = Buffer.concat([this.carry, buf.subarray(0, nl + 1)]);
        this.lines += this.sink(line, 0, line.length);
        this.carry = Buffer.alloc(0);
      } else {
        this.hold(buf.subarray(0, nl));
        this.sinkCut(this.carry);
      }
      from = nl + 1;
    }
    const last = buf.lastIndexOf(10);
    let at = from;
    while (at <= last) {
      let end = at + PIECE_BYTES;
      if (end > last) end = last + 1;
      else {
        const nl = buf.lastIndexOf(10, end - 1);
        end = nl >= at ? nl + 1 : buf.indexOf(10, end) + 1;
        // No newline in a whole piece: one line longer than PIECE_BYTES, maybe longer than MAX_LINE_BYTES.
        if (nl < at && end - 1 - at > MAX_LINE_BYTES) {
          this.sinkCut(buf.subarray(at, at + MAX_LINE_BYTES));
          at = end;
          continue;
        }
      }
      this.lines += this.sink(buf, at, end);
      at = end;
    }
    if (at < buf.length) this.hold(buf.subarray(at));
  }

  /** Hands on the unfinished last line (a file need not end with a newline). */
  end(): void {
    if (this.skipping) this.sinkCut(this.carry);
    else if (this.carry.length) this.lines += this.sink(this.carry, 0, this.carry.length);
    this.carry = Buffer.alloc(0);
  }

  /** Adds bytes of the unfinished line to the carry, up to MAX_LINE_BYTES; past it, skips them. */
  private hold(part: Buffer): void {
    if (this.skipping) return;
    const room = MAX_LINE_BYTES - this.carry.length;
    if (part.length > room) this.skipping = true;
    const take = part.subarray(0, room);
    if (take.length) this.carry = this.carry.length ? Buffer.concat([this.carry, take]) : Buffer.from(take);
  }

  /** Hands on the first MAX_LINE_BYTES of a long line (`head`, not split inside a character) as one line, and counts it. */
  private sinkCut(head: Buffer): void {
    const line = Buffer.concat([head.subarray(0, utf8SafeLength(head)), NEWLINE]);
    this.lines += this.sink(line, 0, line.length);
    this.cutLines += 1;
    this.carry = Buffer.alloc(0);
    this.skipping = false;
  }
}

/** A byte range of a plain file: [start, end), both at line starts. */
export interface ByteRange {
  start: number;
  /** Read again before every read: it may be lowered while the read goes on (never below `next`). */
  end: number;
  /** Set by the reader: where its next read starts. */
  next?: number;
  /**
   * How many bytes from `at` the reader may read now, at most `most` (0 at the end), recording where its next read
   * starts; for a range another thread may shorten (SharedRange). Without it, `end` and `next` are used directly.
   */
  claim?(at: number, most: number): number;
}

/** How many bytes of `range` to read from `at` now (0 at its end); records where the next read starts. */
function claimRead(range: ByteRange | undefined, at: number): number {
  if (range === undefined) return CHUNK_BYTES;
  if (range.claim) return range.claim(at, CHUNK_BYTES);
  const n = Math.max(0, Math.min(CHUNK_BYTES, range.end - at));
  range.next = at + n;
  return n;
}

/** Lets the event loop turn once (a thread's message, a timer), between two synchronous reads. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The read buffer of the last read that ended, for the next one on this thread: a fresh megabyte is a fresh mapping,
 * and a first touch of each of its pages costs (about 3.5 ms a megabyte on the machines measured in BENCHMARKS.md).
 */
let spareChunk: Buffer | null = null;

/**
 * Reads [range.start, range.end) of a plain file into the chunker, a CHUNK_BYTES read at a time into one buffer. The
 * reads are synchronous: a read from the page cache is a copy, and handing it to libuv's threads cost more (their
 * wake-ups and the promise) than it saved; the event loop turns between two reads.
 */
async function readPlain(path: string, chunker: LineChunker, range?: ByteRange): Promise<void> {
  const fd = openSync(path, 'r');
  const buf = spareChunk ?? Buffer.allocUnsafe(CHUNK_BYTES);
  spareChunk = null;
  try {
    for (let pos = range?.start ?? 0; ; ) {
      const n = claimRead(range, pos);
      if (n === 0) break;
      const bytesRead = readSync(fd, buf, 0, n, pos);
      if (bytesRead === 0) break;
      pos += bytesRead;
      chunker.push(buf.subarray(0, bytesRead));
      await turn();
    }
  } finally {
    closeSync(fd);
    spareChunk = buf;
  }
}

async function readGzip(path: string, chunker: LineChunker): Promise<void> {
  const gunzip = process.getBuiltinModule('node:zlib').createGunzip({ chunkSize: 1 << 20 });
  const input = createReadStream(path, { highWaterMark: 1 << 20 });
  input.on('error', (err) => gunzip.destroy(err));
  input.pipe(gunzip);
  for await (const chunk of gunzip) chunker.push(chunk as Buffer);
}

/** The start of the first line at or after `offset` in a plain file (its size when there is none). */
export function lineStartAfter(path: string, offset: number): number {
  const buf = Buffer.allocUnsafe(64 << 10);
  const fd = openSync(path, 'r');
  try {
    for (let pos = offset; ; ) {
      const bytesRead = readSync(fd, buf, 0, buf.length, pos);
      if (bytesRead === 0) return pos;
      const nl = buf.subarray(0, bytesRead).indexOf(10);
      if (nl >= 0) return pos + nl + 1;
      pos += bytesRead;
    }
  } finally {
    closeSync(fd);
  }
}

/** Up to `bytes` of a plain file that end at `offset`, from a line start (for the time before it); UTF-8, not decoded. */
export function bytesBefore(path: string, offset: number, bytes = 64 << 10): Buffer {
  const start = Math.max(0, offset - bytes);
  const buf = Buffer.allocUnsafe(offset - start);
  const bytesRead = readAt(path, buf, start);
  const from = start === 0 ? 0 : buf.subarray(0, bytesRead).indexOf(10) + 1;
  return from <= 0 && start > 0 ? buf.subarray(0, 0) : buf.subarray(from, bytesRead);
}

/**
 * Streams the lines of one archive (gzip when it starts with the gzip magic) into `sink`; with `range`, only that
 * byte range of a plain file. A truncated or corrupt
 * gzip, or a read error mid-file, ends the read with `cut` set; the lines before it have been delivered and counted.
 */
export async function readArchive(path: string, sink: ChunkSink | ByteSink, range?: ByteRange): Promise<ArchiveReadResult> {
  const chunker = new LineChunker(sink);
  let cut: string | null = null;
  const gz = range === undefined && (await isGzipFile(path));
  try {
    await (gz ? readGzip(path, chunker) : readPlain(path, chunker, range));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    cut = gz && (e.code === 'Z_BUF_ERROR' || /unexpected end/i.test(e.message))
      ? 'truncated gzip'
      : gz && e.code?.startsWith('Z_') ? `corrupt gzip (${e.message})` : `read error (${e.code ?? e.message})`;
  }
  chunker.end();
  return { path, bytes: chunker.bytes, lines: chunker.lines, cut, linesCut: chunker.cutLines };
}
