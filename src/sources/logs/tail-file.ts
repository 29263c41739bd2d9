// Follows one log file like `tail -F`: last lines first, then new lines, across rotation, truncation and deletion.
import { basename } from 'node:path';
import type { Emit } from '../../model/console-state/events.js';
import type { LogLine } from '../../model/logs/log-line.js';
import { backfillStart } from './backfill-start.js';
import { type BlockSink, FileCursor } from './file-cursor.js';
import { LineBatcher, type ParseLine } from './line-batcher.js';
import { DEFAULT_MAX_LINE_BYTES } from './line-splitter.js';
import type { LogSourceStats } from './log-source-stats.js';
import type { Source } from '../source.js';
import type { Clock } from '../../model/session/clock.js';
import { systemClock } from '../system-clock.js';
import { OrderedLines } from './ordered-lines.js';
import { StatusTracker } from '../status-tracker.js';
import { describeFsError, fileIdentity, nodeTailFs, type TailFs } from './tail-fs.js';
import { watchHint } from './watch-hint.js';

/** Settings for one followed file; durations in milliseconds, sizes in bytes. */
export interface TailFileOptions {
  path: string;
  /** Source name; the file's base name by default. */
  name?: string;
  parse: ParseLine;
  /** Lines shown from the end of the file when it is first opened (default 200). */
  backfillLines?: number;
  /** Most bytes read backwards for the backfill (default 4 MiB). */
  maxBackfillBytes?: number;
  /** 'end' (default): start at the end with the backfill; 'start': read the whole file, for files created later. */
  startAt?: 'end' | 'start';
  /** How often the file is checked (default 250). */
  pollMs?: number;
  /** How long a last line without newline waits before it is emitted anyway (default 500). */
  idleFlushMs?: number;
  /** How long a rotated-away file is still read after it stopped growing (default 2000). */
  drainGraceMs?: number;
  maxLineBytes?: number;
  /** Most bytes read in one check before yielding (default 8 MiB). */
  maxReadPerTick?: number;
  batchLines?: number;
  batchMs?: number;
  clock?: Clock;
  fs?: TailFs;
  /** Use file system notifications to check sooner (default true). */
  watch?: boolean;
}

const MAX_DRAINING = 8;

/** Bytes of lines that may wait on the parse thread before reading pauses (about 10,000 typical lines). */
const MAX_PARSING_BYTES = 2 * 1024 * 1024;

/**
 * Lines parsed here that may wait behind a block still on the parse thread before reading pauses: a thread slow to
 * answer holds the reading back instead of a pile of lines that would all be delivered at once.
 */
const MAX_WAITING_LINES = 20_000;

/**
 * Unread bytes from which a read is decoded a block at a time and shares its parsing with the parse thread: a burst
 * or a backlog, not the backfill of a file just opened nor a steady trickle, which the first lines on screen must
 * not wait a thread's start for.
 */
export const THREAD_BACKLOG_BYTES = 1024 * 1024;

/** Delay after a file system notification before checking, so a busy writer causes at most ~100 checks a second. */
const HINT_DELAY_MS = 10;

/** A `tail -F` source for one path. */
export class TailFileSource implements Source {
  readonly name: string;
  readonly kind = 'file';
  private readonly o: Required<Omit<TailFileOptions, 'name' | 'clock' | 'fs'>>;
  private readonly clock: Clock;
  private readonly fs: TailFs;
  private current: FileCursor | null = null;
  private draining: FileCursor[] = [];
  private everOpened = false;
  private appearedLater = false;
  private stopped = true;
  private timer: unknown;
  private dueAt = 0;
  private running: Promise<void> | null = null;
  private again = false;
  private unwatch: () => void = () => undefined;
  private batcher: LineBatcher | undefined;
  private lines: OrderedLines | undefined;
  private blocks: BlockSink | undefined;
  private status: StatusTracker | undefined;
  private linesRead = 0;
  private cutInClosed = 0;

  constructor(opts: TailFileOptions) {
    this.name = opts.name ?? basename(opts.path);
    this.clock = opts.clock ?? systemClock;
    this.fs = opts.fs ?? nodeTailFs;
    this.o = {
      path: opts.path,
      parse: opts.parse,
      backfillLines: opts.backfillLines ?? 200,
      maxBackfillBytes: opts.maxBackfillBytes ?? 4 * 1024 * 1024,
      startAt: opts.startAt ?? 'end',
      pollMs: opts.pollMs ?? 250,
      idleFlushMs: opts.idleFlushMs ?? 500,
      drainGraceMs: opts.drainGraceMs ?? 2000,
      maxLineBytes: opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
      maxReadPerTick: opts.maxReadPerTick ?? 8 * 1024 * 1024,
      batchLines: opts.batchLines ?? 512,
      batchMs: opts.batchMs ?? 25,
      watch: opts.watch ?? true,
    };
  }

  /** Begins following; the first check runs at once. */
  start(emit: Emit): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.batcher = new LineBatcher({ source: this.name, emit, clock: this.clock, maxLines: this.o.batchLines, flushMs: this.o.batchMs });
    const lines = new OrderedLines({ source: this.name, parse: this.o.parse, deliver: this.deliver });
    this.lines = lines;
    // Large reads are decoded a block at a time, and share their parsing with the parse thread when there is one.
    this.blocks = {
      onBlock: (chunk, start, end) => lines.block(chunk, start, end, this.clock.now()),
      pace: () =>
        lines.pendingBytes > MAX_PARSING_BYTES || lines.waitingLines > MAX_WAITING_LINES ? lines.settled(MAX_PARSING_BYTES, MAX_WAITING_LINES) : undefined,
    };
    this.status = new StatusTracker(this.name, this.kind, emit, () => this.clock.now());
    this.status.set('connecting');
    if (this.o.watch) this.unwatch = watchHint(this.o.path, () => this.schedule(HINT_DELAY_MS));
    this.schedule(0);
  }

  /** Stops checking, emits any unfinished last line and closes every descriptor. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unwatch();
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
    for (const cursor of [...this.draining, ...(this.current ? [this.current] : [])]) await this.close(cursor);
    this.draining = [];
    this.current = null;
    await this.lines?.settled();
    this.batcher?.flush();
  }

  /** Checks the file now (until nothing more is waiting) and emits what was read; resolves when done. */
  async checkNow(): Promise<void> {
    for (let round = 0; round < 1000 && !this.stopped; round += 1) {
      while (this.running) await this.running;
      if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
      this.timer = undefined;
      let more = false;
      this.running = this.tick()
        .then((m) => {
          more = m;
        })
        .catch((err: unknown) => this.reportError(err))
        .finally(() => {
          this.running = null;
        });
      await this.running;
      if (!more) break;
    }
    await this.lines?.settled();
    this.batcher?.flush();
    this.schedule(this.o.pollMs);
  }

  /** Device:inode of every file this source has open (the followed one and rotated ones still draining). */
  identities(): string[] {
    return [...this.draining, ...(this.current ? [this.current] : [])].map((c) => c.identity);
  }

  /** Counters since start. */
  stats(): LogSourceStats {
    const live = [...this.draining, ...(this.current ? [this.current] : [])];
    return { linesRead: this.linesRead, linesCut: live.reduce((n, c) => n + c.splitter.cutLines, this.cutInClosed) };
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.running) {
      if (ms < this.o.pollMs) this.again = true;
      return;
    }
    const due = this.clock.now() + ms;
    if (this.timer !== undefined) {
      if (this.dueAt <= due) return;
      this.clock.clearTimeout(this.timer);
    }
    this.dueAt = due;
    this.timer = this.clock.setTimeout(() => this.run(), ms);
  }

  private run(): void {
    this.timer = undefined;
    if (this.stopped || this.running) return;
    this.again = false;
    this.running = this.tick()
      .catch((err: unknown) => {
        this.reportError(err);
        return false;
      })
      .then((more) => {
        this.running = null;
        this.schedule(more ? 0 : this.again ? HINT_DELAY_MS : this.o.pollMs);
      });
  }

  private reportError(err: unknown): void {
    this.status?.set('degraded', `${this.o.path}: ${(err as Error).message ?? String(err)}; retrying`);
  }

  private async tick(): Promise<boolean> {
    let more = false;
    for (const old of [...this.draining]) more = (await this.drain(old)) || more;
    if (!this.current) await this.open();
    if (this.current) more = (await this.follow(this.current)) || more;
    return more;
  }

  private async open(): Promise<void> {
    let cursor: FileCursor;
    try {
      cursor = await FileCursor.create(await this.fs.open(this.o.path), this.o.maxLineBytes, this.clock.now());
    } catch (err) {
      const { missing, reason } = describeFsError(err, this.o.path);
      if (!missing) this.status?.set('down', `${reason}; retrying`);
      else if (this.everOpened) this.status?.set('down', `${reason}: deleted or moved; waiting for it to reappear`);
      else {
        this.appearedLater = true;
        this.status?.set('connecting', `${reason} yet; waiting for it to appear`);
      }
      return;
    }
    try {
      if (!this.everOpened && !this.appearedLater && this.o.startAt === 'end') {
        const start = await backfillStart(cursor.handle, await cursor.size(), this.o.backfillLines, this.o.maxBackfillBytes);
        await cursor.seek(start.offset);
        if (start.midLine) cursor.splitter.skipToNextLine();
      } else {
        await cursor.seek(0);
      }
    } catch (err) {
      await cursor.close();
      throw err;
    }
    this.everOpened = true;
    this.current = cursor;
  }

  /** Reads new bytes of the followed file, then checks whether the path still names it. */
  private async follow(cur: FileCursor): Promise<boolean> {
    const now = this.clock.now();
    const size = await cur.size();
    if (await cur.wasTruncated(size)) {
      this.flushPartial(cur);
      await cur.seek(0);
    }
    if ((await cur.readUpTo(size, this.o.maxReadPerTick, now, this.onLine, this.blocksFor(size - cur.offset))) >= this.o.maxReadPerTick) return true;
    let pathIdentity: string | null = null;
    try {
      pathIdentity = fileIdentity(await this.fs.stat(this.o.path));
    } catch (err) {
      if (!describeFsError(err, this.o.path).missing) {
        // The open descriptor still works; the path is only unreadable for now.
        this.idleFlush(cur, now);
        return false;
      }
    }
    if (pathIdentity === cur.identity) {
      const denied = await this.deniedNow();
      this.status?.set(denied === null ? 'up' : 'degraded', denied);
      this.idleFlush(cur, now);
      return false;
    }
    // Renamed away or deleted: keep reading the old descriptor until it is drained, follow the new file from its start.
    this.current = null;
    cur.lastGrowthAt = now;
    this.draining.push(cur);
    while (this.draining.length > MAX_DRAINING) await this.close(this.draining.shift() as FileCursor);
    return true;
  }

  /**
   * Null, or why the source is degraded: the followed file became unreadable (chmod, a new owner) while it is open: its lines still
   * arrive through the open descriptor, but a reopen after the next rotation would fail, and the user should know.
   */
  private async deniedNow(): Promise<string | null> {
    try {
      await this.fs.readable?.(this.o.path);
      return null;
    } catch (err) {
      const { missing, reason } = describeFsError(err, this.o.path);
      return missing ? null : `${reason}; still reading the file opened before`;
    }
  }

  private async drain(old: FileCursor): Promise<boolean> {
    const now = this.clock.now();
    try {
      const size = await old.size();
      const read = await old.readUpTo(size, this.o.maxReadPerTick, now, this.onLine, this.blocksFor(size - old.offset));
      if (read >= this.o.maxReadPerTick) return true;
      if (read > 0 || now - old.lastGrowthAt < this.o.drainGraceMs) return false;
    } catch {
      // A descriptor that cannot be read any more is done.
    }
    this.draining = this.draining.filter((c) => c !== old);
    await this.close(old);
    return false;
  }

  private idleFlush(cur: FileCursor, now: number): void {
    if (cur.splitter.hasPartial && now - cur.lastGrowthAt >= this.o.idleFlushMs) this.flushPartial(cur);
  }

  private flushPartial(cur: FileCursor): void {
    const text = cur.splitter.flush();
    if (text !== null) this.onLine(text);
  }

  private async close(cur: FileCursor): Promise<void> {
    this.flushPartial(cur);
    this.cutInClosed += cur.splitter.cutLines;
    await cur.close();
  }

  /** Where whole lines go undecoded when `unread` bytes wait: to the parse thread in a burst, else nowhere. */
  private blocksFor(unread: number): BlockSink | undefined {
    return unread >= THREAD_BACKLOG_BYTES ? this.blocks : undefined;
  }

  private readonly onLine = (text: string): void => {
    this.lines?.line(text, this.clock.now());
  };

  private readonly deliver = (line: LogLine): void => {
    this.linesRead += 1;
    this.batcher?.push(line);
  };
}

/** Builds a `tail -F` source for one file. */
export function tailFile(opts: TailFileOptions): TailFileSource {
  return new TailFileSource(opts);
}
