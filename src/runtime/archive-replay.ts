// An archive set up for interactive replay: the first pass that builds the timeline, and a console with its player.
import { UserError } from '../config/errors.js';
import type { Profile } from '../config/profile.js';
import { stepForWidth } from '../config/template.js';
import { ArchiveTimeline } from '../model/logs/archive-timeline.js';
import { DEFAULT_DEPLOY_LOG_PATTERN, deployMarkerFromLine } from '../model/alerts-deploys/deploy-markers.js';
import type { DeployMarker } from '../model/console-state/events.js';
import { makeLineParser, type LineParser } from '../model/logs/log-parse.js';
import { LineReader, linesWithOffsets, prepareArchive, type PreparedArchive } from '../sources/files/archive-lines.js';
import { MAX_LINE_BYTES } from '../sources/files/archive-reader.js';
import { ArchivePlayer } from './archive-player.js';
import { ConsoleRuntime } from './console-runtime.js';
import { ReplayClock } from './replay-clock.js';

/** An archive loaded for replay: its timeline, files and parser. */
export interface LoadedArchive {
  timeline: ArchiveTimeline;
  files: PreparedArchive[];
  parse: LineParser;
  notes: string[];
  /** Deploy markers found by the profile's log pattern, oldest first. */
  deploys: DeployMarker[];
}

/** Most deploy markers kept from one archive. */
export const MAX_ARCHIVE_DEPLOYS = 1000;

function deployPattern(source: string | undefined): RegExp | null {
  if (!source) return null;
  try {
    return new RegExp(source);
  } catch {
    return null;
  }
}

// Worded without "cut": the screen shows a note with that word as a file cut short.
function longLinesNote(path: string, count: number): string {
  const limit = `${MAX_LINE_BYTES >> 20} MiB`;
  return `${path}: ${count} ${count === 1 ? 'line' : 'lines'} longer than ${limit} shortened to ${limit}`;
}

/** First pass over every file: each line parsed once into the timeline (its text stays on disk). */
export async function loadArchive(paths: string[], profile: Profile, progress?: (lines: number) => void): Promise<LoadedArchive> {
  const parse = makeLineParser(profile.logs.fields);
  const timeline = new ArchiveTimeline();
  // The same default as replay --summary, so the screen at the end of a file and the summary name the same deploys.
  const pattern = deployPattern(profile.deploys.logPattern ?? DEFAULT_DEPLOY_LOG_PATTERN);
  const deploys: DeployMarker[] = [];
  const files: PreparedArchive[] = [];
  try {
    for (const path of paths) files.push(await prepareArchive(path));
  } catch (err) {
    for (const f of files) f.cleanup();
    throw err;
  }
  const notes = files.flatMap((f) => (f.note ? [f.note] : []));
  for (const [index, f] of files.entries()) {
    const stats = { cut: 0 };
    for await (const batch of linesWithOffsets(f.path, stats)) {
      for (const { text, offset } of batch) {
        if (text.length === 0) continue;
        const line = parse(text, f.name, 0);
        timeline.add(line, index, offset);
        const marker = pattern && deploys.length < MAX_ARCHIVE_DEPLOYS ? deployMarkerFromLine(line, pattern) : null;
        if (marker) deploys.push(marker);
        if (progress && timeline.size % 100_000 === 0) progress(timeline.size);
      }
    }
    if (stats.cut) notes.push(longLinesNote(paths[index], stats.cut));
  }
  timeline.finish();
  if (timeline.untimed > 0) notes.push(`${timeline.untimed} lines without a time took the time of the line before`);
  if (timeline.size === 0) {
    for (const f of files) f.cleanup();
    throw new UserError('INC_ARCHIVE_EMPTY', `replay: ${paths.join(', ')}: no log lines to replay`);
  }
  deploys.sort((a, b) => a.at - b.at);
  return { timeline, files, parse, notes, deploys };
}

/** A console and a player over a loaded archive, at the given chart width. */
export function archiveConsole(a: LoadedArchive, profile: Profile, service: string, columns: () => number) {
  const span = a.timeline.span() as { start: number; end: number };
  const clock = new ReplayClock(span.start);
  const runtime = new ConsoleRuntime({ profile, service, clock, columns, sources: () => [] });
  let windowMs = profile.windowMs;
  const player = new ArchivePlayer({
    timeline: a.timeline, reader: new LineReader(a.files.map((f) => f.path)), names: a.files.map((f) => f.name), parse: a.parse,
    clock, emit: runtime.store.apply, logs: runtime.logs, note: a.notes.length ? a.notes.join('; ') : null, deploys: a.deploys,
    view: () => ({ service, windowMs, stepMs: stepForWidth(windowMs, columns()), topK: profile.topK, warn: profile.thresholds.errorRateWarn }),
  });
  return { clock, runtime, player, setWindow: (ms: number) => (windowMs = ms) };
}
