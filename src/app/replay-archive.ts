// `incident replay <file...>` for archived logs: a first pass builds the timeline, then the same screen as watch plays
// it on a replay clock (or --once prints one frame or the snapshot JSON at the end or at --at).
import { loadProfile } from '../config/load-profile.js';
import { parseAt } from '../config/replay-time.js';
import { archiveConsole, loadArchive } from '../runtime/archive-replay.js';
import { chartColumnsFor, onceColumns, onceText } from './print-once.js';
import type { ReplayOptions } from './replay-recording.js';

/** Options of an archive replay: a recording's, and the service the panels show ('' for every line). */
export interface ArchiveReplayOptions extends ReplayOptions {
  service: string;
}

/** Runs the replay of archives; resolves with the exit code. */
export async function runArchiveReplay(paths: string[], opts: ArchiveReplayOptions, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const profile = await loadProfile({ name: opts.profile, cwd: process.cwd(), env: process.env });
  const tty = !!process.stderr.isTTY && !opts.once;
  const archive = await loadArchive(paths, profile, tty ? (n) => process.stderr.write(`\rreading ${n.toLocaleString('en')} lines`) : undefined);
  if (tty) process.stderr.write('\r\u001b[K');
  const span = archive.timeline.span() as { start: number; end: number };
  const at = opts.at !== undefined ? parseAt(opts.at, span.start) : null;
  try {
    if (!opts.once) {
      const { runArchiveScreen } = await import('./replay-archive-screen.js');
      return await runArchiveScreen(archive, profile, { service: opts.service, speed: opts.speed, glyphs: opts.glyphs, color: opts.color, at });
    }
    const cols = onceColumns(process.stdout);
    const c = archiveConsole(archive, profile, opts.service, () => chartColumnsFor(cols));
    await c.player.seek(at ?? span.end);
    await c.player.stop();
    c.runtime.store.flush();
    out.write(onceText({
      state: c.runtime.store.getSnapshot(), profile, service: opts.service, now: Math.min(c.clock.now(), span.end), ttfgMs: null,
      glyphs: opts.glyphs, cols, logs: c.runtime.logs,
    }, opts.json));
    return 0;
  } finally {
    for (const f of archive.files) f.cleanup();
  }
}
