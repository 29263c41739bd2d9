// The full-screen `watch` (and `demo`): a live session shown through the screen host. The first data point is
// drawn without waiting for Ink; the session line records TTFG and how the screen ended.
import { createElement } from 'react';
import { ConsoleRuntime } from '../runtime/console-runtime.js';
import { earlyFrameGate, keepCompiledCode } from '../sources/first-request.js';
import { closeDefaultDispatcher } from '../sources/http-get.js';
import { hasLogSources, readsStdin } from '../sources/logs/log-sources.js';
import { processIO, type TerminalIO } from '../terminal/device.js';
import { computeLayout } from '../ui/format/layout.js';
import { logPane } from '../ui/log-pane.js';
import { pickerLoader } from './drill-down-deps.js';
import { paintEarly } from './early-paint.js';
import { extraPanels, type ExtraPanels } from './extra-panels.js';
import { headerLabel, pastWindowActions, sessionTime } from './historical-session.js';
import { hostScreen } from './screen-host.js';
import { endSession, newTracker, noMetricsReason, sessionLine, type WatchContext } from './watch-context.js';
import { startRecording } from './watch-record.js';

/** How long the screen waits for a first data point before loading Ink anyway, in ms. */
const INK_WAIT_MS = 250;

/** What a test may replace: the process's streams, and the panels beyond error rate and p99. */
export interface WatchScreenDeps {
  io?: TerminalIO;
  extras?: (ctx: WatchContext, runtime: ConsoleRuntime) => ExtraPanels;
}

/** Runs the console until the user quits, a signal arrives or it fails; resolves with the exit code. */
export async function runScreen(ctx: WatchContext, deps: WatchScreenDeps = {}): Promise<number> {
  const io = deps.io ?? processIO();
  // Ink (and its WebAssembly layout engine) evaluates synchronously for tens of ms: it loads once the first data point
  // is on screen (drawn without it), or after INK_WAIT_MS when no data comes, so it never delays the first graph.
  let firstData = () => {};
  const dataShown = new Promise<void>((resolve) => (firstData = resolve));
  const inkWait = setTimeout(firstData, INK_WAIT_MS);
  const loadWhen = dataShown.then(() => new Promise<void>((r) => setTimeout(r, 0)));
  const tracker = newTracker(ctx);
  const size = () => ({ cols: io.stdout.columns || 80, rows: io.stdout.rows || 24 });
  const time = sessionTime(ctx.historical);
  const runtime = new ConsoleRuntime({
    profile: ctx.profile, service: ctx.service, pod: ctx.pod, clock: time.clock, sources: time.sources,
    columns: () => computeLayout(size().cols, size().rows, { p99Bars: 0, pipelineRows: 0, hasLogs: false }).chartColumns,
  });
  runtime.store.tap(tracker.observe);
  const recording = startRecording(ctx, runtime.store, time.clock);
  const past = time.past ? pastWindowActions(time.past, runtime) : undefined;
  const extras = (deps.extras ?? ((c, r) => extraPanels(c, r.pipeline, () => r.logs)))(ctx, runtime);
  let frameHasData = false;
  let drawn = false;
  let idle = () => true;
  const firstGraph = () => {
    if (frameHasData && tracker.ttfgMs === null) {
      tracker.firstGraph();
      keepCompiledCode();
    }
  };
  runtime.start();
  return hostScreen({
    command: 'watch',
    io,
    keysFromTty: readsStdin(ctx.profile),
    onFlush: firstGraph,
    loadWhen,
    early: (draw, terminal) => {
      idle = () => terminal.idle;
      return paintEarly({
        store: runtime.store, profile: ctx.profile, service: ctx.service, pod: ctx.pod, glyphs: ctx.glyphs, color: ctx.color,
        extras, size: terminal.size.get, now: time.clock.now, ttfgMs: () => tracker.ttfgMs, historical: headerLabel(time), noMetrics: noMetricsReason(ctx.profile),
        firstAfter: earlyFrameGate(),
        draw: (lines, color, hasData) => {
          // The first frame, and the first with data, go out at once; the rest at the writer's pace.
          const now = !drawn || (hasData && !frameHasData);
          drawn = true;
          frameHasData = hasData;
          draw(lines, color, now);
          if (hasData) firstData();
        },
      });
    },
    // The component tree (and Ink under it) is imported only now, after the first data point is on screen.
    element: async (quit, terminal) =>
      createElement((await import('../ui/app.js')).App, {
        store: runtime.store, profile: ctx.profile, service: ctx.service, pod: ctx.pod, glyphs: ctx.glyphs, color: ctx.color,
        now: time.clock.now, size: terminal.size, ttfgMs: () => tracker.ttfgMs, historical: headerLabel(time), onPan: past?.onPan, noMetrics: noMetricsReason(ctx.profile),
        onFrame: (hasData: boolean) => {
          frameHasData = hasData;
          if (idle()) firstGraph();
        },
        onWindow: past?.onWindow ?? ((ms: number) => runtime.setWindow(ms)),
        onRefresh: past?.onRefresh ?? (() => runtime.refreshNow()),
        onQuit: quit,
        extras,
        logs: hasLogSources(ctx.profile) ? logPane(runtime.logs, ctx.glyphs, runtime.store.getSnapshot) : undefined,
        listValues: pickerLoader(ctx.profile),
        onScope: (scope: { service: string; pod?: string }) => runtime.setScope(scope.service, scope.pod),
        onCopy: (text: string) => terminal.copy(text),
      }),
    stop: async (reason) => {
      clearTimeout(inkWait);
      const record = await endSession(ctx, tracker, reason);
      // The terminal is back: one line on what this session was (not after a dropped link, nobody reads it).
      if (record && reason !== 'SIGHUP' && reason !== 'crash') io.stderr.write(sessionLine(ctx, record));
      await runtime.stop();
      await closeDefaultDispatcher();
      await recording?.close(reason);
    },
  });
}
