// Field roles for archived log lines, and the rules that turn raw field values into level, time and latency.
import type { LogLevel } from '../logs/log-line.js';
import { epochMsByMagnitude } from '../logs/log-timestamp.js';
export { parseTimeText } from '../logs/log-timestamp.js';
import { DEFAULT_FIELDS as PARSER_FIELDS } from '../logs/log-parse.js';

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


