// Everything a watch run needs, resolved from flags and profile before anything starts.
import { hostname } from 'node:os';
import type { Profile } from '../config/profile.js';
import type { HistoricalWindow } from '../config/historical-time.js';
import { join } from 'node:path';
import { formatDuration } from '../config/duration.js';
import { SessionTracker, type SessionRecord } from '../model/session/session-record.js';
import { safeText } from '../model/text/safe-text.js';
import { appendSession, stateDir } from '../sources/files/session-file.js';
import { closeDefaultDispatcher } from '../sources/http-get.js';
import { pushTtfg } from '../sources/telemetry/push-ttfg.js';
import { INCIDENT_VERSION } from '../config/version.js';
import { displayUrl } from '../model/session/redact.js';
import { colorEnabled } from '../terminal/color.js';
import { chooseGlyphs } from '../ui/format/glyphs.js';
import type { Glyphs } from '../ui/format/glyphs.js';

/** A resolved watch invocation. */
export interface WatchContext {
  profile: Profile;
  service: string;
  pod?: string;
  glyphs: Glyphs;
  color: boolean;
  stateDir: string;
  command: string;
  json: boolean;
  /** File that `--record` writes every source event to, if given. */
  record?: string;
  /** The past window of `--at` or `--from/--to`; absent when live. */
  historical?: HistoricalWindow;
}

/**
 * What the metric panels say when the console has no metric source at all (Prometheus turned off with
 * `--prometheus ''` or absent from the profile, and no scrape target): nothing will come, so they must not wait.
 */
export function noMetricsReason(profile: Profile): string | undefined {
  if (profile.prometheus !== undefined || profile.scrape.targets.length > 0) return undefined;
  return 'no metric source (no Prometheus, no --scrape target)';
}

/** The flags every watching command shares, as commander hands them over. */
export interface ContextFlags {
  ascii?: boolean;
  /** false for --no-color. */
  color?: boolean;
  stateDir?: string;
  once?: boolean;
  json?: boolean;
}

/** A WatchContext from a resolved profile and the shared flags; `command` names the command ("watch", "demo"). */
export function watchContext(profile: Profile, scope: { service: string; pod?: string; record?: string; historical?: HistoricalWindow }, flags: ContextFlags, command: string): WatchContext {
  return {
    profile,
    ...scope,
    glyphs: chooseGlyphs(!!flags.ascii, process.env),
    color: colorEnabled(flags.color, process.env, !!process.stdout.isTTY),
    stateDir: stateDir(flags.stateDir, process.env),
    command: flags.once ? `${command} --once` : command,
    json: !!flags.json,
  };
}

/** Secrets of every configured endpoint, for redaction. */
export function allSecrets(profile: Profile): string[] {
  return [profile.prometheus, profile.alertmanager, profile.logs.loki, profile.logs.clickhouse, profile.logs.quickwit].flatMap((t) => t?.secrets ?? []);
}

/** A session tracker for this run; times are measured from the process's own start. */
export function newTracker(ctx: WatchContext): SessionTracker {
  return new SessionTracker(
    {
      id: () => process.getBuiltinModule('node:crypto').randomUUID(),
      startedAtMs: Math.round(performance.timeOrigin),
      command: ctx.command,
      profile: ctx.profile.name,
      service: ctx.service,
      host: hostname(),
    },
    () => performance.now(),
    allSecrets(ctx.profile),
  );
}

/**
 * Ends the session: with telemetry.pushgateway, pushes its TTFG first (at most 1 s, the outcome kept in the record),
 * then writes the session line; a failure to write it is reported on stderr but never changes the exit code. Returns
 * what was saved.
 */
export async function endSession(ctx: WatchContext, tracker: SessionTracker, ended: Parameters<SessionTracker['finish']>[0]): Promise<SessionRecord | null> {
  const record = tracker.finish(ended);
  if (!record) return null;
  const telemetry = ctx.profile.telemetry;
  if (telemetry) {
    const error = await pushTtfg({ url: telemetry.pushgateway, transport: telemetry.transport, secrets: allSecrets(ctx.profile) }, record, INCIDENT_VERSION);
    record.ttfg_push = { to: displayUrl(telemetry.pushgateway), error };
    await closeDefaultDispatcher();
  }
  const problem = appendSession(ctx.stateDir, record);
  if (problem) process.stderr.write(`incident: ${problem}\n`);
  return problem ? null : record;
}

/** The line printed when a screen ends: how long it ran, its TTFG, and where the session was recorded. */
export function sessionLine(ctx: WatchContext, record: SessionRecord): string {
  const ttfg = record.ttfg_ms === null ? 'no graph reached' : `TTFG ${record.ttfg_ms} ms`;
  const push = record.ttfg_push?.error ? `; TTFG not pushed: ${safeText(record.ttfg_push.error)}` : '';
  return `incident: watched ${safeText(ctx.service)} for ${formatDuration(record.duration_ms)}, ${ttfg}; session recorded in ${safeText(join(ctx.stateDir, 'sessions.jsonl'))}${push}\n`;
}
