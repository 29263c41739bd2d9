// `incident replay FILE` for a session recording: the full screen on a replay clock, or one frame/JSON with --once.
import type { Command } from 'commander';
import { stepForWidth } from '../config/template.js';
import { parseDurationMs } from '../config/duration.js';
import { FlagError } from '../config/errors.js';
import { loadProfile } from '../config/load-profile.js';
import type { Profile } from '../config/profile.js';
import type { Emit } from '../model/events.js';
import type { RecordingHeader } from '../model/recording-format.js';
import { buildSnapshot } from '../model/snapshot.js';
import { initialView } from '../model/view-state.js';
import { systemClock } from '../runtime/clock.js';
import { ConsoleRuntime } from '../runtime/console-runtime.js';
import { playUntil } from '../runtime/replay-recording.js';
import { openRecording, readRecordingHeader, type OpenedRecording } from '../sources/recording-reader.js';
import type { Source } from '../sources/source.js';
import { composeFrame } from '../ui/format/frame.js';
import { chooseGlyphs } from '../ui/format/glyphs.js';
import { plain } from '../ui/format/styled.js';
import { logsSnapshot } from '../model/logs-snapshot.js';
import { pipelineSnapshot } from '../ui/format/pipeline-rows.js';
import { logPane } from '../ui/log-pane.js';
import { extraPanels } from './extra-panels.js';
import { colorEnabled } from './flags.js';

/** Flags that replaying a recording understands (the replay command may pass more). */
export interface RecordingReplayFlags {
  once?: boolean;
  json?: boolean;
  /** Moment to show with --once, or to start the screen at: RFC 3339, HH:MM:SS (UTC), Unix seconds, or an offset from the start like 5m / +5m. */
  at?: string;
  /** Starting speed: 1..1000, "10x", or "max". */
  speed?: string;
  profile?: string;
  ascii?: boolean;
  color?: boolean;
}

/** True when `path` is a session recording written by `watch --record` (plain or gzip). */
export async function isRecording(path: string): Promise<boolean> {
  return (await readRecordingHeader(path)) !== null;
}

/** Parses --at against a recording that started at `startMs` (epoch ms); returns epoch ms. */
export function parseAt(value: string, startMs: number): number {
  const text = value.trim();
  const offset = parseDurationMs(text.replace(/^\+/, ''));
  if (offset !== null && !/^\d+$/.test(text)) return startMs + offset;
  const clock = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (clock) {
    const day = new Date(startMs);
    const at = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), Number(clock[1]), Number(clock[2]), Number(clock[3] ?? 0));
    return at < startMs - 12 * 3_600_000 ? at + 86_400_000 : at;
  }
  if (/^\d{10}(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  if (/^\d{13}$/.test(text)) return Number(text);
  if (/^\d{4}-\d{2}-\d{2}/.test(text) && Number.isFinite(Date.parse(text))) return Date.parse(text);
  throw new FlagError('--at', `"${value}" is not a time`, 'use 2026-11-22T14:32:05Z, 14:32:05 (UTC), or an offset from the start such as 5m');
}

/** Parses --speed: a factor 1..1000 ("10" or "10x") or "max" (as fast as possible). */
export function parseSpeed(value: string): number {
  if (/^max$/i.test(value.trim())) return Infinity;
  const n = Number(value.trim().replace(/x$/i, ''));
  if (!Number.isFinite(n) || n < 1 || n > 1000) throw new FlagError('--speed', `"${value}" is not a speed`, 'use 1 to 1000 (e.g. 10x) or max');
  return n;
}

/** The profile the recording was watched with, as far as the screen needs it; no source is configured. */
export function replayProfile(base: Profile, h: RecordingHeader): Profile {
  return {
    ...base,
    name: h.profile,
    prometheus: undefined,
    alertmanager: undefined,
    windowMs: h.window_ms,
    refreshMs: h.refresh_ms,
    scrapeIntervalMs: h.scrape_interval_ms ?? base.scrapeIntervalMs,
    topK: h.top_k ?? base.topK,
    labels: h.labels ?? base.labels,
    thresholds: h.thresholds
      ? { errorRateWarn: h.thresholds.error_rate_warn, errorRateCrit: h.thresholds.error_rate_crit, p99SloSeconds: h.thresholds.p99_slo_seconds }
      : base.thresholds,
    scrape: { ...base.scrape, targets: [] },
    pipeline: { ...base.pipeline, targets: [] },
    logs: { ...base.logs, files: [], commands: [], loki: undefined },
  };
}

/** A console runtime whose only source is the replay: events handed to the returned emit go into its store. */
export function replayRuntime(profile: Profile, header: RecordingHeader, columns: () => number): { runtime: ConsoleRuntime; emit: Emit } {
  let target: Emit = () => undefined;
  const source: Source = {
    name: 'replay',
    kind: 'replay',
    start: (emit) => {
      target = emit;
    },
    stop: async () => undefined,
  };
  const runtime = new ConsoleRuntime({ profile, service: header.service, pod: header.pod, clock: systemClock, columns, sources: () => [source] });
  runtime.start();
  return { runtime, emit: (e) => target(e) };
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The note printed when a recording ends early. */
export function cutNote(rec: OpenedRecording): string | null {
  if (!rec.stats.cut) return null;
  const upTo = rec.stats.lastAt !== null ? ` up to ${iso(rec.stats.lastAt)}` : '';
  return `${rec.path}: ${rec.stats.cut}; replayed the ${rec.stats.events} events before the cut${upTo}`;
}

async function runOnce(rec: OpenedRecording, profile: Profile, flags: RecordingReplayFlags, out: NodeJS.WritableStream): Promise<number> {
  const { header } = rec;
  const cols = Math.max(60, Math.min(160, (process.stdout.isTTY && process.stdout.columns) || 100));
  const chartColumns = cols - 9;
  const until = flags.at !== undefined ? parseAt(flags.at, header.started_at_ms) : Infinity;
  const { runtime, emit } = replayRuntime(profile, header, () => chartColumns);
  const last = await playUntil(rec.events, emit, until);
  await runtime.stop();
  runtime.store.flush();
  const now = Number.isFinite(until) ? until : Math.max(rec.stats.endAt ?? 0, last ?? header.started_at_ms);
  const state = runtime.store.getSnapshot();
  const glyphs = chooseGlyphs(!!flags.ascii, process.env);
  let text: string;
  if (flags.json) {
    const snapshot = buildSnapshot(state, {
      service: header.service, pod: header.pod, profile: header.profile, now, windowMs: profile.windowMs,
      stepMs: stepForWidth(profile.windowMs, chartColumns), ttfgMs: null, sloSeconds: profile.thresholds.p99SloSeconds,
      podLabel: profile.labels.pod, serviceLabel: profile.labels.service,
      panels: { pipeline: pipelineSnapshot(runtime.pipeline.rows(now)), logs: logsSnapshot(runtime.logs, 50) },
    });
    const replay = {
      file: rec.path, recorded_by: header.version, started_at: iso(header.started_at_ms),
      ended_at: rec.stats.endAt !== null ? iso(rec.stats.endAt) : null, events: rec.stats.events, malformed: rec.stats.malformed, cut: rec.stats.cut,
    };
    text = `${JSON.stringify({ ...snapshot, replay }, null, 2)}\n`;
  } else {
    const extras = extraPanels({ glyphs, profile }, runtime.pipeline)(state, now);
    const view = initialView(profile.windowMs);
    const logs = runtime.logs.total > 0 ? logPane(runtime.logs, glyphs, () => state).panel(view, now, { service: header.service, pod: header.pod }) : undefined;
    // As with watch --once: a printed frame grows so every panel gets the rows it wants.
    const rows = 30 + (extras.alerts?.wants ?? 0) + (extras.pipeline?.wants ?? 0) + (logs ? 12 : 0);
    const lines = composeFrame({
      state, view, profile, service: header.service, pod: header.pod, now, ttfgMs: null, cols, rows, glyphs, ...extras, logs,
    }).lines.map(plain).map((l) => l.trimEnd());
    while (lines.length && lines[lines.length - 1] === '') lines.pop();
    for (let i = lines.length - 1; i > 0; i--) if (lines[i] === '' && lines[i - 1] === '') lines.splice(i, 1);
    text = `${lines.join('\n')}\n`;
  }
  out.write(text);
  const note = cutNote(rec);
  if (note) process.stderr.write(`incident: ${note}\n`);
  return 0;
}

/** Replays the recording at `path`; resolves with the exit code. Bad flags and unreadable or newer recordings throw UserError. */
export async function runRecordingReplay(path: string, flags: RecordingReplayFlags, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  if (flags.json && !flags.once) throw new FlagError('--json', 'only works with --once');
  const speed = flags.speed !== undefined ? parseSpeed(flags.speed) : 1;
  const rec = await openRecording(path);
  const base = await loadProfile({ name: flags.profile, cwd: process.cwd(), env: process.env });
  const profile = replayProfile(base, rec.header);
  if (flags.once) return runOnce(rec, profile, flags, out);
  const { runReplayScreen } = await import('./replay-recording-screen.js');
  return runReplayScreen(rec, profile, {
    speed,
    at: flags.at !== undefined ? parseAt(flags.at, rec.header.started_at_ms) : null,
    glyphs: chooseGlyphs(!!flags.ascii, process.env),
    color: colorEnabled(flags, process.env, !!process.stdout.isTTY),
  });
}

/**
 * Registers `replay <file...>` for recordings only; the archive replay command takes this over and calls
 * isRecording/runRecordingReplay for a recording.
 */
export function registerRecordingReplay(program: Command, setExit: (code: number) => void): void {
  program
    .command('replay')
    .description('play a session recording (watch --record) through the same screen, with pause, speed and seek')
    .argument('<file...>', 'recording file (.ndjson or .ndjson.gz)')
    .option('--once', 'print one frame at the end of the recording (or at --at) and exit')
    .option('--json', 'with --once: print the snapshot JSON')
    .option('--at <time>', 'moment to show: RFC 3339, HH:MM:SS (UTC), or an offset from the start such as 5m')
    .option('--speed <factor>', 'starting speed: 1 to 1000 (e.g. 10x) or max')
    .option('--profile <name>', 'profile for what the recording does not carry (default: "default")')
    .option('--no-color', 'no colour (also NO_COLOR, TERM=dumb)')
    .option('--ascii', 'ASCII only: no Unicode borders, bars or charts')
    .action(async (files: string[], flags: RecordingReplayFlags) => {
      if (files.length > 1) throw new FlagError('<file...>', 'a recording is replayed on its own', 'give one recording file');
      setExit(await runRecordingReplay(files[0], flags));
    });
}
