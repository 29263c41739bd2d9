// Where and how fast a replay starts: --at (absolute, clock time or offset from the start) and --speed.
import { parseDurationMs } from './duration.js';
import { FlagError } from './errors.js';

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
