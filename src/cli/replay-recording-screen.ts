// The interactive replay of a recording: the console screen over a replay clock, restored on every exit path.
import { createElement } from 'react';
import { UserError } from '../config/errors.js';
import type { Profile } from '../config/profile.js';
import { ReplayClock } from '../runtime/replay-clock.js';
import { ReplayPlayer } from '../runtime/replay-recording.js';
import { SwitchableStore } from '../runtime/replay-store.js';
import { TerminalModes } from '../runtime/terminal.js';
import type { OpenedRecording } from '../sources/recording-reader.js';
import type { Glyphs } from '../ui/format/glyphs.js';
import { computeLayout } from '../ui/format/layout.js';
import { logPane } from '../ui/log-pane.js';
import { extraPanels } from './extra-panels.js';
import { terminalSize } from './terminal-size.js';
import { cutNote, replayRuntime } from './replay-recording.js';

const SIGNAL_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

/** How the screen starts: speed factor (Infinity: as fast as possible), a start time (epoch ms) or null. */
export interface ReplayScreenOptions {
  speed: number;
  at: number | null;
  glyphs: Glyphs;
  color: boolean;
}

/** Loads Ink and the replay screen with CI hidden, as the watch screen does, so a CI variable cannot turn the screen into a last-frame printer. */
export async function loadInk() {
  const saved = process.env.CI;
  if (saved !== undefined) process.env.CI = 'false';
  try {
    const [ink, screen] = await Promise.all([import('ink'), import('../ui/ReplayScreen.js')]);
    return { render: ink.render, ReplayScreen: screen.ReplayScreen };
  } finally {
    if (saved !== undefined) process.env.CI = saved;
  }
}


/** Plays `rec` until the user quits or a signal arrives; resolves with the exit code. */
export async function runReplayScreen(rec: OpenedRecording, profile: Profile, opts: ReplayScreenOptions): Promise<number> {
  const stdout = process.stdout;
  if (!stdout.isTTY) throw new UserError('INC_NOT_A_TERMINAL', 'replay: standard output is not a terminal', 'use --once or --once --json for scripts');
  const { render, ReplayScreen } = await loadInk();
  const { header } = rec;
  const size = terminalSize(stdout);
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
  const modes = new TerminalModes(stdout);
  let finishing: Promise<number> | undefined;
  const finish = (code: number): Promise<number> => {
    finishing ??= (async () => {
      try {
        instance.unmount();
      } catch {
        // already unmounted
      }
      modes.restore();
      await player.stop();
      await current.runtime.stop();
      const note = cutNote(rec);
      if (note) process.stderr.write(`incident: ${note}\n`);
      return code;
    })();
    return finishing;
  };
  modes.enter();
  const instance = render(
    createElement(ReplayScreen, {
      store, profile, service: header.service, glyphs: opts.glyphs, color: opts.color,
      now: clock.now, size, ttfgMs: () => null,
      onFrame: () => undefined,
      onWindow: () => undefined,
      onRefresh: () => undefined,
      onQuit: () => void finish(0),
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
    { stdout, stdin: process.stdin, exitOnCtrlC: false, patchConsole: false, incrementalRendering: false, maxFps: 30 },
  );
  const signalled = new Promise<number>((resolve) => {
    for (const sig of Object.keys(SIGNAL_CODES) as Array<keyof typeof SIGNAL_CODES>) {
      process.once(sig, () => resolve(finish(SIGNAL_CODES[sig])));
    }
  });
  void player.run();
  return Promise.race([instance.waitUntilExit().then(() => finish(0)), signalled]);
}
