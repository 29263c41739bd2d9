// The full-screen `watch`: Ink app over the runtime, signals and terminal restoration on every exit path.
import { createElement } from 'react';
import { UserError } from '../config/errors.js';
import { buildSources } from '../runtime/build-sources.js';
import { systemClock } from '../runtime/clock.js';
import { ConsoleRuntime } from '../runtime/console-runtime.js';
import type { EndReason } from '../runtime/session-record.js';
import { TerminalModes } from '../runtime/terminal.js';
import { closeDefaultDispatcher } from '../sources/http-get.js';
import { computeLayout } from '../ui/format/layout.js';
import { FrameSinkContext, type FrameSink } from '../ui/frame-sink.js';
import { ScreenWriter } from '../ui/screen-writer.js';
import { pickerLoader } from './drill-down-deps.js';
import { hasLogSources } from '../runtime/log-sources.js';
import { openTty } from '../sources/open-tty.js';
import { logPane } from '../ui/log-pane.js';
import { readsStdin } from './source-flags.js';
import { paintEarly } from './early-paint.js';
import { extraPanels } from './extra-panels.js';
import { loadInkRender, SIGNAL_CODES, suspendOnCtrlZ } from './full-screen.js';
import { terminalSize } from './terminal-size.js';
import { newTracker, saveSession, type WatchContext } from './watch-context.js';
import { startRecording } from './watch-record.js';

/** How long the screen waits for a first data point before loading Ink anyway, in ms. */
const INK_WAIT_MS = 250;

/** Loads Ink (without letting a CI variable in the user's shell turn the screen into a last-frame printer) and the app. */
async function loadInk() {
  const [render, app] = await Promise.all([loadInkRender(), import('../ui/app.js')]);
  return { render, App: app.App };
}

/** Where keys come from: standard input, or the terminal itself when standard input carries log lines. */
function keyInput(ctx: WatchContext): NodeJS.ReadableStream {
  if (!readsStdin(ctx.profile)) return process.stdin;
  const tty = openTty();
  if (!tty.stream) throw new UserError('INC_NO_TTY', `watch: --logs - reads log lines from standard input, and keys need the terminal (${tty.reason})`, 'run it from a terminal, or use --once');
  return tty.stream;
}

/** Runs the console until the user quits or a signal arrives; resolves with the exit code. */
export async function runScreen(ctx: WatchContext): Promise<number> {
  const stdout = process.stdout;
  if (!stdout.isTTY) throw new UserError('INC_NOT_A_TERMINAL', 'watch: standard output is not a terminal', 'use --once or --once --json for scripts');
  // Ink (and its WebAssembly layout engine) evaluates synchronously for tens of ms: it loads once the first data point
  // is on screen (drawn without it), or after INK_WAIT_MS when no data comes, so it never delays the first graph.
  let firstData = () => {};
  const ready = new Promise<void>((resolve) => (firstData = resolve));
  const inkWait = setTimeout(firstData, INK_WAIT_MS);
  const ink = ready.then(() => new Promise((r) => setTimeout(r, 0))).then(loadInk);
  const tracker = newTracker(ctx);
  const size = terminalSize(stdout);
  const runtime = new ConsoleRuntime({
    profile: ctx.profile, service: ctx.service, pod: ctx.pod, clock: systemClock, sources: buildSources,
    columns: () => computeLayout(size.get().cols, size.get().rows, { p99Bars: 0, pipelineRows: 0, hasLogs: false }).chartColumns,
  });
  runtime.store.tap(tracker.observe);
  const recording = startRecording(ctx, runtime.store, systemClock);
  const keys = keyInput(ctx);
  const modes = new TerminalModes(stdout);
  let frameHasData = false;
  let finishing: Promise<number> | undefined;
  let instance: { unmount(): void; waitUntilExit(): Promise<unknown> } | undefined;
  let stopEarly = () => {};
  const firstGraph = () => {
    if (frameHasData && tracker.ttfgMs === null) tracker.firstGraph();
  };
  // Ink keeps the component tree and the keys; the writer puts only the changed cells on the terminal.
  const writer = new ScreenWriter({ out: stdout, onFlush: firstGraph });
  const ctrlZ = suspendOnCtrlZ(writer, modes, keys);

  const finish = (reason: EndReason, code: number): Promise<number> => {
    finishing ??= (async () => {
      saveSession(ctx, tracker, reason);
      stopEarly();
      clearTimeout(inkWait);
      writer.dispose();
      ctrlZ.stop();
      try {
        instance?.unmount();
      } catch {
        // already unmounted
      }
      modes.restore();
      // Keys read from the terminal itself (stdin carries logs) were put in raw mode here or by Ink: give it back.
      try {
        if (keys !== process.stdin && (keys as { isTTY?: boolean }).isTTY) (keys as NodeJS.ReadStream).setRawMode(false);
      } catch {
        // the terminal is already gone
      }
      await runtime.stop();
      await closeDefaultDispatcher();
      await recording?.close(reason);
      return code;
    })();
    return finishing;
  };

  ctrlZ.listenSignals();
  const signalled = new Promise<number>((resolve) => {
    // `on`, not `once`: a listener that removed itself would leave Ink's signal-exit alone on the signal, and it
    // re-raises it, killing the process before the log commands are stopped and the recording is closed.
    for (const sig of Object.keys(SIGNAL_CODES) as Array<keyof typeof SIGNAL_CODES>) {
      process.on(sig, () => resolve(finish(sig, SIGNAL_CODES[sig])));
    }
  });
  runtime.start();
  modes.enter();
  // Raw keys from the start: nothing typed before Ink reads the keys is echoed over the screen, and none is lost.
  if ((keys as { isTTY?: boolean }).isTTY) (keys as NodeJS.ReadStream).setRawMode(true);
  // Frames drawn here until Ink is up, so the first data point does not wait for it.
  stopEarly = paintEarly({
    store: runtime.store, profile: ctx.profile, service: ctx.service, pod: ctx.pod, glyphs: ctx.glyphs, color: ctx.color,
    extras: extraPanels(ctx, runtime.pipeline), size: size.get, now: () => Date.now(), ttfgMs: () => tracker.ttfgMs,
    draw: (lines, color, hasData) => {
      frameHasData = hasData;
      writer.lines(lines, color);
      if (hasData) firstData();
    },
  });
  const { render, App } = await ink;
  stopEarly();
  if (finishing) return finishing;
  // The app's lines go straight to the writer; Ink keeps the component tree, the keys and anything drawn outside Lines.
  const sink: FrameSink = (lines, color) => writer.lines(lines, color);
  instance = render(
    createElement(FrameSinkContext.Provider, { value: sink }, createElement(App, {
      store: runtime.store, profile: ctx.profile, service: ctx.service, glyphs: ctx.glyphs, color: ctx.color,
      now: () => Date.now(), size, ttfgMs: () => tracker.ttfgMs,
      onFrame: (hasData: boolean) => {
        frameHasData = hasData;
        if (writer.idle) firstGraph();
      },
      onWindow: (ms: number) => runtime.setWindow(ms),
      onRefresh: () => runtime.refreshNow(),
      onQuit: () => void finish('quit', 0),
      pod: ctx.pod,
      extras: extraPanels(ctx, runtime.pipeline),
      logs: hasLogSources(ctx.profile) ? logPane(runtime.logs, ctx.glyphs, runtime.store.getSnapshot) : undefined,
      listValues: pickerLoader(ctx.profile),
      onScope: (scope: { service: string; pod?: string }) => runtime.setScope(scope.service, scope.pod),
    })),
    {
      // Debug mode: anything Ink draws reaches the writer as one whole frame, unthrottled (the writer coalesces).
      stdout: writer.inkStream as unknown as NodeJS.WriteStream, stdin: keys as NodeJS.ReadStream, exitOnCtrlC: false, patchConsole: false, debug: true,
    },
  );
  ctrlZ.listenKeys();
  return Promise.race([instance.waitUntilExit().then(() => finish('quit', 0)), signalled]);
}
