// Collects parsed log lines and hands them on in batches: when the batch is full or shortly after the first line.
import type { Emit } from '../../model/console-state/events.js';
import type { LogLine } from '../../model/logs/log-line.js';
import type { Clock } from '../../model/session/clock.js';

/** Turns one raw line into a LogLine; `readAt` is when it was read, in epoch milliseconds. */
export type ParseLine = (raw: string, source: string, readAt: number) => LogLine;

/** Lines per batch before it is emitted at once. */
export const DEFAULT_BATCH_LINES = 512;

/** Longest wait, in milliseconds, between a line arriving and its batch being emitted. */
export const DEFAULT_BATCH_MS = 25;

/** Batching settings. */
export interface LineBatcherOptions {
  source: string;
  emit: Emit;
  clock: Clock;
  maxLines?: number;
  flushMs?: number;
}

/** A bounded buffer of lines for one source, flushed on size or after a short timeout. */
export class LineBatcher {
  private lines: LogLine[] = [];
  private dropped = 0;
  private timer: unknown;
  private readonly maxLines: number;
  private readonly flushMs: number;

  constructor(private readonly opts: LineBatcherOptions) {
    this.maxLines = opts.maxLines ?? DEFAULT_BATCH_LINES;
    this.flushMs = opts.flushMs ?? DEFAULT_BATCH_MS;
  }

  /** Adds one line; emits at once when the batch is full. */
  push(line: LogLine): void {
    this.lines.push(line);
    if (this.lines.length >= this.maxLines) this.flush();
    else this.arm();
  }

  /** Counts lines the source lost before they could be read; reported with the next batch. */
  addDropped(count: number): void {
    if (count <= 0) return;
    this.dropped += count;
    this.arm();
  }

  /** Emits what is waiting, if anything. */
  flush(): void {
    if (this.timer !== undefined) {
      this.opts.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.lines.length === 0 && this.dropped === 0) return;
    const lines = this.lines;
    const dropped = this.dropped;
    this.lines = [];
    this.dropped = 0;
    this.opts.emit({
      type: 'lines',
      source: this.opts.source,
      at: this.opts.clock.now(),
      lines,
      ...(dropped > 0 ? { dropped } : {}),
    });
  }

  private arm(): void {
    if (this.timer !== undefined) return;
    this.timer = this.opts.clock.setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.flushMs);
  }
}
