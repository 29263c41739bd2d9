// Runs a replay screen the way the watch screen runs: Ink keeps the component tree and the keys, the screen writer
// puts only the changed cells on the terminal; Ctrl-Z suspends, signals and `q` restore the terminal on every path.
import { createElement, type ReactElement } from 'react';
import { UserError } from '../config/errors.js';
import { TerminalModes } from '../runtime/terminal.js';
import { FrameSinkContext, type FrameSink } from '../ui/frame-sink.js';
import { ScreenWriter } from '../ui/screen-writer.js';
import { loadInkRender, SIGNAL_CODES, suspendOnCtrlZ } from './full-screen.js';

/** What a replay screen brings: its element (given the quit callback) and what to stop once the screen is gone. */
export interface ReplayHostOptions {
  element: (quit: () => void) => ReactElement;
  /** Stops the player and the runtime; called once, after the terminal is restored. */
  stop: () => Promise<void>;
  /** Lines for stderr once the terminal is back (a cut file, say). */
  notes: () => string[];
}

/** Throws the user error for a replay screen without a terminal; call it before building the player. */
export function requireTerminal(): void {
  if (!process.stdout.isTTY) throw new UserError('INC_NOT_A_TERMINAL', 'replay: standard output is not a terminal', 'use --once or --once --json for scripts');
}

/** Shows the replay screen until the user quits or a signal arrives; resolves with the exit code. */
export async function hostReplayScreen(opts: ReplayHostOptions): Promise<number> {
  requireTerminal();
  const stdout = process.stdout;
  const render = await loadInkRender();
  const modes = new TerminalModes(stdout);
  const writer = new ScreenWriter({ out: stdout });
  const ctrlZ = suspendOnCtrlZ(writer, modes, process.stdin);
  let instance: { unmount(): void; waitUntilExit(): Promise<unknown> } | undefined;
  let finishing: Promise<number> | undefined;
  const finish = (code: number): Promise<number> => {
    finishing ??= (async () => {
      writer.dispose();
      ctrlZ.stop();
      try {
        instance?.unmount();
      } catch {
        // already unmounted
      }
      modes.restore();
      await opts.stop();
      for (const note of opts.notes()) process.stderr.write(`incident: ${note}\n`);
      return code;
    })();
    return finishing;
  };
  const signalled = new Promise<number>((resolve) => {
    // `on`, not `once`: a listener that removed itself would leave Ink's signal-exit alone on the signal, and it
    // re-raises it, killing the process before the player is stopped.
    // A second signal while stopping (a player that does not stop) ends the program; the terminal is already back.
    for (const sig of Object.keys(SIGNAL_CODES) as Array<keyof typeof SIGNAL_CODES>) {
      process.on(sig, () => (finishing ? process.exit(SIGNAL_CODES[sig]) : resolve(finish(SIGNAL_CODES[sig]))));
    }
  });
  ctrlZ.listenSignals();
  modes.enter();
  const sink: FrameSink = (lines, color) => writer.lines(lines, color);
  try {
    instance = render(createElement(FrameSinkContext.Provider, { value: sink }, opts.element(() => void finish(0))), {
      // Debug mode: every frame Ink draws reaches the writer whole and unthrottled (the writer coalesces and diffs).
      stdout: writer.inkStream as unknown as NodeJS.WriteStream, stdin: process.stdin, exitOnCtrlC: false, patchConsole: false, debug: true,
    });
  } catch (err) {
    await finish(1);
    throw err;
  }
  ctrlZ.listenKeys();
  return Promise.race([instance.waitUntilExit().then(() => finish(0)), signalled]);
}
