// Timestamps as logs write them: RFC 3339 with offsets, "2026-11-22 14:32:04,123", epoch numbers in any unit, klog.

/** Whole epoch milliseconds from a number whose unit is told by its size: s (< 1e11), ms (< 1e14), us (< 1e17), else ns. */
export function epochMsByMagnitude(n: number): number {
  const abs = Math.abs(n);
  if (abs < 1e11) return Math.round(n * 1000);
  if (abs < 1e14) return Math.round(n);
  if (abs < 1e17) return Math.round(n / 1000);
  return Math.round(n / 1e6);
}

/** Epoch milliseconds from a positive epoch number in any unit (see epochMsByMagnitude), or null. */
export function epochMs(n: number): number | null {
  return Number.isFinite(n) && n > 0 ? epochMsByMagnitude(n) : null;
}

const ISO = /^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d(?::\d\d)?)(?:[.,](\d{1,9}))?\s?(Z|z|[+-]\d\d:?\d\d|UTC)?$/;

/**
 * Epoch milliseconds from a timestamp string, or null. A time without a zone is read as UTC (servers log in UTC far
 * more often than not, and the console must not depend on the viewer's zone).
 */
export function parseTimeString(value: string): number | null {
  const v = value.trim();
  if (v === '' || v.length > 40) return null;
  if (/^\d+(\.\d+)?$/.test(v)) return epochMs(Number(v));
  const m = ISO.exec(v);
  if (!m) return null;
  const frac = m[3] ? `.${m[3].slice(0, 3).padEnd(3, '0')}` : '';
  let zone = m[4] ?? 'Z';
  if (zone === 'z' || zone === 'UTC') zone = 'Z';
  else if (zone !== 'Z' && !zone.includes(':')) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const time = m[2].length === 5 ? `${m[2]}:00` : m[2];
  const ms = Date.parse(`${m[1]}T${time}${frac}${zone}`);
  return Number.isNaN(ms) ? null : ms;
}

/** A timestamp field's value (number or string) as epoch milliseconds, or null. */
export function parseTimeValue(value: unknown): number | null {
  if (typeof value === 'number') return epochMs(value);
  if (typeof value === 'string') return parseTimeString(value);
  return null;
}

const LEADING = /^\[?(\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d{1,9})?(?:Z|[+-]\d\d:?\d\d)?)\]?\s/;
const KLOG = /^([IWEF])(\d\d)(\d\d) (\d\d:\d\d:\d\d(?:\.\d{1,9})?)\s/;

/** A timestamp at the start of a plain-text line, or null; klog lines take their year from `readAt`. */
export function leadingTime(line: string, readAt: number): { at: number; klogLevel?: string } | null {
  const iso = LEADING.exec(line);
  if (iso) {
    const at = parseTimeString(iso[1]);
    return at === null ? null : { at };
  }
  const k = KLOG.exec(line);
  if (!k) return null;
  const year = new Date(readAt).getUTCFullYear();
  let at = parseTimeString(`${year}-${k[2]}-${k[3]}T${k[4]}Z`);
  // A December line read in January belongs to the year before.
  if (at !== null && at - readAt > 180 * 86_400_000) at = parseTimeString(`${year - 1}-${k[2]}-${k[3]}T${k[4]}Z`);
  return at === null ? null : { at, klogLevel: k[1] };
}
