// `incident replay <file...>` for archived logs: a first pass builds the timeline, then the same screen as watch plays
// it on a replay clock (or --once prints one frame or the snapshot JSON at the end or at --at).
import { loadProfile } from '../config/load-profile.js';
import { FlagError, UserError } from '../config/errors.js';
import type { Profile } from '../config/profile.js';
import { stepForWidth } from '../config/template.js';
import { ArchiveTimeline } from '../model/archive-timeline.js';
import { makeLineParser, type LineParser } from '../model/log-parse.js';
import { logsSnapshot } from '../model/logs-snapshot.js';
import { buildSnapshot } from '../model/snapshot.js';
import { initialView } from '../model/view-state.js';
import { ArchivePlayer } from '../runtime/archive-player.js';
import { ConsoleRuntime } from '../runtime/console-runtime.js';
import { ReplayClock } from '../runtime/replay-clock.js';
import { LineReader, linesWithOffsets, prepareArchive, type PreparedArchive } from '../sources/archive-lines.js';
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

/** An archive loaded for replay: its timeline, files and parser. */
export interface LoadedArchive {
  timeline: ArchiveTimeline;
  files: PreparedArchive[];
  parse: LineParser;
  notes: string[];
}

/** First pass over every file: each line parsed once into the timeline (its text stays on disk). */
export async function loadArchive(paths: string[], profile: Profile, progress?: (lines: number) => void): Promise<LoadedArchive> {
  const parse = makeLineParser(profile.logs.fields);
  const timeline = new ArchiveTimeline();
  const files: PreparedArchive[] = [];
  for (const path of paths) files.push(await prepareArchive(path));
  for (const [index, f] of files.entries()) {
    for await (const { text, offset } of linesWithOffsets(f.path)) {
      if (text.length === 0) continue;
      timeline.add(parse(text, f.name, 0), index, offset);
      if (progress && timeline.size % 100_000 === 0) progress(timeline.size);
    }
  }
  timeline.finish();
  const notes = files.flatMap((f) => (f.note ? [f.note] : []));
  if (timeline.untimed > 0) notes.push(`${timeline.untimed} lines without a time took the time of the line before`);
  if (timeline.size === 0) {
    for (const f of files) f.cleanup();
    throw new UserError('INC_ARCHIVE_EMPTY', `replay: ${paths.join(', ')}: no log lines to replay`);
  }
  return { timeline, files, parse, notes };
}

/** A console and a player over a loaded archive, at the given chart width. */
export function archiveConsole(a: LoadedArchive, profile: Profile, service: string, columns: () => number) {
  const span = a.timeline.span() as { start: number; end: number };
  const clock = new ReplayClock(span.start);
  const runtime = new ConsoleRuntime({ profile, service, clock, columns, sources: () => [] });
  let windowMs = profile.windowMs;
  const player = new ArchivePlayer({
    timeline: a.timeline, reader: new LineReader(a.files.map((f) => f.path)), names: a.files.map((f) => f.name), parse: a.parse,
    clock, emit: runtime.store.apply, logs: runtime.logs, note: a.notes.length ? a.notes.join('; ') : null,
    view: () => ({ service, windowMs, stepMs: stepForWidth(windowMs, columns()), topK: profile.topK, warn: profile.thresholds.errorRateWarn }),
  });
  return { clock, runtime, player, setWindow: (ms: number) => (windowMs = ms) };
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
    c.player.seek(flags.at !== undefined ? parseAt(flags.at, span.start) : span.end);
    await c.player.step();
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
