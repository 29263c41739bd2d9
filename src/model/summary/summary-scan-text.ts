// Role fields from logfmt lines (key=value pairs) and from plain text lines (leading time, a level word, the rest).
import { levelFromValue, parseTimeText } from './summary-fields.js';
import { R_LEVEL, R_MESSAGE, R_TIME, type KeyTable, type LineFields } from './summary-line-fields.js';

const isKeyChar = (c: number) =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45 || c === 64 || c === 47;

/** True when s[a, e) starts like logfmt: a key made of word characters, then '='. */
export function looksLikeLogfmt(s: string, a: number, e: number): boolean {
  let p = a;
  while (p < e && isKeyChar(s.charCodeAt(p))) p++;
  return p > a && p < e && s.charCodeAt(p) === 61;
}

/** Scans logfmt pairs in s[a, e) into `f`; quoted values may hold escaped quotes. Tokens without '=' are ignored. */
export function scanLogfmtLine(s: string, a: number, e: number, keys: KeyTable, f: LineFields): void {
  let p = a;
  while (p < e) {
    while (p < e && s.charCodeAt(p) === 32) p++;
    const ks = p;
    while (p < e && isKeyChar(s.charCodeAt(p))) p++;
    const ke = p;
    if (p >= e || s.charCodeAt(p) !== 61 || ke === ks) {
      while (p < e && s.charCodeAt(p) !== 32) p++;
      continue;
    }
    p++;
    const spec = keys.match(s, ks, ke);
    if (s.charCodeAt(p) === 34) {
      const vs = p + 1;
      let escaped = false;
      for (p = vs; p < e; p++) {
        const c = s.charCodeAt(p);
        if (c === 92) {
          escaped = true;
          p++;
        } else if (c === 34) break;
      }
      const ve = Math.min(p, e);
      if (spec !== undefined) f.set(spec, vs, ve, true, escaped ? unescape(s.slice(vs, ve)) : undefined);
      p = ve + 1;
    } else {
      const vs = p;
      while (p < e && s.charCodeAt(p) !== 32) p++;
      if (spec !== undefined && p > vs) f.set(spec, vs, p, false);
    }
  }
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}

// The specs of plain-text lines, which are in no KeyTable (index -1).
const TIME_SPEC = { key: '', role: R_TIME, rank: 0, scale: 1, index: -1 };
const LEVEL_SPEC = { key: '', role: R_LEVEL, rank: 0, scale: 1, index: -1 };
const MESSAGE_SPEC = { key: '', role: R_MESSAGE, rank: 0, scale: 1, index: -1 };

/**
 * Plain text: an optional leading timestamp (RFC 3339, "YYYY-MM-DD HH:MM:SS", or a number), then a level word among
 * the next three tokens (ERROR, [warn], level:) when there is one; the message is what follows the level (or the time).
 */
export function scanPlainLine(s: string, a: number, e: number, f: LineFields): void {
  let p = a;
  let te = s.indexOf(' ', p);
  if (te < 0 || te > e) te = e;
  if (te - p === 10 && s.charCodeAt(p + 4) === 45 && te < e) {
    const next = s.indexOf(' ', te + 1);
    const end = next < 0 || next > e ? e : next;
    if (!Number.isNaN(parseTimeText(s, p, end))) te = end;
  }
  let timeEnd = te;
  if (s.charCodeAt(p) === 91 && s.charCodeAt(te - 1) === 93) {
    p++;
    timeEnd--;
  }
  let rest = a;
  if (!Number.isNaN(parseTimeText(s, p, timeEnd))) {
    f.set(TIME_SPEC, p, timeEnd, false);
    rest = te;
  }
  let q = rest;
  for (let token = 0; token < 3 && q < e; token++) {
    while (q < e && s.charCodeAt(q) === 32) q++;
    let we = s.indexOf(' ', q);
    if (we < 0 || we > e) we = e;
    const word = s.slice(q, we).replace(/^[[(<]|[\]):>]+$/g, '').replace(/^level=/i, '');
    if (word.length >= 3 && word.length <= 11 && levelFromValue(word) !== 'unknown' && !/^\d+$/.test(word)) {
      f.set(LEVEL_SPEC, 0, 0, false, word);
      rest = we;
      break;
    }
    q = we;
  }
  while (rest < e && s.charCodeAt(rest) === 32) rest++;
  f.set(MESSAGE_SPEC, rest, e, false);
}
