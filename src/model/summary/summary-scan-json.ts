// Pulls the role fields out of a flat JSON object line in place, without JSON.parse; gives up on anything unusual.
import type { KeyTable, LineFields } from './summary-line-fields.js';

/** Finds backslashes in a chunk lazily: amortised one pass per chunk, however many lines ask. */
export class BackslashCursor {
  private next = -1;
  private text = '';

  /** The first backslash at or after `pos` in s (Infinity when none). */
  at(s: string, pos: number): number {
    if (s !== this.text) {
      this.text = s;
      this.next = -1;
    }
    if (this.next !== Infinity && this.next < pos) {
      const i = s.indexOf('\\', pos);
      this.next = i < 0 ? Infinity : i;
    }
    return this.next;
  }
}

/** Index of the quote closing a string whose content starts at `a`, honouring escapes; -1 when unterminated before e. */
function stringEnd(s: string, a: number, e: number): number {
  for (let i = a; i < e; i++) {
    const c = s.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 34) return i;
  }
  return -1;
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 13;

/**
 * Scans the JSON object in s[a, e) and records the role fields in `f`. Returns false when the line needs the full
 * parser: not an object, a nested object or array, or malformed (the caller then uses JSON.parse).
 */
export function scanJsonLine(s: string, a: number, e: number, keys: KeyTable, f: LineFields, esc: BackslashCursor): boolean {
  let p = a;
  while (p < e && isSpace(s.charCodeAt(p))) p++;
  if (s.charCodeAt(p) !== 123) return false;
  p++;
  for (;;) {
    while (p < e && isSpace(s.charCodeAt(p))) p++;
    let c = s.charCodeAt(p);
    if (c === 125) break;
    if (c !== 34) return false;
    const ks = p + 1;
    const ke = s.indexOf('"', ks);
    // A key with an escape goes to JSON.parse, which reads it as what it spells.
    if (ke < 0 || ke >= e || esc.at(s, ks) < ke) return false;
    p = ke + 1;
    while (p < e && isSpace(s.charCodeAt(p))) p++;
    if (s.charCodeAt(p) !== 58) return false;
    p++;
    while (p < e && isSpace(s.charCodeAt(p))) p++;
    c = s.charCodeAt(p);
    const spec = keys.match(s, ks, ke);
    if (c === 34) {
      const vs = p + 1;
      let ve = s.indexOf('"', vs);
      if (ve < 0 || ve >= e) return false;
      if (esc.at(s, vs) < ve) {
        ve = stringEnd(s, vs, e);
        if (ve < 0) return false;
        if (spec !== undefined) {
          let text: string;
          try {
            text = JSON.parse(s.slice(vs - 1, ve + 1)) as string;
          } catch {
            return false;
          }
          f.set(spec, vs, ve, true, text);
        }
      } else if (spec !== undefined) f.set(spec, vs, ve, true);
      p = ve + 1;
    } else if (c === 123 || c === 91) {
      return false;
    } else {
      const vs = p;
      while (p < e) {
        c = s.charCodeAt(p);
        if (c === 44 || c === 125 || isSpace(c)) break;
        p++;
      }
      if (p === vs) return false;
      if (spec !== undefined && !(p - vs === 4 && s.startsWith('null', vs))) f.set(spec, vs, p, false);
    }
    while (p < e && isSpace(s.charCodeAt(p))) p++;
    c = s.charCodeAt(p);
    if (c === 44) p++;
    else if (c === 125) break;
    else return false;
  }
  p++;
  while (p < e && isSpace(s.charCodeAt(p))) p++;
  return p === e;
}
