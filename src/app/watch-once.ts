// `watch --once [--json]` (and `demo --once`): collect every panel once, print one frame or one JSON document, exit.
import { allNotices, hasRealPoint, pickMetricView, type ConsoleState } from '../model/console-state/console-state.js';
import { ConsoleRuntime } from '../runtime/console-runtime.js';
import { closeDefaultDispatcher } from '../sources/http-get.js';
import { hasLogSources } from '../sources/logs/log-sources.js';
import { headerLabel, historicalField, sessionTime } from './historical-session.js';
import { chartColumnsFor, onceColumns, onceText } from './print-once.js';
import { endSession, newTracker, noMetricsReason, type WatchContext } from './watch-context.js';
import { startRecording } from './watch-record.js';
import { safeText } from '../model/text/safe-text.js';

/** How long --once waits after every source settled for log backfill batches, in milliseconds. */
const LOG_GRACE_MS = 400;

const settled = (state: ConsoleState, names: string[]) =>
  names.every((n) => state.sources[n] && state.sources[n].state !== 'connecting');

/** Runs one collection round and prints it; resolves with the exit code (1 when a source failed). */
export async function runOnce(ctx: WatchContext, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const cols = onceColumns(process.stdout);
  const tracker = newTracker(ctx);
  const time = sessionTime(ctx.historical);
  const runtime = new ConsoleRuntime({
    profile: ctx.profile, service: ctx.service, pod: ctx.pod, clock: time.clock, columns: () => chartColumnsFor(cols), sources: time.sources,
  });
  runtime.store.tap(tracker.observe);
  const recording = startRecording(ctx, runtime.store, time.clock);
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
  const logs = hasLogSources(ctx.profile);
  if (logs) await new Promise((r) => setTimeout(r, LOG_GRACE_MS));
  await runtime.stop();
  await closeDefaultDispatcher();
  await recording?.close('once');
  runtime.store.flush();
  const state = runtime.store.getSnapshot();
  const errView = pickMetricView(state, 'error_rate');
  if (errView && hasRealPoint(errView.series)) tracker.firstGraph();
  out.write(onceText({
    state, profile: ctx.profile, service: ctx.service, pod: ctx.pod, now: time.clock.now(), ttfgMs: tracker.ttfgMs, glyphs: ctx.glyphs, cols,
    pipeline: runtime.pipeline, logs: logs ? runtime.logs : undefined, historical: headerLabel(time)?.(), noMetrics: noMetricsReason(ctx.profile),
  }, ctx.json, historicalField(ctx.historical, time)));
  const record = await endSession(ctx, tracker, 'once');
  if (record?.ttfg_push?.error) process.stderr.write(`incident: TTFG not pushed: ${safeText(record.ttfg_push.error)}\n`);
  // A source that failed, or an answer that says the service or the query is wrong, is not a quiet service: exit 1.
  const failed = Object.values(state.sources).some((s) => s.state === 'down' || s.state === 'connecting');
  return failed || allNotices(state).length > 0 ? 1 : 0;
}
