// Reads the wanted fields of a JSON object line in place, without building the object; agrees with JSON.parse or gives up.

/** One key the parser wants: its slot in the values array (-1 when only its nested fields are wanted). */
export interface WantedKey {
  readonly text: string;
  readonly slot: number;
  /** True when a dotted name starts with this key, so an object under it must be looked into. */
  readonly nested: boolean;
}

/** Deepest nesting the scanner follows inside a value before leaving the line to JSON.parse. */
const MAX_DEPTH = 64;

/** What a wanted key holding an object or array reads as: the roles only need to know it is not text or a number. */
export const CONTAINER: object = Object.freeze({});

/** The field names a parser looks for, each with a slot, found by length and then by text without allocating. */
export class JsonKeyTable {
  /** Slot number to field name. */
  readonly names: string[] = [];
  /**
   * False when some name would be found by `in` on Object.prototype (`constructor`, `toString.x`): JSON.parse's
   * objects answer those, a scan cannot, so such a table is never used.
   */
  readonly usable: boolean;
  private readonly byLength: Array<WantedKey[] | undefined> = [];
  private readonly keys = new Map<string, { slot: number; nested: boolean }>();

  constructor(names: Iterable<string>) {
    let usable = true;
    for (const name of names) {
      if (this.slotOf(name) >= 0) continue;
      const slot = this.names.push(name) - 1;
      this.entry(name).slot = slot;
      const dot = name.indexOf('.');
      if (name in Object.prototype) usable = false;
      if (dot >= 0) {
        this.entry(name.slice(0, dot)).nested = true;
        if (name.slice(0, dot) in Object.prototype || name.slice(dot + 1) in Object.prototype) usable = false;
      }
    }
    this.usable = usable;
    for (const [text, { slot, nested }] of this.keys) {
      while (this.byLength.length <= text.length) this.byLength.push(undefined);
      (this.byLength[text.length] ??= []).push({ text, slot, nested });
    }
  }

  /** Slot of a field name, -1 when it is not in the table. */
  slotOf(name: string): number {
    return this.keys.get(name)?.slot ?? -1;
  }

  /** The wanted key spelled by s[a, e), or undefined. */
  match(s: string, a: number, e: number): WantedKey | undefined {
    const list = this.byLength[e - a];
    if (list === undefined) return undefined;
    const len = e - a;
    for (let j = 0; j < list.length; j++) {
      const t = list[j].text;
      let i = 0;
      while (i < len && s.charCodeAt(a + i) === t.charCodeAt(i)) i++;
      if (i === len) return list[j];
    }
    return undefined;
  }

  private entry(text: string): { slot: number; nested: boolean } {
    let e = this.keys.get(text);
    if (!e) this.keys.set(text, (e = { slot: -1, nested: false }));
    return e;
  }
}

// eslint-disable-next-line no-control-regex
const ESCAPE_OR_CONTROL = /[\\\x00-\x1f]/;

const isDigit = (c: number) => c >= 48 && c <= 57;
const isHex = (c: number) => (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 102);

/** A JSON checker over one line at a time; positions are string indices, -1 means malformed. */
class Scanner {
  s = '';
  n = 0;
  /** Whether the string read last holds an escape. */
  escaped = false;
  /** True when the line holds no backslash and no control character, so every string ends at the next quote. */
  clean = false;
  /** Where the line's wanted values go, by slot. */
  values: unknown[] = [];
  /** Slots written by the last line, `written` of them. */
  slots = new Int32Array(64);
  written = 0;
  /** The last short text seen per slot, handed out again when the next line has the same one (no new string). */
  recent: string[] = [];

  space(p: number): number {
    const s = this.s;
    for (;;) {
      const c = s.charCodeAt(p);
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return p;
      p++;
    }
  }

  /** Index of the quote closing the string whose content starts at p. */
  stringEnd(p: number): number {
    const s = this.s;
    const n = this.n;
    this.escaped = false;
    if (this.clean) return s.indexOf('"', p);
    for (; p < n; p++) {
      const c = s.charCodeAt(p);
      if (c === 34) return p;
      if (c < 32) return -1;
      if (c === 92) {
        this.escaped = true;
        const e = s.charCodeAt(++p);
        if (e === 117) {
          if (!(isHex(s.charCodeAt(p + 1)) && isHex(s.charCodeAt(p + 2)) && isHex(s.charCodeAt(p + 3)) && isHex(s.charCodeAt(p + 4)))) return -1;
          p += 4;
        } else if (e !== 34 && e !== 92 && e !== 47 && e !== 98 && e !== 102 && e !== 110 && e !== 114 && e !== 116) return -1;
      }
    }
    return -1;
  }

  /** Index just past the JSON number starting at p. */
  numberEnd(p: number): number {
    const s = this.s;
    if (s.charCodeAt(p) === 45) p++;
    const c = s.charCodeAt(p);
    if (c === 48) p++;
    else if (c >= 49 && c <= 57) while (isDigit(s.charCodeAt(++p)));
    else return -1;
    if (s.charCodeAt(p) === 46) {
      if (!isDigit(s.charCodeAt(++p))) return -1;
      while (isDigit(s.charCodeAt(++p)));
    }
    const x = s.charCodeAt(p);
    if (x === 101 || x === 69) {
      const sign = s.charCodeAt(++p);
      if (sign === 43 || sign === 45) p++;
      if (!isDigit(s.charCodeAt(p))) return -1;
      while (isDigit(s.charCodeAt(++p)));
    }
    return p;
  }

  /** The JSON number s[a, e) as JSON.parse reads it; up to 15 plain digits are summed in place. */
  numberValue(a: number, e: number): number {
    if (e - a > 15) return Number(this.s.slice(a, e));
    let v = 0;
    for (let i = a; i < e; i++) {
      const c = this.s.charCodeAt(i);
      if (c < 48 || c > 57) return Number(this.s.slice(a, e));
      v = v * 10 + (c - 48);
    }
    return v;
  }

  /** Index just past the string, number, true, false or null starting at p. */
  scalarEnd(p: number): number {
    const s = this.s;
    const c = s.charCodeAt(p);
    if (c === 34) {
      const e = this.stringEnd(p + 1);
      return e < 0 ? -1 : e + 1;
    }
    if (c === 116) return s.startsWith('true', p) ? p + 4 : -1;
    if (c === 102) return s.startsWith('false', p) ? p + 5 : -1;
    if (c === 110) return s.startsWith('null', p) ? p + 4 : -1;
    return this.numberEnd(p);
  }

  /** After an object's `{` or `,`: past the key, the colon and the spaces around it. */
  memberStart(p: number): number {
    if (this.s.charCodeAt(p) !== 34) return -1;
    const e = this.stringEnd(p + 1);
    if (e < 0) return -1;
    p = this.space(e + 1);
    return this.s.charCodeAt(p) === 58 ? this.space(p + 1) : -1;
  }

  /** Index just past the object or array starting at p, checked as JSON; -1 also when deeper than MAX_DEPTH. */
  containerEnd(p: number): number {
    const s = this.s;
    const closers: number[] = [];
    for (;;) {
      // A value starts at p.
      const c = s.charCodeAt(p);
      if (c === 123 || c === 91) {
        if (closers.length >= MAX_DEPTH) return -1;
        const close = c === 123 ? 125 : 93;
        p = this.space(p + 1);
        if (s.charCodeAt(p) !== close) {
          closers.push(close);
          if (c === 123 && (p = this.memberStart(p)) < 0) return -1;
          continue;
        }
        p++;
      } else if ((p = this.scalarEnd(p)) < 0) return -1;
      // After a value: a comma and the next one, or closing brackets.
      for (;;) {
        if (closers.length === 0) return p;
        p = this.space(p);
        const d = s.charCodeAt(p);
        const close = closers[closers.length - 1];
        if (d === close) {
          closers.pop();
          p++;
          continue;
        }
        if (d !== 44) return -1;
        p = this.space(p + 1);
        if (close === 125 && (p = this.memberStart(p)) < 0) return -1;
        break;
      }
    }
  }

  private set(slot: number, value: unknown): void {
    if (this.written === this.slots.length) {
      const more = new Int32Array(this.slots.length * 2);
      more.set(this.slots);
      this.slots = more;
    }
    this.slots[this.written++] = slot;
    this.values[slot] = value;
  }

  /** s[a, e) as a string: the previous one for this slot when it spells the same short text. */
  private text(slot: number, a: number, e: number): string {
    return sharedText(this.recent, slot, this.s, a, e);
  }

  /** See scanJsonLine. */
  line(s: string, keys: JsonKeyTable, values: unknown[]): boolean {
    this.values = values;
    this.written = 0;
    this.s = s;
    this.n = s.length;
    this.clean = !ESCAPE_OR_CONTROL.test(s);
    let p = this.space(0);
    if (s.charCodeAt(p) !== 123) return false;
    p = this.space(p + 1);
    if (s.charCodeAt(p) !== 125) {
      for (;;) {
        if (s.charCodeAt(p) !== 34) return false;
        const ks = p + 1;
        const ke = this.stringEnd(ks);
        if (ke < 0 || this.escaped) return false;
        p = ke + 1;
        if (s.charCodeAt(p) !== 58 && s.charCodeAt((p = this.space(p))) !== 58) return false;
        p = this.space(p + 1);
        const key = keys.match(s, ks, ke);
        const slot = key === undefined ? -1 : key.slot;
        const c = s.charCodeAt(p);
        let end: number;
        if (c === 34) {
          end = this.stringEnd(p + 1);
          if (end < 0) return false;
          if (slot >= 0) this.set(slot, this.escaped ? (JSON.parse(s.slice(p, end + 1)) as string) : this.text(slot, p + 1, end));
          end++;
        } else if (c === 123 || c === 91) {
          if (key !== undefined && key.nested) return false;
          end = this.containerEnd(p);
          if (end < 0) return false;
          if (slot >= 0) this.set(slot, CONTAINER);
        } else {
          end = this.scalarEnd(p);
          if (end < 0) return false;
          if (slot >= 0) this.set(slot, c === 116 ? true : c === 102 ? false : c === 110 ? null : this.numberValue(p, end));
        }
        p = end;
        let d = s.charCodeAt(p);
        if (d !== 44 && d !== 125) d = s.charCodeAt((p = this.space(p)));
        if (d === 125) break;
        if (d !== 44) return false;
        p = this.space(p + 1);
      }
    }
    return this.space(p + 1) === this.n;
  }
}

/**
 * s[a, e) as a string, or recent[slot] when that spells the same short text (which then stays there). V8 makes a
 * slice of 13 characters or more a view into `s`; shorter ones are copies, worth sharing while lines repeat them.
 */
export function sharedText(recent: Array<string | undefined>, slot: number, s: string, a: number, e: number): string {
  const len = e - a;
  if (len >= 13) return s.slice(a, e);
  const last = recent[slot];
  if (last !== undefined && last.length === len) {
    let i = 0;
    while (i < len && s.charCodeAt(a + i) === last.charCodeAt(i)) i++;
    if (i === len) return last;
  }
  return (recent[slot] = s.slice(a, e));
}

const scanner = new Scanner();

/**
 * Reads the JSON object line `s`, storing the value of every wanted key in `values` at its slot (strings unescaped,
 * numbers as JSON.parse reads them, objects and arrays as CONTAINER). Returns false when the line is not a JSON
 * object or needs JSON.parse to decide: malformed, an escaped key, or an object under a key a dotted name looks into.
 * Either way, call clearScanned(values) before the next line: it empties the slots this line wrote.
 */
export function scanJsonLine(s: string, keys: JsonKeyTable, values: unknown[]): boolean {
  const ok = scanner.line(s, keys, values);
  scanner.s = '';
  return ok;
}

/** Empties the slots the last scanJsonLine wrote. */
export function clearScanned(values: unknown[]): void {
  for (let i = 0; i < scanner.written; i++) values[scanner.slots[i]] = undefined;
  scanner.written = 0;
}
