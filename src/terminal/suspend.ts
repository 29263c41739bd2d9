// Ctrl-Z and `fg`: the terminal restored while the process is stopped, the screen redrawn whole on return.
import type { ScreenWriter } from './screen-writer.js';
import type { TerminalModes } from './terminal-modes.js';

/** Exit code for each signal that ends a screen (128 + the signal number). */
export const SIGNAL_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

/** The signals that end a screen. */
export type EndSignal = keyof typeof SIGNAL_CODES;

/** Listens for SIGTSTP/SIGCONT and for the Ctrl-Z byte among raw keys; stop() removes every listener. */
export function suspendOnCtrlZ(writer: ScreenWriter, modes: TerminalModes, keys: NodeJS.ReadableStream) {
  const suspend = () => {
    writer.stop();
    modes.suspend();
  };
  const resume = () => {
    modes.resume();
    writer.resume();
  };
  // In raw mode Ctrl-Z arrives as a byte, not as SIGTSTP.
  const onKeyBytes = (d: Buffer | string) => {
    if (String(d).includes('\x1a')) suspend();
  };
  return {
    /** Listens for SIGTSTP and SIGCONT. */
    listenSignals(): void {
      process.on('SIGTSTP', suspend);
      process.on('SIGCONT', resume);
    },
    /** Listens for the Ctrl-Z byte among the keys (once raw mode is on). */
    listenKeys(): void {
      if ((keys as { isTTY?: boolean }).isTTY) keys.on('data', onKeyBytes);
    },
    /** Stops listening. */
    stop(): void {
      process.off('SIGTSTP', suspend);
      process.off('SIGCONT', resume);
      keys.off('data', onKeyBytes);
    },
  };
}
