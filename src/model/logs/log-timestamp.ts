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

const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

/** Days since 1970-01-01 for a proleptic Gregorian date (month 1..12). */
function daysFromCivil(y: number, m: number, d: number): number {
  const leap = m > 2 && (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)) ? 1 : 0;
  const yy = y - 1;
  return (yy - 1969) * 365 + Math.floor((yy - 1968) / 4) - Math.floor((yy - 1900) / 100) + Math.floor((yy - 1600) / 400) + DAYS_BEFORE_MONTH[m - 1] + leap + d - 1;
}

const digit = (s: string, i: number) => s.charCodeAt(i) - 48;
const two = (s: string, i: number) => digit(s, i) * 10 + digit(s, i + 1);

const isDigitAt = (s: string, i: number) => {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
};

/** Positions (from the start) of the digits in "YYYY-MM-DDTHH:MM:SS". */
const DATE_TIME_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];

/**
 * Epoch milliseconds from text in s[a, e): RFC 3339 with seconds ('T' or space, a fraction of 1 to 9 digits, Z or
 * an offset; none is UTC), or a number in s, ms, us or ns. NaN when it is not one of those, which includes what
 * the pattern in parseTimeString reads more loosely (no seconds, "UTC", hour 24).
 */
export function parseTimeText(s: string, a: number, e: number): number {
  const sep = s.charCodeAt(a + 10);
  if (e - a >= 19 && s.charCodeAt(a + 4) === 45 && s.charCodeAt(a + 7) === 45 && (sep === 84 || sep === 32) && s.charCodeAt(a + 13) === 58 && s.charCodeAt(a + 16) === 58) {
    for (const k of DATE_TIME_DIGITS) if (!isDigitAt(s, a + k)) return NaN;
    const y = digit(s, a) * 1000 + digit(s, a + 1) * 100 + two(s, a + 2);
    const mo = two(s, a + 5);
    const d = two(s, a + 8);
    const h = two(s, a + 11);
    const mi = two(s, a + 14);
    const sec = two(s, a + 17);
    if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59 && sec <= 59)) return NaN;
    let i = a + 19;
    let ms = 0;
    if (s.charCodeAt(i) === 46 || s.charCodeAt(i) === 44) {
      const from = i + 1;
      let scale = 100;
      for (i++; i < e && isDigitAt(s, i); i++) {
        ms += digit(s, i) * scale;
        scale /= 10;
      }
      if (i === from || i - from > 9) return NaN;
      ms = Math.floor(ms);
    }
    let offset = 0;
    const z = s.charCodeAt(i);
    if (z === 90 || z === 122) i++;
    else if ((z === 43 || z === 45) && e - i >= 5) {
      const colon = s.charCodeAt(i + 3) === 58;
      const m = colon ? i + 4 : i + 3;
      if (!isDigitAt(s, i + 1) || !isDigitAt(s, i + 2) || !isDigitAt(s, m) || !isDigitAt(s, m + 1)) return NaN;
      const oh = two(s, i + 1);
      const om = two(s, m);
      if (oh > 23 || om > 59) return NaN;
      offset = (z === 43 ? 1 : -1) * (oh * 60 + om) * 60_000;
      i = m + 2;
    }
    if (i !== e) return NaN;
    return ((daysFromCivil(y, mo, d) * 24 + h) * 60 + mi) * 60_000 + sec * 1000 + ms - offset;
  }
  if (e - a >= 9 && e - a <= 22) {
    const n = Number(s.slice(a, e));
    if (Number.isFinite(n) && n > 0) return epochMsByMagnitude(n);
  }
  return NaN;
}

const ISO = /^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d(?::\d\d)?)(?:[.,](\d{1,9}))?\s?(Z|z|[+-]\d\d:?\d\d|UTC)?$/;

/** The last timestamp text read in place, and its value (a one-entry memo of parseTimeString). */
let lastText: string | null = null;
let lastMs = 0;

/**
 * Epoch milliseconds from a timestamp string, or null. A time without a zone is read as UTC (servers log in UTC far
 * more often than not, and the console must not depend on the viewer's zone).
 */
export function parseTimeString(value: string): number | null {
  // Lines logged in the same millisecond carry the same text: a busy log repeats each one hundreds of times.
  if (value === lastText) return lastMs;
  // The usual shape (2026-11-22T14:32:04.123Z or with an offset) read in place; anything else by the pattern below.
  if (value.length >= 20 && value.length <= 35 && value.charCodeAt(10) === 84) {
    const fast = parseTimeText(value, 0, value.length);
    if (fast === fast) {
      lastText = value;
      lastMs = fast;
      return fast;
    }
  }
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
