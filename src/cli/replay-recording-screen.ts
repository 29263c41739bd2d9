// The interactive replay of a recording: the console screen over a replay clock, restored on every exit path.
import { createElement } from 'react';
import type { Profile } from '../config/profile.js';
import { ReplayClock } from '../runtime/replay-clock.js';
import { ReplayPlayer } from '../runtime/replay-recording.js';
import { SwitchableStore } from '../runtime/replay-store.js';
import type { OpenedRecording } from '../sources/recording-reader.js';
import type { Glyphs } from '../ui/format/glyphs.js';
import { computeLayout } from '../ui/format/layout.js';
import { logPane } from '../ui/log-pane.js';
import { extraPanels } from './extra-panels.js';
import { terminalSize } from './terminal-size.js';
import { cutNote, replayRuntime } from './replay-recording.js';
import { hostReplayScreen, requireTerminal } from './replay-screen-host.js';

/** How the screen starts: speed factor (Infinity: as fast as possible), a start time (epoch ms) or null. */
export interface ReplayScreenOptions {
  speed: number;
  at: number | null;
  glyphs: Glyphs;
  color: boolean;
}

/** Plays `rec` until the user quits or a signal arrives; resolves with the exit code. */
export async function runReplayScreen(rec: OpenedRecording, profile: Profile, opts: ReplayScreenOptions): Promise<number> {
  requireTerminal();
  const { ReplayScreen } = await import('../ui/ReplayScreen.js');
  const { header } = rec;
  const size = terminalSize(process.stdout);
  const columns = () => computeLayout(size.get().cols, size.get().rows, { p99Bars: 0, pipelineRows: 0, hasLogs: false }).chartColumns;
  let current = replayRuntime(profile, header, columns);
  const store = new SwitchableStore(current.runtime.store);
  const clock = new ReplayClock(header.started_at_ms);
  clock.setSpeed(opts.speed);
  const player = new ReplayPlayer({
    events: rec.events,
    reopen: () => rec.events,
    clock,
    startAt: header.started_at_ms,
    emit: current.emit,
    endAt: () => rec.stats.endAt,
    reset: () => {
      const old = current.runtime;
      current = replayRuntime(profile, header, columns);
      store.switchTo(current.runtime.store);
      void old.stop();
      return current.emit;
    },
  });
  if (opts.at !== null) player.seek(opts.at);
  const done = hostReplayScreen({
    element: (quit) =>
      createElement(ReplayScreen, {
        store, profile, service: header.service, glyphs: opts.glyphs, color: opts.color,
        now: clock.now, size, ttfgMs: () => null,
        onFrame: () => undefined,
        onWindow: () => undefined,
        onRefresh: () => undefined,
        onQuit: quit,
        pod: header.pod,
        // The console is rebuilt on a seek back: the panels always read the current one.
        extras: extraPanels({ glyphs: opts.glyphs, profile }, { rows: (now: number) => current.runtime.pipeline.rows(now) }),
        logs: {
          total: () => current.runtime.logs.total,
          maxScroll: (view) => logPane(current.runtime.logs, opts.glyphs, store.getSnapshot).maxScroll(view),
          panel: (view, now, scope) => logPane(current.runtime.logs, opts.glyphs, store.getSnapshot).panel(view, now, scope),
        },
        player,
        startAt: header.started_at_ms,
        endAt: () => (rec.stats.endAt ?? (player.getStatus().readDone ? rec.stats.lastAt : null)),
        cut: () => rec.stats.cut,
      }),
    stop: async () => {
      await player.stop();
      await current.runtime.stop();
    },
    notes: () => {
      const note = cutNote(rec);
      return note ? [note] : [];
    },
  });
  void player.run();
  return done;
}
