// The terminal as one device: screen writer, modes, keys (standard input or /dev/tty), size and Ctrl-Z, behind the
// small interface the application uses. Nothing else writes to the terminal while a screen is up.
import { UserError } from '../config/errors.js';
import type { Line } from './styled.js';
import { openTty } from './open-tty.js';
import { ScreenWriter } from './screen-writer.js';
import { suspendOnCtrlZ } from './suspend.js';
import { TerminalModes } from './terminal-modes.js';
import { terminalSize, type TerminalSize } from './terminal-size.js';

/** The process's streams a screen runs on; tests pass their own. */
export interface TerminalIO {
  stdout: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
  stderr: NodeJS.WritableStream;
}

/** The real streams of this process. */
export const processIO = (): TerminalIO => ({ stdout: process.stdout, stdin: process.stdin, stderr: process.stderr });

/** How the device is opened: where keys come from, and who hears about frames that reached the terminal. */
export interface TerminalOptions {
  /** Command name for the error when standard output is not a terminal ("watch", "replay"). */
  command: string;
  /** Read keys from /dev/tty because standard input carries log lines. */
  keysFromTty?: boolean;
  /** Called after each frame reached the terminal. */
  onFlush?: () => void;
}

/** What the application sees of the terminal. */
export interface Terminal {
  /** Where keys arrive (raw mode once entered). */
  readonly keys: NodeJS.ReadStream;
  /** Size in cells and its change subscription. */
  readonly size: TerminalSize;
  /** The stream to give Ink as its output: a stand-in of the terminal's size that never reaches it. */
  readonly inkOutput: NodeJS.WriteStream;
  /** Bytes written to the terminal so far. */
  readonly bytes: number;
  /** True when no frame is waiting to be written. */
  readonly idle: boolean;
  /** Takes a whole screen as styled lines; only the cells that changed reach the terminal (`now`: at once). */
  draw(lines: Line[], color: boolean, now?: boolean): void;
  /** Alternate screen, hidden cursor, raw keys, Ctrl-Z suspends. */
  enter(): void;
  /** Gives the terminal back as it was; idempotent and safe on a terminal that is gone. */
  restore(): void;
  /** Puts `text` on the clipboard of the terminal the user sits at (OSC 52; passes through tmux and SSH). */
  copy(text: string): void;
}

/** The OSC 52 sequence that sets the clipboard to `text`. */
export const osc52 = (text: string): string => `\x1b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\x07`;

/** Opens the terminal for a full screen; throws UserError when there is no terminal to draw on or read keys from. */
export function openTerminal(io: TerminalIO, opts: TerminalOptions): Terminal {
  if (!io.stdout.isTTY) {
    throw new UserError('INC_NOT_A_TERMINAL', `${opts.command}: standard output is not a terminal`, 'use --once or --once --json for scripts');
  }
  let keys = io.stdin;
  if (opts.keysFromTty) {
    const tty = openTty();
    if (!tty.stream) throw new UserError('INC_NO_TTY', `${opts.command}: --logs - reads log lines from standard input, and keys need the terminal (${tty.reason})`, 'run it from a terminal, or use --once');
    keys = tty.stream;
  }
  const writer = new ScreenWriter({ out: io.stdout, onFlush: opts.onFlush });
  const modes = new TerminalModes(io.stdout, keys);
  const ctrlZ = suspendOnCtrlZ(writer, modes, keys);
  const size = terminalSize(io.stdout);
  let entered = false;
  let restored = false;
  return {
    keys,
    size,
    inkOutput: writer.inkStream as unknown as NodeJS.WriteStream,
    get bytes() {
      return writer.bytes;
    },
    get idle() {
      return writer.idle;
    },
    draw: (lines, color, now) => writer.lines(lines, color, now),
    enter() {
      if (entered) return;
      entered = true;
      ctrlZ.listenSignals();
      modes.enter();
      // Raw keys from the start: nothing typed before the app reads keys is echoed over the screen, and none is lost.
      try {
        if (keys.isTTY) keys.setRawMode(true);
      } catch {
        // the terminal went away before the screen came up
      }
      ctrlZ.listenKeys();
    },
    copy(text) {
      try {
        if (io.stdout.writable) io.stdout.write(osc52(text));
      } catch {
        // the terminal is gone
      }
    },
    restore() {
      if (restored) return;
      restored = true;
      writer.dispose();
      ctrlZ.stop();
      modes.restore();
    },
  };
}
