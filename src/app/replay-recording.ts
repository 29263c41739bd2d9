// `incident replay FILE` for a session recording: the full screen on a replay clock, or one frame/JSON with --once.
import { loadProfile } from '../config/load-profile.js';
import { parseAt } from '../config/replay-time.js';
import { playUntil } from '../runtime/replay-recording.js';
import { openRecording, readRecordingHeader, type OpenedRecording } from '../sources/files/recording-reader.js';
import type { Glyphs } from '../ui/format/glyphs.js';
import type { Profile } from '../config/profile.js';
import { chartColumnsFor, onceColumns, onceText } from './print-once.js';
import { cutNote, iso, replayProfile, replayRuntime } from './recording-session.js';

/** How a replay runs, resolved from its flags by the command. */
export interface ReplayOptions {
  /** Profile name or file for what the replayed data does not carry. */
  profile?: string;
  once: boolean;
  json: boolean;
  /** --at as given; parsed against the replay's start. */
  at?: string;
  /** Starting speed factor (Infinity: as fast as possible). */
  speed: number;
  glyphs: Glyphs;
  color: boolean;
}

/** True when `path` is a session recording written by `watch --record` (plain or gzip). */
export async function isRecording(path: string): Promise<boolean> {
  return (await readRecordingHeader(path)) !== null;
}

async function printOnce(rec: OpenedRecording, profile: Profile, opts: ReplayOptions, out: NodeJS.WritableStream): Promise<number> {
  const { header } = rec;
  const cols = onceColumns(process.stdout);
  const until = opts.at !== undefined ? parseAt(opts.at, header.started_at_ms) : Infinity;
  const { runtime, emit } = replayRuntime(profile, header, () => chartColumnsFor(cols));
  const last = await playUntil(rec.events, emit, until);
  await runtime.stop();
  runtime.store.flush();
  const now = Number.isFinite(until) ? until : Math.max(rec.stats.endAt ?? 0, last ?? header.started_at_ms);
  const replay = {
    file: rec.path, recorded_by: header.version, started_at: iso(header.started_at_ms),
    ended_at: rec.stats.endAt !== null ? iso(rec.stats.endAt) : null, events: rec.stats.events, malformed: rec.stats.malformed, cut: rec.stats.cut,
  };
  out.write(onceText({
    state: runtime.store.getSnapshot(), profile, service: header.service, pod: header.pod, now, ttfgMs: null, glyphs: opts.glyphs, cols,
    pipeline: runtime.pipeline, logs: opts.json || runtime.logs.total > 0 ? runtime.logs : undefined,
  }, opts.json, { replay }));
  const note = cutNote(rec);
  if (note) process.stderr.write(`incident: ${note}\n`);
  return 0;
}

/** Replays the recording at `path`; resolves with the exit code. Unreadable or newer recordings throw UserError. */
export async function runRecordingReplay(path: string, opts: ReplayOptions, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const rec = await openRecording(path);
  const base = await loadProfile({ name: opts.profile, cwd: process.cwd(), env: process.env });
  const profile = replayProfile(base, rec.header);
  if (opts.once) return printOnce(rec, profile, opts, out);
  const { runReplayScreen } = await import('./replay-recording-screen.js');
  return runReplayScreen(rec, profile, {
    speed: opts.speed,
    at: opts.at !== undefined ? parseAt(opts.at, rec.header.started_at_ms) : null,
    glyphs: opts.glyphs,
    color: opts.color,
  });
}
