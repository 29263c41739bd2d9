// Finds the role fields of a flat JSON object line in its bytes, in place, as scanJsonLine finds them in its text.
import { bytesEqual } from './summary-bytes.js';
import { R_TRACE, type KeySpec, type KeyTable } from './summary-line-fields.js';
import { ROLES } from './summary-fields.js';

/**
 * Int32 words of ByteFields: the roles found (a bit each), then 8 words each of start, end, quoted, spec and rank, then
 * the line's time as a double and a word saying whether it was read, then the level's and the service's value numbers.
 */
export const FIELD_WORDS = 54;
if (ROLES.length > 8) throw new Error('ByteFields holds 8 roles');

/**
 * Where each role's value sits in the current line, in bytes: LineFields for lines read in place (no escapes). Its
 * words are laid out as json-scan.wat writes them, so that they can be the WebAssembly scanner's memory.
 */
export class ByteFields {
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** 1 when the value was a quoted string. */
  readonly quoted: Int32Array;
  /** The index in KeyTable.all of the key each role's value came from. */
  private readonly specAt: Int32Array;
  private readonly rank: Int32Array;
  /** The time in epoch ms (NaN for none) when timeRead(): the WebAssembly scanner reads RFC 3339 times itself. */
  readonly time: Float64Array;

  /** `words` (FIELD_WORDS of them) hold the fields; `specs` is KeyTable.all. */
  constructor(private readonly specs: readonly KeySpec[], private readonly words = new Int32Array(FIELD_WORDS)) {
    this.start = words.subarray(8, 16);
    this.end = words.subarray(16, 24);
    this.quoted = words.subarray(24, 32);
    this.specAt = words.subarray(32, 40);
    this.rank = words.subarray(40, 48);
    this.time = new Float64Array(words.buffer, words.byteOffset + 48 * 4, 1);
  }

  /** Forgets the previous line. */
  reset(): void {
    this.words[0] = 0;
    this.words[50] = 0;
    this.words[51] = -1;
    this.words[52] = -1;
  }

  /**
   * The number the WebAssembly scanner gave the level's value (the same for the same bytes, in one scanner), or -1
   * when it gave none.
   */
  levelId(): number {
    return this.words[51];
  }

  /** The number the WebAssembly scanner gave the service's value, or -1. */
  serviceId(): number {
    return this.words[52];
  }

  /** True when `time` holds the line's time, read as ByteTimes.parse reads it. */
  timeRead(): boolean {
    return this.words[50] === 1;
  }

  /** True when role r was found. */
  has(r: number): boolean {
    return (this.words[0] & (1 << r)) !== 0;
  }

  /** The key role r's value came from. */
  spec(r: number): KeySpec {
    return this.specs[this.specAt[r]];
  }

  /** Records a value for a key if it outranks what the role has so far (the last of equal keys wins, like JSON.parse). */
  set(spec: KeySpec, a: number, e: number, quoted: number): void {
    const r = spec.role;
    const bit = 1 << r;
    const found = this.words[0];
    if ((found & bit) !== 0 && spec.rank > this.rank[r]) return;
    this.words[0] = found | bit;
    this.specAt[r] = spec.index;
    this.rank[r] = spec.rank;
    this.start[r] = a;
    this.end[r] = e;
    this.quoted[r] = quoted;
  }
}

/** True when every candidate key is ASCII, so that a key can be matched byte for byte. */
export const asciiKeys = (keys: KeyTable): boolean => keys.byLength.every((list) => list === undefined || list.every((s) => /^[\x00-\x7f]*$/.test(s.key)));

/** The spec whose key equals bytes [a, e) of `b`, or undefined. */
function matchKey(keys: KeyTable, b: Uint8Array, a: number, e: number): KeySpec | undefined {
  const list = keys.byLength[e - a];
  if (list === undefined) return undefined;
  outer: for (let i = 0; i < list.length; i++) {
    const key = list[i].key;
    for (let j = 0; j < key.length; j++) if (key.charCodeAt(j) !== b[a + j]) continue outer;
    return list[i];
  }
  return undefined;
}

/** A key met in earlier lines: its bytes, its spec (undefined when the summary does not read it) and the key that followed it. */
interface KnownKey {
  bytes: Uint8Array;
  spec: KeySpec | undefined;
  next: KnownKey | null;
}

/** Most distinct keys remembered (a file with more still scans right, with a table look-up for the rest). */
const MAX_KNOWN = 256;

/**
 * Reads flat JSON objects from bytes as scanJsonLine reads their text. Lines of a log mostly repeat the keys of the
 * lines before in the same order, so each key is first compared with the one that followed the previous key last time:
 * one pass over the key's bytes, no search for its end, no table look-up.
 */
export class JsonBytes {
  private first: KnownKey | null = null;
  /** Remembered keys by length. */
  private readonly known: KnownKey[][] = [];
  private knownCount = 0;

  constructor(private readonly keys: KeyTable) {}

  /** The remembered key equal to bytes [a, e) of `b`, remembered now if it is new (null once MAX_KNOWN are). */
  private recall(b: Uint8Array, a: number, e: number): KnownKey | null {
    const n = e - a;
    const list = (this.known[n] ??= []);
    outer: for (let i = 0; i < list.length; i++) {
      const k = list[i].bytes;
      for (let j = 0; j < n; j++) if (k[j] !== b[a + j]) continue outer;
      return list[i];
    }
    if (this.knownCount >= MAX_KNOWN) return null;
    let spec = matchKey(this.keys, b, a, e);
    // The summary never reads the trace id.
    if (spec !== undefined && spec.role === R_TRACE) spec = undefined;
    const known: KnownKey = { bytes: new Uint8Array(b.subarray(a, e)), spec, next: null };
    list.push(known);
    this.knownCount++;
    return known;
  }

  /**
   * Scans the object that starts at `a` (a '{') and ends its line, which must end with a '\n' within `b` (that byte
   * stops every loop below). Returns the index of that '\n' with the fields in `f`, or -1 when the line needs the
   * text scanner (escapes, nesting, anything scanJsonLine would give up on).
   */
  scan(b: Uint8Array, a: number, f: ByteFields): number {
    let p = a + 1;
    let c = 0;
    let prev: KnownKey | null = null;
    for (let k = 0; ; k++) {
      while ((c = b[p]) === 32 || c === 9 || c === 13) p++;
      if (c === 125) break;
      if (c !== 34) return -1;
      const ks = p + 1;
      let ke = -1;
      let spec: KeySpec | undefined;
      const want: KnownKey | null = k === 0 ? this.first : prev === null ? null : prev.next;
      if (want !== null) {
        // The known key holds no '\n', so a match ends before the line does.
        const w = want.bytes;
        const n = w.length;
        let j = 0;
        while (j < n && w[j] === b[ks + j]) j++;
        if (j === n && b[ks + n] === 34) {
          ke = ks + n;
          spec = want.spec;
        }
      }
      if (ke >= 0) prev = want;
      else {
        p = ks;
        // A key with an escape is read by the text scanner, as JSON.parse reads it: as what it spells.
        while ((c = b[p]) !== 34 && c !== 10 && c !== 92) p++;
        if (c !== 34) return -1;
        ke = p;
        const known = this.recall(b, ks, ke);
        if (known === null) {
          spec = matchKey(this.keys, b, ks, ke);
          if (spec !== undefined && spec.role === R_TRACE) spec = undefined;
        } else spec = known.spec;
        if (k === 0) this.first = known;
        else if (prev !== null) prev.next = known;
        prev = known;
      }
      p = ke + 1;
      while ((c = b[p]) === 32 || c === 9 || c === 13) p++;
      if (c !== 58) return -1;
      p++;
      while ((c = b[p]) === 32 || c === 9 || c === 13) p++;
      if (c === 34) {
        const vs = ++p;
        while ((c = b[p]) !== 34 && c !== 92 && c !== 10) p++;
        if (c !== 34) return -1;
        if (spec !== undefined) f.set(spec, vs, p, 1);
        p++;
      } else {
        const vs = p;
        while ((c = b[p]) !== 44 && c !== 125 && c !== 32 && c !== 9 && c !== 13 && c !== 10 && c !== 123 && c !== 91) p++;
        if (p === vs || c === 123 || c === 91) return -1;
        if (spec !== undefined && !(p - vs === 4 && bytesEqual(b, vs, p, 'null'))) f.set(spec, vs, p, 0);
      }
      while ((c = b[p]) === 32 || c === 9 || c === 13) p++;
      if (c === 44) p++;
      else if (c === 125) break;
      else return -1;
    }
    p++;
    while ((c = b[p]) === 32 || c === 9 || c === 13) p++;
    return c === 10 ? p : -1;
  }
}
