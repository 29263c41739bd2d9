// Field roles for archived log lines, and the rules that turn raw field values into level, time and latency.
import type { LogLevel } from './log-line.js';
import { epochMsByMagnitude } from './log-timestamp.js';
import { DEFAULT_FIELDS as PARSER_FIELDS } from './log-parse.js';

/** The roles a log field can play. */
export type FieldRole = 'time' | 'level' | 'message' | 'service' | 'pod' | 'status' | 'latency' | 'trace_id';

/** Every role, in a fixed order (index = role number in the scanners). */
export const ROLES: readonly FieldRole[] = ['time', 'level', 'message', 'service', 'pod', 'status', 'latency', 'trace_id'];

/** Key names tried for each role when the profile does not say, first match wins: the live log parser's. */
export const DEFAULT_FIELDS: Readonly<Record<FieldRole, readonly string[]>> = PARSER_FIELDS;

/** Candidate keys per role: profile.logs.fields (a role name mapped to one or more keys) before the defaults. */
export function fieldCandidates(profileFields: Record<string, string[]> = {}): Record<FieldRole, string[]> {
  const out = {} as Record<FieldRole, string[]>;
  for (const role of ROLES) {
    const given = profileFields[role] ?? (role === 'trace_id' ? profileFields.traceId : undefined) ?? [];
    out[role] = [...new Set([...given, ...DEFAULT_FIELDS[role]])];
  }
  return out;
}

const LEVEL_WORDS: Record<string, LogLevel> = {
  fatal: 'fatal', panic: 'fatal', critical: 'fatal', crit: 'fatal', emerg: 'fatal', emergency: 'fatal', alert: 'fatal',
  error: 'error', err: 'error', eror: 'error', severe: 'error',
  warn: 'warn', warning: 'warn', wrn: 'warn',
  info: 'info', information: 'info', informational: 'info', notice: 'info', inf: 'info',
  debug: 'debug', dbg: 'debug', fine: 'debug',
  trace: 'trace', trc: 'trace', finest: 'trace',
};

/**
 * Level from a level field value, case-insensitive: named levels (error, ERR, warning, notice, panic...), pino/bunyan
 * numbers (10 trace .. 60 fatal) and syslog numbers 0..7; anything else is 'unknown'.
 */
export function levelFromValue(value: string): LogLevel {
  const word = LEVEL_WORDS[value] ?? LEVEL_WORDS[value.toLowerCase()];
  if (word) return word;
  if (/^\d{1,2}$/.test(value)) {
    const n = Number(value);
    if (n >= 10) return n >= 60 ? 'fatal' : n >= 50 ? 'error' : n >= 40 ? 'warn' : n >= 30 ? 'info' : n >= 20 ? 'debug' : 'trace';
    return n <= 2 ? 'fatal' : n === 3 ? 'error' : n === 4 ? 'warn' : n <= 6 ? 'info' : 'debug';
  }
  return 'unknown';
}

/** Level of a line with no level field: status >= 500 is error, 400..499 warn, any other status info, no status unknown. */
export function levelFromStatus(status: number | undefined): LogLevel {
  if (status === undefined) return 'unknown';
  return status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
}

/** True for the levels that count as errors in the summary (error and fatal). */
export const isErrorLevel = (level: LogLevel): boolean => level === 'error' || level === 'fatal';

/** Epoch milliseconds from a numeric timestamp whose unit is guessed from its size: s, ms, us or ns. */
export const epochFromNumber = epochMsByMagnitude;

const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

/** Days since 1970-01-01 for a proleptic Gregorian date (month 1..12). */
function daysFromCivil(y: number, m: number, d: number): number {
  const leap = m > 2 && (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)) ? 1 : 0;
  const yy = y - 1;
  return (yy - 1969) * 365 + Math.floor((yy - 1968) / 4) - Math.floor((yy - 1900) / 100) + Math.floor((yy - 1600) / 400) + DAYS_BEFORE_MONTH[m - 1] + leap + d - 1;
}

const digit = (s: string, i: number) => s.charCodeAt(i) - 48;
const two = (s: string, i: number) => digit(s, i) * 10 + digit(s, i + 1);

/**
 * Epoch milliseconds from text in s[a, e): RFC 3339 (Z or offset, any fraction, 'T' or space), or a number in
 * s, ms, us or ns. NaN when it is not a time.
 */
export function parseTimeText(s: string, a: number, e: number): number {
  if (e - a >= 19 && s.charCodeAt(a + 4) === 45 && s.charCodeAt(a + 7) === 45 && s.charCodeAt(a + 13) === 58) {
    const y = digit(s, a) * 1000 + digit(s, a + 1) * 100 + two(s, a + 2);
    const mo = two(s, a + 5);
    const d = two(s, a + 8);
    const h = two(s, a + 11);
    const mi = two(s, a + 14);
    const sec = two(s, a + 17);
    if (!(y >= 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && sec >= 0 && sec <= 60)) return NaN;
    let i = a + 19;
    let ms = 0;
    if (s.charCodeAt(i) === 46 || s.charCodeAt(i) === 44) {
      let scale = 100;
      for (i++; i < e; i++) {
        const c = s.charCodeAt(i) - 48;
        if (c < 0 || c > 9) break;
        ms += c * scale;
        scale /= 10;
      }
      ms = Math.floor(ms);
    }
    let offset = 0;
    const z = s.charCodeAt(i);
    if (z === 90 || z === 122) i++;
    else if ((z === 43 || z === 45) && e - i >= 5) {
      const oh = two(s, i + 1);
      const om = s.charCodeAt(i + 3) === 58 ? two(s, i + 4) : two(s, i + 3);
      offset = (z === 43 ? 1 : -1) * (oh * 60 + om) * 60_000;
      i += s.charCodeAt(i + 3) === 58 ? 6 : 5;
    }
    if (i !== e || Number.isNaN(offset)) return NaN;
    return ((daysFromCivil(y, mo, d) * 24 + h) * 60 + mi) * 60_000 + sec * 1000 + ms - offset;
  }
  if (e - a >= 9 && e - a <= 22) {
    const n = Number(s.slice(a, e));
    if (Number.isFinite(n) && n > 0) return epochFromNumber(n);
  }
  return NaN;
}

