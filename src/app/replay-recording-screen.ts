// The interactive replay of a recording: the console screen over a replay clock, through the screen host.
import { createElement } from 'react';
import type { Profile } from '../config/profile.js';
import { ReplayClock } from '../runtime/replay-clock.js';
import { ReplayPlayer } from '../runtime/replay-recording.js';
import { SwitchableStore } from '../runtime/replay-store.js';
import type { OpenedRecording } from '../sources/files/recording-reader.js';
import { processIO } from '../terminal/device.js';
import type { Glyphs } from '../ui/format/glyphs.js';
import { computeLayout } from '../ui/format/layout.js';
import { logPane } from '../ui/log-pane.js';
import { extraPanels } from './extra-panels.js';
import { cutNote, replayRuntime } from './recording-session.js';
import { hostScreen } from './screen-host.js';

/** How the screen starts: speed factor (Infinity: as fast as possible), a start time (epoch ms) or null. */
export interface ReplayScreenOptions {
  speed: number;
  at: number | null;
  glyphs: Glyphs;
  color: boolean;
}

/** Plays `rec` until the user quits or a signal arrives; resolves with the exit code. */
export async function runReplayScreen(rec: OpenedRecording, profile: Profile, opts: ReplayScreenOptions): Promise<number> {
  const io = processIO();
  const { header } = rec;
  const columns = () => computeLayout(io.stdout.columns || 80, io.stdout.rows || 24, { p99Bars: 0, pipelineRows: 0, hasLogs: false }).chartColumns;
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
  const done = hostScreen({
    command: 'replay',
    io,
    element: async (quit, terminal) =>
      createElement((await import('../ui/ReplayScreen.js')).ReplayScreen, {
        store, profile, service: header.service, glyphs: opts.glyphs, color: opts.color,
        now: clock.now, size: terminal.size, ttfgMs: () => null,
        onFrame: () => undefined,
        onWindow: () => undefined,
        onRefresh: () => undefined,
        onQuit: quit,
        pod: header.pod,
        // The console is rebuilt on a seek back: the panels always read the current one.
        extras: extraPanels({ glyphs: opts.glyphs, profile }, { rows: (now: number) => current.runtime.pipeline.rows(now) }, () => current.runtime.logs),
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
