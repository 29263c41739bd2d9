// `--logs -`: log lines piped into standard input, while keys come from the terminal (see open-tty.ts).
import type { Emit } from '../../model/console-state/events.js';
import { LineBatcher, type ParseLine } from './line-batcher.js';
import { LineSplitter } from './line-splitter.js';
import type { LogSourceStats } from './log-source-stats.js';
import type { Source } from '../source.js';
import type { Clock } from '../../model/session/clock.js';
import { systemClock } from '../system-clock.js';
import { StatusTracker } from '../status-tracker.js';

/** Settings for the stdin source; durations in milliseconds. */
export interface StdinLogsOptions {
  parse: ParseLine;
  /** The stream to read (default process.stdin). */
  stream?: NodeJS.ReadableStream;
  /** Source name (default "stdin"). */
  name?: string;
  clock?: Clock;
  /** How long an unfinished last line waits before it is emitted anyway (default 500). */
  idleFlushMs?: number;
  maxLineBytes?: number;
  batchLines?: number;
  batchMs?: number;
}

/** Reads lines from a stream until it ends; the lines read stay, the status says the stream closed. */
export class StdinLogsSource implements Source {
  readonly name: string;
  readonly kind = 'stdin';
  private readonly stream: NodeJS.ReadableStream;
  private readonly clock: Clock;
  private readonly splitter: LineSplitter;
  private batcher: LineBatcher | undefined;
  private status: StatusTracker | undefined;
  private idleTimer: unknown;
  private linesRead = 0;
  private running = false;

  constructor(private readonly o: StdinLogsOptions) {
    this.name = o.name ?? 'stdin';
    this.stream = o.stream ?? process.stdin;
    this.clock = o.clock ?? systemClock;
    this.splitter = new LineSplitter(o.maxLineBytes);
  }

  /** Starts reading. */
  start(emit: Emit): void {
    if (this.running) return;
    this.running = true;
    this.batcher = new LineBatcher({ source: this.name, emit, clock: this.clock, maxLines: this.o.batchLines, flushMs: this.o.batchMs });
    this.status = new StatusTracker(this.name, this.kind, emit, () => this.clock.now());
    this.status.set('up');
    this.stream.on('data', this.onData);
    this.stream.on('end', this.onEnd);
    this.stream.on('error', this.onError);
    this.stream.resume();
  }

  /** Stops reading and emits any unfinished last line. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.detach();
    this.stream.pause();
    this.flushPartial();
    this.batcher?.flush();
  }

  /** Counters since start. */
  stats(): LogSourceStats {
    return { linesRead: this.linesRead, linesCut: this.splitter.cutLines };
  }

  private detach(): void {
    this.running = false;
    this.stream.off('data', this.onData);
    this.stream.off('end', this.onEnd);
    this.stream.off('error', this.onError);
    if (this.idleTimer !== undefined) this.clock.clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }

  private flushPartial(): void {
    const rest = this.splitter.flush();
    if (rest !== null) this.onLine(rest);
  }

  private readonly onLine = (text: string): void => {
    this.linesRead += 1;
    this.batcher?.push(this.o.parse(text, this.name, this.clock.now()));
  };

  private readonly onData = (chunk: Buffer | string): void => {
    this.splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk, this.onLine);
    if (this.idleTimer !== undefined) this.clock.clearTimeout(this.idleTimer);
    this.idleTimer = this.splitter.hasPartial
      ? this.clock.setTimeout(() => {
          this.idleTimer = undefined;
          this.flushPartial();
        }, this.o.idleFlushMs ?? 500)
      : undefined;
  };

  private readonly onEnd = (): void => {
    this.detach();
    this.flushPartial();
    this.batcher?.flush();
    this.status?.set('down', 'stdin closed');
  };

  private readonly onError = (err: Error): void => {
    this.detach();
    this.flushPartial();
    this.batcher?.flush();
    this.status?.set('down', `stdin: ${(err as { code?: string }).code ?? err.message}`);
  };
}

/** Builds the source for `--logs -`. */
export function stdinLogs(opts: StdinLogsOptions): StdinLogsSource {
  return new StdinLogsSource(opts);
}
