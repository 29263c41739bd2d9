// Where each field role's value sits in the current line: reused for every line so scanning allocates nothing.
import { latencyUnitScale } from '../logs/log-parse.js';
import { ROLES, type FieldRole } from './summary-fields.js';

/** Role numbers, in ROLES order. */
export const R_TIME = 0;
export const R_LEVEL = 1;
export const R_MESSAGE = 2;
export const R_SERVICE = 3;
export const R_POD = 4;
export const R_STATUS = 5;
export const R_LATENCY = 6;
export const R_TRACE = 7;

/** One candidate key: the role it fills and its rank (lower wins when a line has several candidates for a role). */
export interface KeySpec {
  key: string;
  role: number;
  rank: number;
  /** Seconds per unit of a bare latency number under this key (0.001 for latency_ms; 0 for a key without a unit). */
  scale: number;
  /** Where it is in KeyTable.all. */
  index: number;
}

/** Candidate keys grouped by length, for matching a key in place without slicing it out. */
export class KeyTable {
  readonly byLength: KeySpec[][] = [];
  /** Every candidate, in ROLES order and each role's in rank order. */
  readonly all: KeySpec[] = [];

  constructor(candidates: Record<FieldRole, string[]>) {
    ROLES.forEach((role, r) => {
      candidates[role].forEach((key, rank) => {
        const scale = r !== R_LATENCY ? 1 : latencyUnitScale(key);
        const spec = { key, role: r, rank, scale, index: this.all.length };
        this.all.push(spec);
        (this.byLength[key.length] ??= []).push(spec);
      });
    });
  }

  /** The spec whose key equals s[a, e), or undefined (compared char by char: cheaper than a builtin call for short keys). */
  match(s: string, a: number, e: number): KeySpec | undefined {
    const list = this.byLength[e - a];
    if (list === undefined) return undefined;
    outer: for (let i = 0; i < list.length; i++) {
      const key = list[i].key;
      for (let j = 0; j < key.length; j++) if (key.charCodeAt(j) !== s.charCodeAt(a + j)) continue outer;
      return list[i];
    }
    return undefined;
  }

  /** The spec for a key given as a string, or undefined. */
  get(key: string): KeySpec | undefined {
    return this.match(key, 0, key.length);
  }
}

/** The value positions (or unescaped strings) found for each role in one line. */
export class LineFields {
  readonly start = new Int32Array(ROLES.length);
  readonly end = new Int32Array(ROLES.length);
  readonly rank = new Int32Array(ROLES.length);
  /** The line number each role was last set on; a role is present only when it equals `line`. */
  private readonly seen = new Float64Array(ROLES.length).fill(-1);
  private line = 0;
  /** 1 when the value was a quoted string. */
  readonly quoted = new Uint8Array(ROLES.length);
  /** The value when it had to be unescaped (or came from a parsed object), else undefined. */
  readonly text: (string | undefined)[] = new Array(ROLES.length).fill(undefined);
  readonly scale = new Float64Array(ROLES.length);
  readonly keys: string[] = new Array(ROLES.length).fill('');

  /** Forgets the previous line. */
  reset(): void {
    this.line++;
  }

  /** True when role r was found. */
  has(r: number): boolean {
    return this.seen[r] === this.line;
  }

  /** Records a value for a key if it outranks what the role has so far (the last of equal keys wins, like JSON.parse). */
  set(spec: KeySpec, a: number, e: number, quoted: boolean, text?: string): void {
    const r = spec.role;
    if (this.seen[r] === this.line && spec.rank > this.rank[r]) return;
    this.seen[r] = this.line;
    this.rank[r] = spec.rank;
    this.start[r] = a;
    this.end[r] = e;
    this.quoted[r] = quoted ? 1 : 0;
    this.text[r] = text;
    this.scale[r] = spec.scale;
    this.keys[r] = spec.key;
  }

  /** The value of role r as a string (empty when absent). */
  value(s: string, r: number): string {
    if (!this.has(r)) return '';
    return this.text[r] ?? s.slice(this.start[r], this.end[r]);
  }
}
