// The one full-screen host, for watch, demo and both replays: opens the terminal device, draws early frames, runs
// Ink's component tree behind an error boundary, and ends the screen the same way on every path (q, a signal, a
// render error, an uncaught error): terminal restored first, then everything stopped, then the exit code.
import { createElement, type ReactElement } from 'react';
import type { EndReason } from '../model/session/session-record.js';
import { safeText } from '../model/text/safe-text.js';
import { openTerminal, type Terminal, type TerminalIO } from '../terminal/device.js';
import type { Line } from '../terminal/styled.js';
import { SIGNAL_CODES, type EndSignal } from '../terminal/suspend.js';
import { ErrorBoundary } from '../ui/ErrorBoundary.js';
import { FrameSinkContext, type FrameSink } from '../ui/frame-sink.js';
import { loadInkRender } from './load-ink.js';

/** Exit code of a crash (EX_SOFTWARE). */
export const CRASH_EXIT_CODE = 70;

/**
 * Who puts frames on the terminal: the screen writer (cells diffed, the default), or Ink's own incremental
 * rendering (`INCIDENT_RENDERER=ink`), kept only so the two can be measured against each other (BENCHMARKS.md).
 */
const inkRenders = () => process.env.INCIDENT_RENDERER === 'ink';

/** What one screen brings to the host. */
export interface ScreenPlan {
  /** Command name for messages ("watch", "replay"). */
  command: string;
  io: TerminalIO;
  /** Keys come from /dev/tty because standard input carries log lines. */
  keysFromTty?: boolean;
  /** Called after each frame reached the terminal. */
  onFlush?: () => void;
  /** Draws frames before the component tree is up; returns the function that stops it. */
  early?: (draw: (lines: Line[], color: boolean, now?: boolean) => void, terminal: Terminal) => () => void;
  /** The component tree waits for this before it loads (watch: the first data point, or a short timeout). */
  loadWhen?: Promise<void>;
  /** The element to show, given the callback that quits and the terminal it is drawn on. */
  element: (quit: () => void, terminal: Terminal) => ReactElement | Promise<ReactElement>;
  /** Stops what the screen showed (sources, players, recorders) and records the session; called once. */
  stop: (reason: EndReason) => Promise<void>;
  /** Lines for stderr once the terminal is back (a cut file, say). */
  notes?: () => string[];
}

/** Shows the screen until the user quits, a signal arrives or something fails; resolves with the exit code. */
export async function hostScreen(plan: ScreenPlan): Promise<number> {
  const { io } = plan;
  const terminal = openTerminal(io, { command: plan.command, keysFromTty: plan.keysFromTty, onFlush: plan.onFlush });
  let instance: { unmount(): void; waitUntilExit(): Promise<unknown> } | undefined;
  let stopEarly = () => {};
  let finishing: Promise<number> | undefined;
  let settle: (code: number) => void = () => {};
  const ended = new Promise<number>((resolve) => (settle = resolve));

  const finish = (reason: EndReason, code: number, error?: unknown): Promise<number> => {
    finishing ??= (async () => {
      stopEarly();
      terminal.restore();
      try {
        instance?.unmount();
      } catch {
        // already unmounted, or the tree is what failed
      }
      if (error !== undefined) io.stderr.write(crashReport(plan.command, error));
      try {
        await plan.stop(reason);
      } catch (err) {
        io.stderr.write(`incident: stopping the ${plan.command} screen failed: ${safeText(String((err as Error)?.message ?? err))}\n`);
      }
      for (const note of plan.notes?.() ?? []) io.stderr.write(`incident: ${safeText(note)}\n`);
      for (const [sig, listener] of signalListeners) process.off(sig, listener);
      process.off('uncaughtException', onCrash);
      process.off('unhandledRejection', onCrash);
      settle(code);
      return code;
    })();
    return finishing;
  };
  const onCrash = (error: unknown) => void finish('crash', CRASH_EXIT_CODE, error);
  // `on`, not `once`: a listener that removed itself would leave Ink's signal-exit alone on the signal, and it
  // re-raises it, killing the process before sources are stopped. A second signal while stopping ends the program.
  const signalListeners = (Object.keys(SIGNAL_CODES) as EndSignal[]).map((sig) => {
    const listener = () => (finishing ? process.exit(SIGNAL_CODES[sig]) : void finish(sig, SIGNAL_CODES[sig]));
    process.on(sig, listener);
    return [sig, listener] as const;
  });
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);

  terminal.enter();
  try {
    stopEarly = plan.early?.((lines, color, now) => terminal.draw(lines, color, now), terminal) ?? stopEarly;
    // Ink evaluates synchronously for tens of ms: it is imported only once the plan allows (after the first data).
    await plan.loadWhen;
    const render = await loadInkRender();
    stopEarly();
    if (finishing) return finishing;
    const sink: FrameSink | null = inkRenders() ? null : (lines, color) => terminal.draw(lines, color);
    const element = await plan.element(() => void finish('quit', 0), terminal);
    if (finishing) return finishing;
    instance = render(
      createElement(FrameSinkContext.Provider, { value: sink }, createElement(ErrorBoundary, { onError: onCrash }, element)),
      // Debug mode: anything Ink draws by itself reaches the writer as one whole frame, unthrottled (the writer
      // coalesces). Ink's own console patching and Ctrl-C exit stay off: the host owns both.
      sink
        ? { stdout: terminal.inkOutput, stdin: terminal.keys, exitOnCtrlC: false, patchConsole: false, debug: true }
        : { stdout: io.stdout, stdin: terminal.keys, exitOnCtrlC: false, patchConsole: false, incrementalRendering: true },
    );
    instance.waitUntilExit().then(() => finish('quit', 0), onCrash);
  } catch (err) {
    onCrash(err);
  }
  return ended;
}

/** What the user reads after a crash: the error, and what to send with a report. */
function crashReport(command: string, error: unknown): string {
  const err = error instanceof Error ? error : new Error(String(error));
  const stack = (err.stack ?? `${err.name}: ${err.message}`).split('\n').slice(0, 12).map((l) => safeText(l)).join('\n');
  return `incident: internal error in the ${command} screen; the terminal is restored and the session saved as "crash".\n`
    + `${stack}\n`
    + 'Please report it with the command you ran, the profile (without credentials) and the lines above.\n';
}
