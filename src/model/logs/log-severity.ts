// Severity words and numbers as loggers write them, normalised.
import type { LogLevel } from './log-line.js';

const WORDS: Record<string, LogLevel> = {
  fatal: 'fatal', panic: 'fatal', emerg: 'fatal', emergency: 'fatal', alert: 'fatal', crit: 'fatal', critical: 'fatal',
  error: 'error', err: 'error', e: 'error', eror: 'error', severe: 'error',
  warn: 'warn', warning: 'warn', w: 'warn', wrn: 'warn',
  info: 'info', information: 'info', informational: 'info', notice: 'info', i: 'info', inf: 'info',
  debug: 'debug', dbg: 'debug', d: 'debug', fine: 'debug',
  trace: 'trace', trc: 'trace', t: 'trace', finer: 'trace', finest: 'trace',
};

/** The words above as they are usually written (lower case, no spaces), found without trimming or case folding. */
const EXACT = new Map(Object.entries(WORDS));

/** A level from a field value: a word (any case), a syslog/journald priority string 0-7, or a pino/bunyan number. */
export function levelFrom(value: unknown): LogLevel | null {
  if (typeof value === 'number') {
    if (value >= 10 && value <= 60) return value >= 60 ? 'fatal' : value >= 50 ? 'error' : value >= 40 ? 'warn' : value >= 30 ? 'info' : value >= 20 ? 'debug' : 'trace';
    if (Number.isInteger(value) && value >= 0 && value <= 7) return priority(value);
    return null;
  }
  if (typeof value !== 'string' || value.length > 16) return null;
  const exact = EXACT.get(value);
  if (exact !== undefined) return exact;
  const v = value.trim().toLowerCase();
  if (/^[0-7]$/.test(v)) return priority(Number(v));
  if (/^\d{2}$/.test(v)) return levelFrom(Number(v));
  // A Map, not WORDS[v]: a level such as "constructor" must not find Object.prototype's.
  return EXACT.get(v) ?? null;
}

function priority(p: number): LogLevel {
  if (p <= 2) return 'fatal';
  if (p === 3) return 'error';
  if (p === 4) return 'warn';
  if (p <= 6) return 'info';
  return 'debug';
}

const PLAIN = /(?:^|[\s[(|:])(FATAL|PANIC|CRITICAL|CRIT|ERROR|ERR|WARNING|WARN|INFO|NOTICE|DEBUG|TRACE|fatal|panic|error|warning|warn|info|debug|trace)(?=[\s\]):|,]|$)/;

/**
 * The level of a plain-text line from its first 200 characters: an upper-case word (ERROR), or a lower-case one in
 * brackets or followed by a colon ([error], error:). Null when nothing says.
 */
export function levelInText(line: string): LogLevel | null {
  const head = line.length > 200 ? line.slice(0, 200) : line;
  const m = PLAIN.exec(head);
  if (!m) return null;
  const word = m[1];
  if (word === word.toLowerCase()) {
    // Lower-case words count only in a level-like position, so "no error found" stays unknown.
    const at = m.index + m[0].length;
    const before = head[at - word.length - 1];
    const after = head[at];
    if (!(before === '[' && after === ']') && after !== ':') return null;
  }
  return WORDS[word.toLowerCase()] ?? null;
}
