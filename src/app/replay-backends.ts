// `incident replay --from T1 --to T2 --service S` with no file: the past range played from the backends through the
// replay screen (space, < >, seeks, n, g/G). The window's end moves on a replay clock; Prometheus is read in pieces a
// screen wide, fetched ahead and kept, so seeking back asks nothing new.
import { createElement } from 'react';
import { expandQuery, stepForWidth } from '../config/template.js';
import type { Profile } from '../config/profile.js';
import { nextJump } from '../model/promql/next-jump.js';
import { BackendPlayer } from '../runtime/backend-player.js';
import { ConsoleRuntime } from '../runtime/console-runtime.js';
import { HistoricalClock } from '../runtime/historical-clock.js';
import { closeDefaultDispatcher } from '../sources/http-get.js';
import { buildHistoricalSources } from '../sources/historical-sources.js';
import { hasLogSources } from '../sources/logs/log-sources.js';
import { PieceCachedPrometheusApi } from '../sources/metrics/piece-cache-api.js';
import { systemClock } from '../sources/system-clock.js';
import { processIO } from '../terminal/device.js';
import type { Glyphs } from '../ui/format/glyphs.js';
import { historicalLabel } from '../ui/format/historical-label.js';
import { computeLayout } from '../ui/format/layout.js';
import { logPane } from '../ui/log-pane.js';
import { extraPanels } from './extra-panels.js';
import { hostScreen } from './screen-host.js';

/** What the replay of a past range needs; times in epoch ms. */
export interface BackendReplayOptions {
  profile: Profile;
  service: string;
  fromMs: number;
  toMs: number;
  speed: number;
  glyphs: Glyphs;
  color: boolean;
}

/** Plays [fromMs, toMs] until the user quits; resolves with the exit code. */
export async function runBackendReplay(o: BackendReplayOptions): Promise<number> {
  const { profile } = o;
  if (!profile.prometheus) throw new Error('replay --from/--to needs a Prometheus');
  const io = processIO();
  const columns = () => computeLayout(io.stdout.columns || 80, io.stdout.rows || 24, { p99Bars: 0, pipelineRows: 0, hasLogs: hasLogSources(profile) }).chartColumns;
  const past = new HistoricalClock(systemClock, o.fromMs, profile.windowMs);
  const api = new PieceCachedPrometheusApi(profile.prometheus, systemClock);
  const runtime = new ConsoleRuntime({
    profile, service: o.service, clock: past, columns, sources: (p, scope, clock) => buildHistoricalSources(p, scope, clock, api),
  });
  const stepMs = () => stepForWidth(runtime.currentScope.windowMs, columns());
  // `n` scans the error rate from the replay time to the range's end, at the chart's step, through the same pieces.
  const jump = async (afterMs: number): Promise<number | null> => {
    const scope = runtime.currentScope;
    const step = Math.max(1, Math.round(stepMs() / 1000));
    const query = expandQuery(profile.queries.errorRate, {
      service: scope.service, pod: scope.pod, podLabel: profile.labels.pod, windowMs: scope.windowMs, stepMs: step * 1000, scrapeIntervalMs: profile.scrapeIntervalMs,
    });
    const start = Math.floor(afterMs / 1000 / step) * step - 10 * step;
    const end = Math.floor(o.toMs / 1000 / step) * step;
    const series = (await api.queryRange(query, start, end, step)).data[0];
    const at = series ? nextJump(series.points, Math.floor(afterMs / 1000), Math.max(profile.thresholds.errorRateWarn, 0.02)) : null;
    return at === null ? null : at * 1000;
  };
  const player = new BackendPlayer({ past, real: systemClock, fromMs: o.fromMs, toMs: o.toMs, show: () => {
    runtime.logs.clear();
    runtime.refreshNow();
  }, stepMs, nextJump: jump });
  player.setSpeed(o.speed);
  const moreKeys = [{ key: 'n', hint: 'next jump', help: 'next jump in the error rate', run: () => void player.nextAnomaly() }];
  runtime.start();
  const done = hostScreen({
    command: 'replay',
    io,
    element: async (quit, terminal) =>
      createElement((await import('../ui/ReplayScreen.js')).ReplayScreen, {
        store: runtime.store, profile, service: o.service, glyphs: o.glyphs, color: o.color,
        now: past.now, size: terminal.size, ttfgMs: () => null,
        historical: () => historicalLabel(past.now(), systemClock.now()),
        onFrame: () => undefined,
        onWindow: (ms: number) => runtime.setWindow(ms),
        onRefresh: () => runtime.refreshNow(),
        onQuit: quit,
        extras: extraPanels({ glyphs: o.glyphs, profile }, runtime.pipeline),
        logs: hasLogSources(profile) ? logPane(runtime.logs, o.glyphs, runtime.store.getSnapshot) : undefined,
        player,
        startAt: o.fromMs,
        endAt: () => o.toMs,
        cut: () => null,
        moreKeys,
      }),
    stop: async () => {
      player.stop();
      await runtime.stop();
      await closeDefaultDispatcher();
    },
  });
  player.run();
  return done;
}
