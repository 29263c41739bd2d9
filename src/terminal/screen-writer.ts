// Puts frames on the terminal as row diffs: bursts coalesced, only changed cells sent, whole repaints only after a
// resize or a resume. Panels' styled lines become cells directly; Ink renders into `inkStream`, a stand-in stream
// sized like the terminal, and only what Ink draws by itself (nothing, in the console) is parsed back into cells.
import { Writable } from 'node:stream';
import { clipRow, diffFrame, lineToRow, parseFrame, type Row } from './screen-diff.js';
import type { Line } from './styled.js';

/** A Writable that looks like a TTY of the terminal's size to Ink. */
export type InkStream = Writable & { columns: number; rows: number; isTTY: true };

/** Options: the real terminal and the shortest time between two writes to it, in ms. */
export interface ScreenWriterOptions {
  out: NodeJS.WriteStream;
  minIntervalMs?: number;
  /** Called after a frame reached the terminal. */
  onFlush?: () => void;
  /** Monotonic milliseconds for the write-rate limit (performance.now by default). */
  now?: () => number;
}

const BSU = '\x1b[?2026h';
const ESU = '\x1b[?2026l';

/** Receives whole frames from Ink and writes only what changed to the terminal. */
export class ScreenWriter {
  /** The stream to give Ink as its stdout (render in debug mode so every write is a whole frame). */
  readonly inkStream: InkStream;
  /** Bytes written to the terminal so far. */
  bytes = 0;
  private shown: Row[] | undefined;
  /** The last frame written, redrawn whole after invalidate(). */
  private last: Row[] | undefined;
  /** The newest frame not yet written, turned into cells only when it is (a burst of frames costs one). */
  private pending: (() => Row[]) | undefined;
  private timer: NodeJS.Timeout | NodeJS.Immediate | undefined;
  private lastFlush = -Infinity;
  private stopped = false;
  private readonly minInterval: number;
  private readonly onResize = () => this.resized();
  private readonly onDrain = () => {
    this.draining = false;
    this.schedule();
  };
  private readonly onError = () => {
    // EIO/EPIPE once the link is gone: the signal handlers end the session
  };
  private draining = false;

  private readonly now: () => number;

  constructor(private readonly opts: ScreenWriterOptions) {
    this.minInterval = opts.minIntervalMs ?? 40;
    this.now = opts.now ?? (() => performance.now());
    const stream = new Writable({
      decodeStrings: false,
      write: (chunk: string | Buffer, _enc, done) => {
        if (chunk.length > 0) this.frame(String(chunk));
        done();
      },
    }) as InkStream;
    stream.isTTY = true;
    stream.columns = opts.out.columns || 80;
    stream.rows = opts.out.rows || 24;
    this.inkStream = stream;
    opts.out.on('resize', this.onResize);
    opts.out.on('error', this.onError);
  }

  /** Takes a whole frame of text with SGR escapes (what Ink draws by itself); it replaces any frame still waiting. */
  frame(text: string): void {
    this.pending = () => parseFrame(text);
    this.schedule();
  }

  /**
   * Takes a whole screen as styled lines (the panels' frame); it replaces any frame still waiting. `now` writes it at
   * once, past the rate cap (the first frame that shows data: it is what the engineer waits for).
   */
  lines(lines: Line[], color: boolean, now = false): void {
    this.pending = () => lines.map((l) => lineToRow(l, color));
    if (now && !this.stopped && !this.draining) {
      this.clearTimer();
      this.flush();
    } else this.schedule();
  }

  /** Forgets what the terminal shows: the next flush clears it and draws the whole frame (after resize or resume). */
  invalidate(): void {
    this.shown = undefined;
    const last = this.last;
    if (this.pending === undefined && last !== undefined) this.pending = () => last;
    this.schedule();
  }

  /** True when no frame is waiting to be written. */
  get idle(): boolean {
    return this.pending === undefined;
  }

  /** Stops writing (before suspend or exit); a later invalidate() after resume() draws again. */
  stop(): void {
    this.stopped = true;
    this.clearTimer();
  }

  /** Allows writing again after stop(), starting with a whole repaint. */
  resume(): void {
    this.stopped = false;
    this.invalidate();
  }

  /** Detaches from the terminal for good. */
  dispose(): void {
    this.stop();
    this.opts.out.off('resize', this.onResize);
    this.opts.out.off('drain', this.onDrain);
    this.opts.out.off('error', this.onError);
  }

  private resized(): void {
    this.inkStream.columns = this.opts.out.columns || this.inkStream.columns;
    this.inkStream.rows = this.opts.out.rows || this.inkStream.rows;
    this.inkStream.emit('resize');
    this.invalidate();
  }

  private schedule(): void {
    // On a slow link, frames wait while the terminal has not taken the last write: only the newest one goes out.
    if (this.timer || this.stopped || this.draining || this.pending === undefined) return;
    const wait = this.lastFlush + this.minInterval - this.now();
    // setImmediate lets every synchronous render of this turn land first; the interval caps the write rate.
    this.timer = wait > 0 ? setTimeout(() => this.flush(), wait) : setImmediate(() => this.flush());
  }

  private clearTimer(): void {
    if (!this.timer) return;
    clearTimeout(this.timer as NodeJS.Timeout);
    clearImmediate(this.timer as NodeJS.Immediate);
    this.timer = undefined;
  }

  private flush(): void {
    this.timer = undefined;
    const next = this.pending;
    if (next === undefined || this.stopped) return;
    this.pending = undefined;
    const whole = next();
    this.last = whole;
    this.lastFlush = this.now();
    const cols = this.inkStream.columns;
    // Rows beyond the terminal are dropped (a newline is never written, so nothing scrolls), cells past its width too.
    const rows = whole.slice(0, Math.max(1, this.inkStream.rows)).map((r) => clipRow(r, cols));
    const diff = diffFrame(this.shown, rows);
    this.shown = rows;
    if (diff !== '') {
      // Synchronized output keeps a big update from tearing; small ones are not worth its 16 bytes.
      const out = diff.length > 512 ? BSU + diff + ESU : diff;
      this.bytes += Buffer.byteLength(out);
      try {
        if (this.opts.out.writable && !this.opts.out.write(out)) {
          this.draining = true;
          this.opts.out.once('drain', this.onDrain);
        }
      } catch {
        // EIO after the link dropped: the exit path takes over
      }
    }
    this.opts.onFlush?.();
  }
}
