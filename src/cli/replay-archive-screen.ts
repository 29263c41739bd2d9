// The interactive replay of archives: the watch screen over the archive player, n for the next anomaly,
// the terminal restored on every exit path.
import { createElement } from 'react';
import { UserError } from '../config/errors.js';
import type { Profile } from '../config/profile.js';
import { TerminalModes } from '../runtime/terminal.js';
import { computeLayout } from '../ui/format/layout.js';
import type { Glyphs } from '../ui/format/glyphs.js';
import { logPane } from '../ui/log-pane.js';
import { extraPanels } from './extra-panels.js';
import { archiveConsole, type LoadedArchive } from '../runtime/archive-replay.js';
import { loadInk } from './replay-recording-screen.js';
import { terminalSize } from './terminal-size.js';

const SIGNAL_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

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
  const stdout = process.stdout;
  if (!stdout.isTTY) throw new UserError('INC_NOT_A_TERMINAL', 'replay: standard output is not a terminal', 'use --once or --once --json for scripts');
  const [{ render, ReplayScreen }, { useInput }] = await Promise.all([loadInk(), import('ink')]);
  const size = terminalSize(stdout);
  const columns = () => computeLayout(size.get().cols, size.get().rows, { p99Bars: 0, pipelineRows: 0, hasLogs: true }).chartColumns;
  const c = archiveConsole(archive, profile, opts.service, columns);
  c.clock.setSpeed(opts.speed);
  const span = archive.timeline.span() as { start: number; end: number };
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
      await c.player.stop();
      await c.runtime.stop();
      for (const note of archive.notes) process.stderr.write(`incident: ${note}\n`);
      return code;
    })();
    return finishing;
  };
  /** `n` jumps to the next anomaly; every other key belongs to the replay screen and the console. */
  function ArchiveReplay() {
    useInput((input, key) => {
      if (input === 'n' && !key.ctrl && !key.meta) c.player.nextAnomaly();
    });
    return createElement(ReplayScreen, {
      store: c.runtime.store, profile, service: opts.service || 'all', glyphs: opts.glyphs, color: opts.color,
      now: c.clock.now, size, ttfgMs: () => null,
      onFrame: () => undefined,
      onWindow: (ms: number) => c.setWindow(ms),
      onRefresh: () => void c.player.step(),
      onQuit: () => void finish(0),
      extras: extraPanels({ glyphs: opts.glyphs, profile }),
      logs: logPane(c.runtime.logs, opts.glyphs, c.runtime.store.getSnapshot),
      player: c.player,
      startAt: span.start,
      endAt: () => span.end,
      cut: () => archive.notes.find((n) => n.includes('cut')) ?? null,
    });
  }
  modes.enter();
  const instance = render(createElement(ArchiveReplay), { stdout, stdin: process.stdin, exitOnCtrlC: false, patchConsole: false, maxFps: 30 });
  const signalled = new Promise<number>((resolve) => {
    for (const sig of Object.keys(SIGNAL_CODES) as Array<keyof typeof SIGNAL_CODES>) process.on(sig, () => resolve(finish(SIGNAL_CODES[sig])));
  });
  c.player.run();
  if (opts.at !== null) void c.player.seek(opts.at);
  return Promise.race([instance.waitUntilExit().then(() => finish(0)), signalled]);
}
