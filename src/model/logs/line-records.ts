// Parsed log lines packed for the trip between threads: one text and two number arrays instead of an object per line,
// which a thread receives about five times faster than the same lines as objects.
import type { LogLevel, LogLine } from './log-line.js';

/** Lines packed by packLines; `text` holds every raw line, the arrays say where each field is and what it holds. */
export interface LineRecords {
  count: number;
  text: string;
  /** Per line: at, status, latency (epoch ms, HTTP status, seconds). */
  nums: Float64Array;
  /** Per line: flags, then a pair per text field (raw, message, service, pod, traceId, ns); see packText. */
  refs: Int32Array;
  /** Texts that are not part of their raw line (unescaped, or a number written as text), and services and pods. */
  strings: string[];
  /** `text` as bytes, one per character, when every character is ASCII (`text` is then empty). */
  bytes?: Uint8Array;
}

/** Where packed lines read their text from: the records' `text` itself, or a reader of their `bytes`. */
export interface LineText {
  slice(start: number, end: number): string;
}

const LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'unknown'];
const LEVEL_CODE = new Map(LEVELS.map((l, i) => [l, i]));

const NUMS = 3;
const REFS = 13;
const TIMED = 1;
/** The line has the service, pod, status, latency and traceId keys (a JSON or logfmt line), even when undefined. */
const FIELDS = 2;
const HAS_STATUS = 4;
const HAS_LATENCY = 8;
const HAS_NS = 16;
const LEVEL_SHIFT = 8;

/** A text field's pair: [-1, 0] undefined, [-3, 0] the raw line itself, [-2, i] strings[i], [a, b] text.slice(a, b). */
const ABSENT = -1;
const STRING = -2;
const SAME_AS_RAW = -3;

/**
 * Packs lines (at most a few thousand: offsets are 32-bit) for postMessage; nums and refs can be transferred.
 * `withText` false leaves `text` empty, for a caller that has the raw lines, joined by newlines, already.
 */
export function packLines(lines: readonly LogLine[], withText = true): LineRecords {
  const nums = new Float64Array(lines.length * NUMS);
  const refs = new Int32Array(lines.length * REFS);
  const strings: string[] = [];
  const interned = new Map<string, number>();
  const intern = (s: string): number => {
    let i = interned.get(s);
    if (i === undefined) interned.set(s, (i = strings.push(s) - 1));
    return i;
  };
  let text = '';
  let at = 0;
  lines.forEach((l, i) => {
    const start = at;
    at += l.raw.length + 1;
    if (withText) text += i === lines.length - 1 ? l.raw : `${l.raw}\n`;
    const n = i * NUMS;
    nums[n] = l.at;
    nums[n + 1] = l.status ?? 0;
    nums[n + 2] = l.latency ?? 0;
    const r = i * REFS;
    const code = LEVEL_CODE.get(l.level) ?? LEVEL_CODE.get('unknown')!;
    refs[r] = (l.timed ? TIMED : 0) | ('service' in l ? FIELDS : 0) | (l.status !== undefined ? HAS_STATUS : 0) |
      (l.latency !== undefined ? HAS_LATENCY : 0) | (l.ns !== undefined ? HAS_NS : 0) | (code << LEVEL_SHIFT);
    refs[r + 1] = start;
    refs[r + 2] = start + l.raw.length;
    packText(refs, r + 3, l.message, l.raw, start, intern, false);
    packText(refs, r + 5, l.service, l.raw, start, intern, true);
    packText(refs, r + 7, l.pod, l.raw, start, intern, true);
    packText(refs, r + 9, l.traceId, l.raw, start, intern, false);
    packText(refs, r + 11, l.ns, l.raw, start, intern, true);
  });
  return { count: lines.length, text, nums, refs, strings };
}

/** Writes the pair for one text field; a part of the raw line is sent as its place, repeated values once. */
function packText(refs: Int32Array, at: number, value: string | undefined, raw: string, rawStart: number, intern: (s: string) => number, repeated: boolean): void {
  if (value === undefined) {
    refs[at] = ABSENT;
    return;
  }
  if (value === raw) {
    refs[at] = SAME_AS_RAW;
    return;
  }
  const i = repeated || value.length === 0 ? -1 : raw.lastIndexOf(value);
  if (i >= 0) {
    refs[at] = rawStart + i;
    refs[at + 1] = rawStart + i + value.length;
  } else {
    refs[at] = STRING;
    refs[at + 1] = intern(value);
  }
}

/**
 * One line of a packed block, read from the block when a field is asked for. A burst of lines keeps one small object
 * per line instead of an object and four strings: the console holds tens of thousands of lines, and at half a million
 * lines a second the young generation cannot let that many full objects die young. The block lives while any of its
 * lines does. Serialised (a recording), it is the plain line packLines was given.
 */
class PackedLine implements LogLine {
  constructor(
    private readonly rec: LineRecords,
    private readonly chars: LineText,
    private readonly i: number,
    readonly source: string,
  ) {}

  get at(): number {
    return this.rec.nums[this.i * NUMS];
  }

  get timed(): boolean {
    return (this.rec.refs[this.i * REFS] & TIMED) !== 0;
  }

  get level(): LogLevel {
    return LEVELS[this.rec.refs[this.i * REFS] >> LEVEL_SHIFT];
  }

  get raw(): string {
    const r = this.i * REFS;
    return this.chars.slice(this.rec.refs[r + 1], this.rec.refs[r + 2]);
  }

  get message(): string {
    return this.text(3) as string;
  }

  get service(): string | undefined {
    return this.field(5);
  }

  get pod(): string | undefined {
    return this.field(7);
  }

  get status(): number | undefined {
    return this.rec.refs[this.i * REFS] & HAS_STATUS ? this.rec.nums[this.i * NUMS + 1] : undefined;
  }

  get latency(): number | undefined {
    return this.rec.refs[this.i * REFS] & HAS_LATENCY ? this.rec.nums[this.i * NUMS + 2] : undefined;
  }

  get traceId(): string | undefined {
    return this.field(9);
  }

  get ns(): string | undefined {
    return this.rec.refs[this.i * REFS] & HAS_NS ? this.text(11) : undefined;
  }

  /** The plain line, with exactly the keys the parsed line had (and in its order). */
  toJSON(): LogLine {
    const { at, timed, level, source, message, raw } = this;
    const line: LogLine =
      this.rec.refs[this.i * REFS] & FIELDS
        ? { at, timed, level, source, message, raw, service: this.service, pod: this.pod, status: this.status, latency: this.latency, traceId: this.traceId }
        : { at, timed, level, source, message, raw };
    if (this.rec.refs[this.i * REFS] & HAS_NS) line.ns = this.ns;
    return line;
  }

  /** A text field of the service, pod, status, latency and traceId kind: absent on a line without those keys. */
  private field(at: number): string | undefined {
    return this.rec.refs[this.i * REFS] & FIELDS ? this.text(at) : undefined;
  }

  private text(at: number): string | undefined {
    const r = this.i * REFS + at;
    const a = this.rec.refs[r];
    if (a >= 0) return this.chars.slice(a, this.rec.refs[r + 1]);
    if (a === ABSENT) return undefined;
    return a === SAME_AS_RAW ? this.raw : this.rec.strings[this.rec.refs[r + 1]];
  }
}

/**
 * The lines packLines packed, read by `source`: each reads, field by field, as the line it was given. `chars` reads
 * the text when the records carry it as bytes.
 */
export function packedLines(rec: LineRecords, source: string, chars: LineText = rec.text): LogLine[] {
  const out: LogLine[] = new Array(rec.count);
  for (let i = 0; i < rec.count; i++) out[i] = new PackedLine(rec, chars, i, source);
  return out;
}
