// What every full screen (watch, replay) shares: loading Ink safely, the exit codes of signals, and Ctrl-Z.
import type { TerminalModes } from '../runtime/terminal.js';
import type { ScreenWriter } from '../ui/screen-writer.js';

/** Exit code for each signal that ends a screen (128 + the signal number). */
export const SIGNAL_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

/** Loads Ink with CI hidden, so that a CI variable in the user's shell cannot turn the screen into a last-frame printer. */
export async function loadInkRender() {
  const saved = process.env.CI;
  if (saved !== undefined) process.env.CI = 'false';
  try {
    return (await import('ink')).render;
  } finally {
    if (saved !== undefined) process.env.CI = saved;
  }
}

/** Ctrl-Z and `fg`: the terminal restored while stopped, the screen redrawn whole on return. */
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
