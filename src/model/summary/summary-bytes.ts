// Values of a log line read straight from its UTF-8 bytes: numbers, RFC 3339 times and repeated names. Each gives
// exactly what its text twin gives on the decoded value (anything unusual is decoded and handed to the twin).
import { parseTimeText } from './summary-fields.js';

/** Text of bytes [a, e) of `b` (UTF-8; invalid sequences become U+FFFD, as when the whole text is decoded). */
export const utf8 = (b: Buffer, a: number, e: number): string => b.toString('utf8', a, e);

/** True when bytes [a, e) of `b` equal the ASCII string `word`. */
export function bytesEqual(b: Uint8Array, a: number, e: number, word: string): boolean {
  if (e - a !== word.length) return false;
  for (let j = 0; j < word.length; j++) if (b[a + j] !== word.charCodeAt(j)) return false;
  return true;
}

/** The number written in bytes [a, e): plain decimals are read in place, anything else is decoded for Number(). */
export function decimalAtBytes(b: Buffer, a: number, e: number): number {
  let i = a;
  const neg = b[i] === 45 && i < e;
  if (neg) i++;
  let n = 0;
  let digits = 0;
  for (; i < e; i++, digits++) {
    const c = b[i] - 48;
    if (c < 0 || c > 9) break;
    n = n * 10 + c;
  }
  if (i < e && b[i] === 46) {
    let pow = 1;
    for (i++; i < e; i++, digits++) {
      const c = b[i] - 48;
      if (c < 0 || c > 9) break;
      n = n * 10 + c;
      pow *= 10;
    }
    if (i === e && digits > 0 && digits <= 15) return neg ? -n / pow : n / pow;
    return a === e ? NaN : Number(utf8(b, a, e));
  }
  if (i === e && digits > 0 && digits <= 15) return neg ? -n : n;
  return a === e ? NaN : Number(utf8(b, a, e));
}

const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

function daysFromCivil(y: number, m: number, d: number): number {
  const leap = m > 2 && (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)) ? 1 : 0;
  const yy = y - 1;
  return (yy - 1969) * 365 + Math.floor((yy - 1968) / 4) - Math.floor((yy - 1900) / 100) + Math.floor((yy - 1600) / 400) + DAYS_BEFORE_MONTH[m - 1] + leap + d - 1;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
/** Positions of the digits in "YYYY-MM-DDTHH:MM". */
const DATE_TIME_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15];
const two = (b: Uint8Array, i: number) => (b[i] - 48) * 10 + (b[i + 1] - 48);

/**
 * Epoch milliseconds from the time in bytes [a, e), as parseTimeText reads its text in place. What is shaped like
 * RFC 3339 is read from the bytes (every byte checked, so only ASCII passes; like parseTimeText it looks at the byte
 * after the value for a fraction or a zone); the rest (numbers) goes
 * through parseTimeText on the decoded value, which needs no context. The minute's start is kept for the next line.
 */
export class ByteTimes {
  /** The last "YYYY-MM-DDTHH:MM" read, and its epoch ms (NaN before the first). */
  private readonly prefix = new Uint8Array(16);
  private prefixMs = NaN;

  parse(b: Buffer, a: number, e: number): number {
    const sep = b[a + 10];
    if (e - a >= 19 && b[a + 4] === 45 && b[a + 7] === 45 && (sep === 84 || sep === 32) && b[a + 13] === 58 && b[a + 16] === 58) {
      return this.rfc3339(b, a, e);
    }
    return parseTimeText(utf8(b, a, e), 0, e - a);
  }

  /** Epoch ms of the minute written in bytes [a, a + 16) ("YYYY-MM-DDTHH:MM", every digit checked), NaN when it is none. */
  private minuteAt(b: Uint8Array, a: number): number {
    const p = this.prefix;
    // The digits only: the separators were checked by the caller, and 'T' or ' ' give the same time.
    if (b[a + 15] === p[15] && b[a + 14] === p[14] && b[a + 12] === p[12] && b[a + 11] === p[11] && b[a + 9] === p[9] && b[a + 8] === p[8]
      && b[a + 6] === p[6] && b[a + 5] === p[5] && b[a + 3] === p[3] && b[a + 2] === p[2] && b[a + 1] === p[1] && b[a] === p[0]
      && this.prefixMs === this.prefixMs) return this.prefixMs;
    for (const k of DATE_TIME_DIGITS) if (!isDigit(b[a + k])) return NaN;
    const y = (b[a] - 48) * 1000 + (b[a + 1] - 48) * 100 + two(b, a + 2);
    const mo = two(b, a + 5);
    const d = two(b, a + 8);
    const h = two(b, a + 11);
    const mi = two(b, a + 14);
    if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59)) return NaN;
    for (let j = 0; j < 16; j++) p[j] = b[a + j];
    this.prefixMs = ((daysFromCivil(y, mo, d) * 24 + h) * 60 + mi) * 60_000;
    return this.prefixMs;
  }

  private rfc3339(b: Uint8Array, a: number, e: number): number {
    const minuteMs = this.minuteAt(b, a);
    if (minuteMs !== minuteMs || !isDigit(b[a + 17]) || !isDigit(b[a + 18])) return NaN;
    const sec = two(b, a + 17);
    if (!(sec <= 59)) return NaN;
    let i = a + 19;
    let ms = 0;
    if (b[i] === 46 || b[i] === 44) {
      const from = i + 1;
      let scale = 100;
      for (i++; i < e && isDigit(b[i]); i++) {
        ms += (b[i] - 48) * scale;
        scale /= 10;
      }
      if (i === from || i - from > 9) return NaN;
      ms = Math.floor(ms);
    }
    let offset = 0;
    const z = b[i];
    if (z === 90 || z === 122) i++;
    else if ((z === 43 || z === 45) && e - i >= 5) {
      const colon = b[i + 3] === 58;
      const m = colon ? i + 4 : i + 3;
      if (!isDigit(b[i + 1]) || !isDigit(b[i + 2]) || !isDigit(b[m]) || !isDigit(b[m + 1])) return NaN;
      const oh = two(b, i + 1);
      const om = two(b, m);
      if (oh > 23 || om > 59) return NaN;
      offset = (z === 43 ? 1 : -1) * (oh * 60 + om) * 60_000;
      i = m + 2;
    }
    if (i !== e) return NaN;
    return minuteMs + sec * 1000 + ms - offset;
  }
}

/** Strings for names that repeat from line to line (services): decoded once, then found again by their bytes. */
export class NameCache {
  private readonly bytes: Uint8Array[] = [];
  private readonly names: string[] = [];
  private next = 0;
  private last = 0;

  constructor(private readonly size = 64, private readonly longest = 64) {}

  /** The text of bytes [a, e) of `b`. */
  get(b: Buffer, a: number, e: number): string {
    const n = e - a;
    if (n > this.longest) return utf8(b, a, e);
    const all = this.bytes;
    for (let k = 0, i = this.last; k < all.length; k++, i = i + 1 === all.length ? 0 : i + 1) {
      const c = all[i];
      if (c.length !== n) continue;
      let j = 0;
      while (j < n && c[j] === b[a + j]) j++;
      if (j === n) {
        this.last = i;
        return this.names[i];
      }
    }
    const name = utf8(b, a, e);
    const slot = all.length < this.size ? all.length : this.next++ % this.size;
    all[slot] = Uint8Array.prototype.slice.call(b, a, e);
    this.names[slot] = name;
    this.last = slot;
    return name;
  }
}
