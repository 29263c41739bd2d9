// Character-level scanning of one exposition line: names, quoted strings, numbers.
// Every function works on a [pos, end) window of the body and never throws.

const SPACE = 32;
const TAB = 9;
const QUOTE = 34;
const BACKSLASH = 92;

/** A cursor over one line of an exposition body, `s[pos..end)`, with the first error met. */
export class LineCursor {
  s = '';
  pos = 0;
  end = 0;
  /** Why scanning stopped, or '' while all is well. */
  err = '';
  /** Hash left by the last readQuoted. */
  hash = 0;

  /** Points the cursor at a new line. */
  reset(s: string, pos: number, end: number): void {
    this.s = s;
    this.pos = pos;
    this.end = end;
    this.err = '';
  }

  /** The character code at the cursor, or -1 at the end of the line. */
  peek(): number {
    return this.pos < this.end ? this.s.charCodeAt(this.pos) : -1;
  }

  /** Skips spaces and tabs; returns how many were skipped. */
  skipBlanks(): number {
    const start = this.pos;
    while (this.pos < this.end) {
      const c = this.s.charCodeAt(this.pos);
      if (c !== SPACE && c !== TAB) break;
      this.pos++;
    }
    return this.pos - start;
  }

  /** Reads a run of non-blank characters and returns its end; the cursor moves past it. */
  skipToken(): number {
    while (this.pos < this.end) {
      const c = this.s.charCodeAt(this.pos);
      if (c === SPACE || c === TAB) break;
      this.pos++;
    }
    return this.pos;
  }
}

function isLetterOrUnderscore(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Reads a bare metric name (`[a-zA-Z_:][a-zA-Z0-9_:]*`); '' when none starts at the cursor. When the name
 * equals `hint` (usually the previous line's), `hint` itself is returned: reusing one string object lets
 * V8 skip re-hashing it as a Map and property key.
 */
export function readMetricName(c: LineCursor, hint: string): string {
  return readName(c, hint, true);
}

/** Reads a bare label name (`[a-zA-Z_][a-zA-Z0-9_]*`); '' when none starts at the cursor; `hint` as above. */
export function readLabelName(c: LineCursor, hint: string): string {
  return readName(c, hint, false);
}

/** Whether `s` holds `word` at `at` (a plain loop: faster than startsWith with a position here). */
function sameAt(s: string, at: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) if (s.charCodeAt(at + k) !== word.charCodeAt(k)) return false;
  return true;
}

function readName(c: LineCursor, hint: string, colons: boolean): string {
  const { s, end } = c;
  const start = c.pos;
  const hintEnd = start + hint.length;
  // Fast path: the same name as the hint, followed by a character that ends a name.
  if (hint.length > 0 && hintEnd <= end && sameAt(s, start, hint)) {
    const after = hintEnd < end ? s.charCodeAt(hintEnd) : -1;
    if (!(isLetterOrUnderscore(after) || isDigit(after) || (colons && after === 58))) {
      c.pos = hintEnd;
      return hint;
    }
  }
  let i = start;
  while (i < end) {
    const ch = s.charCodeAt(i);
    if (isLetterOrUnderscore(ch) || (colons && ch === 58) || (i > start && isDigit(ch))) i++;
    else break;
  }
  c.pos = i;
  return i > start ? s.slice(start, i) : '';
}

/** Continues a 32-bit FNV-1a hash over `s[start..end)`. */
export function hashRange(h: number, s: string, start: number, end: number): number {
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h;
}

/**
 * Reads a double-quoted string at the cursor, undoing the escapes `\\`, `\"` and `\n`; any other backslash
 * is kept as it is (`C:\foo` stays `C:\foo`), as Prometheus's scraper does. Sets `c.err` and returns '' on a
 * missing closing quote. Leaves in `c.hash` the FNV-1a hash of the unescaped text continued from `seed`.
 */
export function readQuoted(c: LineCursor, seed: number): string {
  const { s, end } = c;
  let i = c.pos + 1;
  const start = i;
  let h = seed;
  // Fast path: no escapes at all, which is nearly every label value.
  while (i < end) {
    const ch = s.charCodeAt(i);
    if (ch === QUOTE) {
      c.pos = i + 1;
      c.hash = h;
      return s.slice(start, i);
    }
    if (ch === BACKSLASH) break;
    h = Math.imul(h ^ ch, 16777619);
    i++;
  }
  let out = s.slice(start, i);
  while (i < end) {
    const ch = s.charCodeAt(i);
    if (ch === QUOTE) {
      c.pos = i + 1;
      c.hash = hashRange(seed, out, 0, out.length);
      return out;
    }
    if (ch === BACKSLASH) {
      const next = i + 1 < end ? s.charCodeAt(i + 1) : -1;
      if (next === BACKSLASH) out += '\\';
      else if (next === QUOTE) out += '"';
      else if (next === 110) out += '\n';
      else {
        // Not an escape: the backslash is literal and the character after it is read as usual.
        out += '\\';
        i++;
        continue;
      }
      i += 2;
      continue;
    }
    const runStart = i;
    while (i < end) {
      const k = s.charCodeAt(i);
      if (k === QUOTE || k === BACKSLASH) break;
      i++;
    }
    out += s.slice(runStart, i);
  }
  c.pos = end;
  c.err = 'quoted string is not closed before the end of the line';
  return '';
}

function matchesWord(s: string, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false;
  for (let k = 0; k < word.length; k++) {
    // ASCII lower-casing: letters only, which is all the words we compare against.
    if ((s.charCodeAt(start + k) | 32) !== word.charCodeAt(k)) return false;
  }
  return true;
}

/**
 * Parses a float the way Prometheus's text parser accepts it: an optional sign, decimal digits with an
 * optional fraction and exponent, or (any case) `Inf`/`Infinity` with an optional sign, or `NaN`.
 * Hexadecimal, binary, octal and underscore forms are refused. Returns undefined when invalid.
 */
export function parseFloatToken(s: string, start: number, end: number): number | undefined {
  if (start >= end) return undefined;
  let i = start;
  let ch = s.charCodeAt(i);
  const signed = ch === 43 || ch === 45;
  if (signed) i++;
  if (i >= end) return undefined;
  ch = s.charCodeAt(i);
  if ((ch | 32) === 105) {
    if (matchesWord(s, i, end, 'inf') || matchesWord(s, i, end, 'infinity')) {
      return s.charCodeAt(start) === 45 ? -Infinity : Infinity;
    }
    return undefined;
  }
  if ((ch | 32) === 110) return !signed && matchesWord(s, i, end, 'nan') ? NaN : undefined;
  let digits = 0;
  while (i < end && isDigit(s.charCodeAt(i))) {
    i++;
    digits++;
  }
  if (i < end && s.charCodeAt(i) === 46) {
    i++;
    while (i < end && isDigit(s.charCodeAt(i))) {
      i++;
      digits++;
    }
  }
  if (digits === 0) return undefined;
  if (i === end && digits <= 15 && !signed) {
    // Plain integers (most counters) need no float parsing: up to 15 digits are exact.
    let n = 0;
    for (let k = start; k < end; k++) {
      const d = s.charCodeAt(k);
      if (d === 46) return Number(s.slice(start, end));
      n = n * 10 + (d - 48);
    }
    return n;
  }
  if (i < end && (s.charCodeAt(i) | 32) === 101) {
    i++;
    if (i < end && (s.charCodeAt(i) === 43 || s.charCodeAt(i) === 45)) i++;
    const expStart = i;
    while (i < end && isDigit(s.charCodeAt(i))) i++;
    if (i === expStart) return undefined;
  }
  if (i !== end) return undefined;
  return Number(s.slice(start, end));
}

/** Parses an optionally signed decimal integer; undefined when the token is anything else. */
export function parseIntToken(s: string, start: number, end: number): number | undefined {
  let i = start;
  if (i < end && (s.charCodeAt(i) === 43 || s.charCodeAt(i) === 45)) i++;
  if (i >= end) return undefined;
  for (let k = i; k < end; k++) if (!isDigit(s.charCodeAt(k))) return undefined;
  return Number(s.slice(start, end));
}

/** A short, printable rendering of part of a line for an error message (control characters escaped). */
export function snippet(s: string, start: number, end: number): string {
  const max = 40;
  const cut = end - start > max;
  const text = s.slice(start, cut ? start + max : end);
  return JSON.stringify(text) + (cut ? '…' : '');
}
