// `incident replay <file...>` for archived logs: a first pass builds the timeline, then the same screen as watch plays
// it on a replay clock (or --once prints one frame or the snapshot JSON at the end or at --at).
import { loadProfile } from '../config/load-profile.js';
import { FlagError } from '../config/errors.js';
import { stepForWidth } from '../config/template.js';
import { logsSnapshot } from '../model/logs-snapshot.js';
import { buildSnapshot } from '../model/snapshot.js';
import { initialView } from '../model/view-state.js';
import { archiveConsole, loadArchive } from '../runtime/archive-replay.js';
import { composeFrame } from '../ui/format/frame.js';
import { chooseGlyphs } from '../ui/format/glyphs.js';
import { plain } from '../ui/format/styled.js';
import { logPane } from '../ui/log-pane.js';
import { colorEnabled, type CommonFlags } from './flags.js';
import { parseAt, parseSpeed } from './replay-recording.js';

/** Flags of an archive replay. */
export interface ArchiveReplayFlags extends CommonFlags {
  service?: string;
  once?: boolean;
  json?: boolean;
  at?: string;
  speed?: string;
}

/** Runs the replay of archives; resolves with the exit code. */
export async function runArchiveReplay(paths: string[], flags: ArchiveReplayFlags, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  if (flags.json && !flags.once) throw new FlagError('--json', 'only works with --once');
  const profile = await loadProfile({ name: flags.profile, cwd: process.cwd(), env: process.env });
  const speed = flags.speed !== undefined ? parseSpeed(flags.speed) : 1;
  const tty = !!process.stderr.isTTY && !flags.once;
  const archive = await loadArchive(paths, profile, tty ? (n) => process.stderr.write(`\rreading ${n.toLocaleString('en')} lines`) : undefined);
  if (tty) process.stderr.write('\r\u001b[K');
  const service = flags.service ?? '';
  const glyphs = chooseGlyphs(!!flags.ascii, process.env);
  try {
    if (!flags.once) {
      const { runArchiveScreen } = await import('./replay-archive-screen.js');
      const span = archive.timeline.span() as { start: number; end: number };
      return await runArchiveScreen(archive, profile, {
        service, speed, glyphs, color: colorEnabled(flags, process.env, !!process.stdout.isTTY),
        at: flags.at !== undefined ? parseAt(flags.at, span.start) : null,
      });
    }
    const cols = 100;
    const c = archiveConsole(archive, profile, service, () => cols - 9);
    const span = archive.timeline.span() as { start: number; end: number };
    await c.player.seek(flags.at !== undefined ? parseAt(flags.at, span.start) : span.end);
    await c.player.stop();
    c.runtime.store.flush();
    const state = c.runtime.store.getSnapshot();
    const now = Math.min(c.clock.now(), span.end);
    if (flags.json) {
      const doc = buildSnapshot(state, {
        service: service || 'all', profile: profile.name, now, windowMs: profile.windowMs, stepMs: stepForWidth(profile.windowMs, cols - 9),
        ttfgMs: null, sloSeconds: profile.thresholds.p99SloSeconds, podLabel: 'pod', serviceLabel: 'service',
        panels: { logs: logsSnapshot(c.runtime.logs, 50) },
      });
      out.write(`${JSON.stringify(doc, null, 2)}\n`);
    } else {
      const view = initialView(profile.windowMs);
      const logs = logPane(c.runtime.logs, glyphs, () => state).panel(view, now, { service });
      const lines = composeFrame({ state, view, profile, service: service || 'all', now, ttfgMs: null, cols, rows: 42, glyphs, logs }).lines.map(plain).map((l) => l.trimEnd());
      out.write(`${lines.join('\n').replace(/\n+$/, '')}\n`);
    }
    return 0;
  } finally {
    for (const f of archive.files) f.cleanup();
  }
}
