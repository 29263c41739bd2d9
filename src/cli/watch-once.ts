// `watch --once [--json]`: collect every panel once, print one frame or one JSON document, exit.
import { stepForWidth } from '../config/template.js';
import type { ConsoleState } from '../model/console-state.js';
import { buildSnapshot } from '../model/snapshot.js';
import { initialView } from '../model/view-state.js';
import { buildSources } from '../runtime/build-sources.js';
import { systemClock } from '../runtime/clock.js';
import { ConsoleRuntime } from '../runtime/console-runtime.js';
import { closeDefaultDispatcher } from '../sources/http-get.js';
import { composeFrame } from '../ui/format/frame.js';
import { plain } from '../ui/format/styled.js';
import { logsSnapshot } from '../model/logs-snapshot.js';
import { hasLogSources } from '../runtime/log-sources.js';
import { pipelineSnapshot } from '../ui/format/pipeline-rows.js';
import { logPane } from '../ui/log-pane.js';
import { extraPanels } from './extra-panels.js';
import { newTracker, saveSession, type WatchContext } from './watch-context.js';
import { startRecording } from './watch-record.js';

/** How long --once waits after every source settled for log backfill batches, in milliseconds. */
const LOG_GRACE_MS = 400;

/** Lines of the log pane in the snapshot JSON (newest last). */
const SNAPSHOT_LOG_LINES = 50;

const settled = (state: ConsoleState, names: string[]) =>
  names.every((n) => state.sources[n] && state.sources[n].state !== 'connecting');

/** Runs one collection round and prints it; resolves with the exit code (1 when a source failed). */
export async function runOnce(ctx: WatchContext, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const cols = Math.max(60, Math.min(160, (process.stdout.isTTY && process.stdout.columns) || 100));
  const rows = 30;
  const chartColumns = cols - 9;
  const tracker = newTracker(ctx);
  const runtime = new ConsoleRuntime({
    profile: ctx.profile, service: ctx.service, pod: ctx.pod, clock: systemClock, columns: () => chartColumns, sources: buildSources,
  });
  runtime.store.tap(tracker.observe);
  const recording = startRecording(ctx, runtime.store, systemClock);
  const names = runtime.sources.map((s) => s.name);
  const deadlineMs = Math.max(ctx.profile.prometheus?.timeoutMs ?? 0, ctx.profile.scrape.timeoutMs, 2000) + 1000;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, deadlineMs);
    const unsubscribe = runtime.store.subscribe(() => settled(runtime.store.getSnapshot(), names) && done());
    function done() {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    }
    runtime.start();
    runtime.store.flush();
  });
  // Log sources are up once their files are open or their command runs; the backfill follows within a batch or two.
  if (hasLogSources(ctx.profile)) await new Promise((r) => setTimeout(r, LOG_GRACE_MS));
  await runtime.stop();
  await closeDefaultDispatcher();
  await recording?.close('once');
  runtime.store.flush();
  const state = runtime.store.getSnapshot();
  const now = Date.now();
  const frame = composeFrame({
    state, view: initialView(ctx.profile.windowMs), profile: ctx.profile, service: ctx.service, pod: ctx.pod, now,
    ttfgMs: null, cols, rows, glyphs: ctx.glyphs,
  });
  if (frame.hasRealData) tracker.firstGraph();
  let text: string;
  if (ctx.json) {
    const snapshot = buildSnapshot(state, {
      service: ctx.service, pod: ctx.pod, profile: ctx.profile.name, now, windowMs: ctx.profile.windowMs,
      stepMs: stepForWidth(ctx.profile.windowMs, chartColumns), ttfgMs: tracker.ttfgMs, sloSeconds: ctx.profile.thresholds.p99SloSeconds,
      podLabel: ctx.profile.labels.pod, serviceLabel: ctx.profile.labels.service,
      panels: {
        pipeline: pipelineSnapshot(runtime.pipeline.rows(now)),
        ...(hasLogSources(ctx.profile) ? { logs: logsSnapshot(runtime.logs, SNAPSHOT_LOG_LINES) } : {}),
      },
    });
    text = `${JSON.stringify(snapshot, null, 2)}\n`;
  } else {
    const extras = extraPanels(ctx, runtime.pipeline)(state, now);
    const view = initialView(ctx.profile.windowMs);
    const logs = hasLogSources(ctx.profile) ? logPane(runtime.logs, ctx.glyphs, () => state).panel(view, now, { service: ctx.service, pod: ctx.pod }) : undefined;
    // A printed frame is not bound by a screen: it grows so every panel gets the rows it wants.
    const wanted = rows + (extras.alerts?.wants ?? 0) + (extras.pipeline?.wants ?? 0) + (logs ? 12 : 0);
    const lines = composeFrame({
      state, view: initialView(ctx.profile.windowMs), profile: ctx.profile, service: ctx.service, pod: ctx.pod, now,
      ttfgMs: tracker.ttfgMs, cols, rows: wanted, glyphs: ctx.glyphs, ...extras, logs,
    }).lines.map(plain).map((l) => l.trimEnd());
    while (lines.length && lines[lines.length - 1] === '') lines.pop();
    // Blank rows that only fill a screen say nothing in print: runs of them become one.
    for (let i = lines.length - 1; i > 0; i--) if (lines[i] === '' && lines[i - 1] === '') lines.splice(i, 1);
    text = `${lines.join('\n')}\n`;
  }
  out.write(text);
  saveSession(ctx, tracker, 'once');
  const failed = Object.values(state.sources).some((s) => s.state === 'down' || s.state === 'connecting');
  return failed ? 1 : 0;
}
