// The parsed lines of one source handed on in the order they were read, whether parsed here or on the parse thread.
import type { LogLine } from '../../model/logs/log-line.js';
import { type LineFields, type LineParser, lineParserFields } from '../../model/logs/log-parse.js';
import { ChurnCollector } from '../full-collection.js';
import { packBlock, parseBlock, parseThread, parseThreadAvailable, recordLines } from './parse-thread.js';

/** Blocks smaller than this (bytes) are parsed here: a trickle of lines is not worth a trip to another thread. */
export const MIN_THREAD_BLOCK = 16 * 1024;

/**
 * Bytes waiting on the thread above which the next block is parsed here instead: both threads parse during a burst,
 * and the order is kept by the queue.
 */
export const SHARE_ABOVE_BYTES = 256 * 1024;

/**
 * Growth of the memory outside V8's heap after which a full collection is asked for, while blocks are packed. In a
 * burst every block leaves the pane within a fraction of a second, but by then V8 has often moved its handle to the old
 * generation, which it collects for outside memory only after about 64 MB more, and the C allocator keeps what it once
 * held. At 8 MB a burst of a million lines peaked at 143-146 MB instead of 175-188, read about 12% slower
 * (BENCHMARKS.md).
 */
export const COLLECT_AFTER_GROWTH = 8 * 1024 * 1024;

/** Blocks of every source are watched together: they fill one heap. */
export const blockChurn = new ChurnCollector(COLLECT_AFTER_GROWTH);

/** Settings: the source's name, its parser, and where its lines go. */
export interface OrderedLinesOptions {
  source: string;
  parse: LineParser;
  deliver: (line: LogLine) => void;
}

/** Lines in read order; blocks may wait on the parse thread, and lines read after them wait their turn. */
export class OrderedLines {
  private readonly queue: Array<{ lines: LogLine[] | null }> = [];
  private readonly fields: LineFields | undefined;
  private waitingBytes = 0;
  private queuedLines = 0;
  private wakers: Array<() => void> = [];

  constructor(private readonly o: OrderedLinesOptions) {
    this.fields = lineParserFields(o.parse);
  }

  /** True when blocks can go to a parse thread (the program has one and the parser can be built there). */
  get threaded(): boolean {
    return this.fields !== undefined && parseThreadAvailable();
  }

  /** Bytes of blocks still being parsed on the thread. */
  get pendingBytes(): number {
    return this.waitingBytes;
  }

  /** Lines parsed here that wait behind a block still on the thread. */
  get waitingLines(): number {
    return this.queuedLines;
  }

  /** One decoded line, read at `readAt` (epoch ms). */
  line(text: string, readAt: number): void {
    const line = this.o.parse(text, this.o.source, readAt);
    if (this.queue.length === 0) this.o.deliver(line);
    else this.enqueue([line]);
  }

  /** Whole lines, undecoded, as LineSplitter.push hands them to `onBlock`; read at `readAt` (epoch ms). */
  block(chunk: Buffer, start: number, end: number, readAt: number): void {
    const large = this.fields !== undefined && end - start >= MIN_THREAD_BLOCK;
    const thread = large && this.waitingBytes < SHARE_ABOVE_BYTES ? parseThread() : null;
    if (thread === null) {
      const block = chunk.subarray(start, end);
      let lines = parseBlock(block, this.o.parse, this.o.source, readAt);
      // Sharing a burst with the thread, lines are kept packed as the thread's are: they wait, and then fill the
      // pane's buffer, for longer than a young generation lets a full object per line die young.
      if (large && this.waitingBytes > 0) {
        lines = recordLines(packBlock(block, lines, true), this.o.source);
        blockChurn.check();
      }
      if (this.queue.length === 0) for (const l of lines) this.o.deliver(l);
      else this.enqueue(lines);
      return;
    }
    // A copy: the reader fills the same buffer again while the thread works.
    const bytes = Buffer.from(chunk.subarray(start, end));
    const entry: { lines: LogLine[] | null } = { lines: null };
    this.queue.push(entry);
    this.waitingBytes += bytes.length;
    thread
      .parse(bytes, this.o.source, readAt, this.fields as LineFields)
      .then(
        (records) => {
          blockChurn.check();
          return recordLines(records, this.o.source);
        },
        // The thread failed: these lines are parsed here instead, and the next block starts a new thread.
        () => parseBlock(bytes, this.o.parse, this.o.source, readAt),
      )
      .then((lines) => {
        entry.lines = lines;
        this.waitingBytes -= bytes.length;
        this.drain();
      });
  }

  /**
   * Resolves once at most `bytes` are still being parsed on the thread and at most `lines` wait behind them
   * (settled(): every line read so far is delivered).
   */
  async settled(bytes = 0, lines = 0): Promise<void> {
    while (this.waitingBytes > bytes || this.queuedLines > lines) await new Promise<void>((resolve) => this.wakers.push(resolve));
  }

  private enqueue(lines: LogLine[]): void {
    this.queue.push({ lines });
    this.queuedLines += lines.length;
  }

  private drain(): void {
    while (this.queue.length > 0 && this.queue[0].lines !== null) {
      for (const line of (this.queue.shift() as { lines: LogLine[] }).lines) this.o.deliver(line);
    }
    // Lines parsed here behind the block now at the head (thread answers can also come out of order).
    this.queuedLines = this.queue.reduce((n, e) => n + (e.lines?.length ?? 0), 0);
    const wakers = this.wakers;
    this.wakers = [];
    for (const wake of wakers) wake();
  }
}
