// The interactive replay of archives: the watch screen over the archive player, n for the next anomaly,
// the terminal restored on every exit path.
import { createElement } from 'react';
import type { Profile } from '../config/profile.js';
import { computeLayout } from '../ui/format/layout.js';
import type { Glyphs } from '../ui/format/glyphs.js';
import { logPane } from '../ui/log-pane.js';
import { extraPanels } from './extra-panels.js';
import { archiveConsole, type LoadedArchive } from '../runtime/archive-replay.js';
import { hostReplayScreen, requireTerminal } from './replay-screen-host.js';
import { terminalSize } from './terminal-size.js';

/** The key this screen adds to the replay keys. */
const NEXT_ANOMALY_KEY = [{ key: 'n', hint: 'next anomaly', help: 'next anomaly: the next jump in the error rate' }];

/** How the screen starts. */
export interface ArchiveScreenOptions {
  service: string;
  speed: number;
  at: number | null;
  glyphs: Glyphs;
  color: boolean;
}

/** Plays the archive until the user quits or a signal arrives; resolves with the exit code. */
export async function runArchiveScreen(archive: LoadedArchive, profile: Profile, opts: ArchiveScreenOptions): Promise<number> {
  requireTerminal();
  const [{ ReplayScreen }, { useInput }] = await Promise.all([import('../ui/ReplayScreen.js'), import('ink')]);
  const size = terminalSize(process.stdout);
  const columns = () => computeLayout(size.get().cols, size.get().rows, { p99Bars: 0, pipelineRows: 0, hasLogs: true }).chartColumns;
  const c = archiveConsole(archive, profile, opts.service, columns);
  c.clock.setSpeed(opts.speed);
  const span = archive.timeline.span() as { start: number; end: number };
  /** `n` jumps to the next anomaly; every other key belongs to the replay screen and the console. */
  function ArchiveReplay({ quit }: { quit: () => void }) {
    useInput((input, key) => {
      if (input === 'n' && !key.ctrl && !key.meta) c.player.nextAnomaly();
    });
    return createElement(ReplayScreen, {
      store: c.runtime.store, profile, service: opts.service || 'all', glyphs: opts.glyphs, color: opts.color,
      now: c.clock.now, size, ttfgMs: () => null,
      onFrame: () => undefined,
      onWindow: (ms: number) => c.setWindow(ms),
      onRefresh: () => void c.player.step(),
      onQuit: quit,
      extras: extraPanels({ glyphs: opts.glyphs, profile }),
      logs: logPane(c.runtime.logs, opts.glyphs, c.runtime.store.getSnapshot),
      player: c.player,
      startAt: span.start,
      endAt: () => span.end,
      cut: () => archive.notes.find((n) => n.includes('cut')) ?? null,
      moreKeys: NEXT_ANOMALY_KEY,
    });
  }
  const done = hostReplayScreen({
    element: (quit) => createElement(ArchiveReplay, { quit }),
    stop: async () => {
      await c.player.stop();
      await c.runtime.stop();
    },
    notes: () => archive.notes,
  });
  c.player.run();
  if (opts.at !== null) void c.player.seek(opts.at);
  return done;
}
