// The interactive replay of archives: the watch screen over the archive player, `n` for the next anomaly, through
// the screen host.
import { createElement } from 'react';
import type { Profile } from '../config/profile.js';
import { archiveConsole, type LoadedArchive } from '../runtime/archive-replay.js';
import { processIO } from '../terminal/device.js';
import type { Glyphs } from '../ui/format/glyphs.js';
import { computeLayout } from '../ui/format/layout.js';
import { logPane } from '../ui/log-pane.js';
import { extraPanels } from './extra-panels.js';
import { hostScreen } from './screen-host.js';

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
  const io = processIO();
  const columns = () => computeLayout(io.stdout.columns || 80, io.stdout.rows || 24, { p99Bars: 0, pipelineRows: 0, hasLogs: true }).chartColumns;
  const c = archiveConsole(archive, profile, opts.service, columns);
  c.clock.setSpeed(opts.speed);
  const span = archive.timeline.span() as { start: number; end: number };
  const moreKeys = [{ key: 'n', hint: 'next anomaly', help: 'next anomaly: the next jump in the error rate', run: () => c.player.nextAnomaly() }];
  const done = hostScreen({
    command: 'replay',
    io,
    element: async (quit, terminal) =>
      createElement((await import('../ui/ReplayScreen.js')).ReplayScreen, {
        store: c.runtime.store, profile, service: opts.service, glyphs: opts.glyphs, color: opts.color,
        now: c.clock.now, size: terminal.size, ttfgMs: () => null,
        onFrame: () => undefined,
        onWindow: (ms: number) => c.setWindow(ms),
        onRefresh: () => void c.player.step(),
        onQuit: quit,
        extras: extraPanels({ glyphs: opts.glyphs, profile }, undefined, () => c.runtime.logs),
        logs: logPane(c.runtime.logs, opts.glyphs, c.runtime.store.getSnapshot),
        player: c.player,
        startAt: span.start,
        endAt: () => span.end,
        cut: () => archive.notes.find((n) => n.includes('cut')) ?? null,
        moreKeys,
      }),
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
