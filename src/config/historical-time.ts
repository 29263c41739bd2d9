// `watch --at TIME` and `--from T1 --to T2`: a past window, from RFC 3339, HH:MM today (UTC) or Grafana's now-2h.
import { parseDurationMs } from './duration.js';
import { FlagError } from './errors.js';

/** A past window to show: it ends at `endMs` and lasts `windowMs` (epoch ms and ms). */
export interface HistoricalWindow {
  endMs: number;
  windowMs: number;
  /** How it was asked for: one moment (--at) or a range (--from/--to). */
  mode: 'at' | 'range';
}

const HINT = 'use 2026-11-22T02:25:00Z, 02:25 (today, UTC), now-2h or now-30m';

/**
 * Parses one time flag against `nowMs` (epoch ms): RFC 3339 (with a zone; none means UTC), `HH:MM[:SS]` today in
 * UTC, `now`, `now-2h`/`now-30m` (Grafana's relative times), or Unix seconds. Returns epoch ms.
 */
export function parseWhen(flag: string, value: string, nowMs: number): number {
  const text = value.trim();
  const rel = /^now(?:\s*-\s*(.+))?$/i.exec(text);
  if (rel) {
    if (rel[1] === undefined) return nowMs;
    const ago = parseDurationMs(rel[1].trim());
    if (ago === null) throw new FlagError(flag, `"${value}" is not a time`, HINT);
    return nowMs - ago;
  }
  const clock = /^(\d{1,2}):(\d{2})(?::(\d{2}))?Z?$/i.exec(text);
  if (clock) {
    const [h, m, s] = [Number(clock[1]), Number(clock[2]), Number(clock[3] ?? 0)];
    if (h > 23 || m > 59 || s > 59) throw new FlagError(flag, `"${value}" is not a time of day`, HINT);
    const day = new Date(nowMs);
    return Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), h, m, s);
  }
  if (/^\d{9,10}(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/i.test(text)) {
    const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(text) ? text : `${text}Z`;
    const ms = Date.parse(zoned.replace(' ', 'T'));
    if (Number.isFinite(ms)) return ms;
  }
  throw new FlagError(flag, `"${value}" is not a time`, HINT);
}

/** The flags that ask for a past window, as commander hands them over. */
export interface HistoricalFlags {
  at?: string;
  from?: string;
  to?: string;
}

/**
 * The past window the flags ask for, or undefined when none is asked (live). `--at T` ends the profile's window at
 * T; `--from T1 --to T2` is exactly that range (`--to` defaults to now). A window ending in the future, or empty,
 * is a FlagError.
 */
export function resolveHistorical(flags: HistoricalFlags, nowMs: number, windowMs: number): HistoricalWindow | undefined {
  if (flags.at === undefined && flags.from === undefined && flags.to === undefined) return undefined;
  if (flags.at !== undefined && (flags.from !== undefined || flags.to !== undefined)) {
    throw new FlagError('--at', 'cannot be combined with --from/--to', 'either --at 02:25 or --from 02:10 --to 02:40');
  }
  if (flags.at !== undefined) {
    const endMs = parseWhen('--at', flags.at, nowMs);
    if (endMs > nowMs) throw new FlagError('--at', `"${flags.at}" is in the future (${new Date(endMs).toISOString()})`, HINT);
    return { endMs, windowMs, mode: 'at' };
  }
  if (flags.from === undefined) throw new FlagError('--to', 'needs --from', 'e.g. --from now-2h --to now-1h');
  const fromMs = parseWhen('--from', flags.from, nowMs);
  const toMs = flags.to === undefined ? nowMs : parseWhen('--to', flags.to, nowMs);
  if (toMs > nowMs) throw new FlagError('--to', `"${flags.to}" is in the future (${new Date(toMs).toISOString()})`, HINT);
  if (toMs - fromMs < 60_000) throw new FlagError('--from', 'the window must be at least a minute long and end after it starts', 'e.g. --from 02:10 --to 02:40');
  return { endMs: toMs, windowMs: toMs - fromMs, mode: 'range' };
}

/** How often a past window is read again by itself, in milliseconds: in effect never (`r` re-reads it). */
export const HISTORICAL_REFRESH_MS = 3_600_000;

/** The profile for a past window: its window length, and no periodic re-reading. */
export function historicalProfile<P extends { windowMs: number; refreshMs: number }>(profile: P, h: HistoricalWindow): P {
  return { ...profile, windowMs: h.windowMs, refreshMs: HISTORICAL_REFRESH_MS };
}
