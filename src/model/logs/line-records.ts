// Parsed log lines packed for the trip between threads: one text and two number arrays instead of an object per line,
// which a thread receives about five times faster than the same lines as objects.
import { literalPrefix } from '../summary/summary-deploy-prefix.js';
import type { LogLevel, LogLine } from './log-line.js';

/** Lines packed by packLines; `text` holds every raw line, the arrays say where each field is and what it holds. */
export interface LineRecords {
  count: number;
  text: string;
  /** Per line: at, status, latency (epoch ms, HTTP status, seconds). */
  nums: Float64Array;
  /** Per line: flags (with the level), where the raw line ends, then message, service, pod, traceId, ns. */
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

// A line's place in `nums` and `refs`. Lines follow each other in the text, a newline apart: a line starts one after
// the end of the line before. The message and the trace id are pairs (see packPair); service, pod and ns, repeated
// from line to line, are one number each (see packRepeated).
const NUMS = 3;
const N_AT = 0;
const N_STATUS = 1;
const N_LATENCY = 2;
const REFS = 9;
const R_FLAGS = 0;
const R_RAW_END = 1;
const R_MESSAGE = 2;
const R_SERVICE = 4;
const R_POD = 5;
const R_TRACE = 6;
const R_NS = 8;

const TIMED = 1;
/** The line has the service, pod, status, latency and traceId keys (a JSON or logfmt line), even when undefined. */
const FIELDS = 2;
const HAS_STATUS = 4;
const HAS_LATENCY = 8;
const HAS_NS = 16;
const LEVEL_SHIFT = 8;

/** A field's first number: >= 0 a place in the text (or for repeated fields an index in `strings`), or one of these. */
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
  // Lines mostly repeat the service, pod and ns of the line before, often as the same string: each field's last one
  // is checked before the map.
  const last: Array<string | undefined> = [undefined, undefined, undefined];
  const lastIndex = [0, 0, 0];
  const repeated = (field: number, value: string | undefined, raw: string): number => {
    if (value !== undefined && value === last[field]) return lastIndex[field];
    const i = packRepeated(value, raw, intern);
    if (i >= 0) {
      last[field] = value;
      lastIndex[field] = i;
    }
    return i;
  };
  let text = '';
  let at = 0;
  lines.forEach((l, i) => {
    const start = at;
    at += l.raw.length + 1;
    if (withText) text += i === lines.length - 1 ? l.raw : `${l.raw}\n`;
    const n = i * NUMS;
    nums[n + N_AT] = l.at;
    nums[n + N_STATUS] = l.status ?? 0;
    nums[n + N_LATENCY] = l.latency ?? 0;
    const r = i * REFS;
    const code = LEVEL_CODE.get(l.level) ?? LEVEL_CODE.get('unknown')!;
    refs[r + R_FLAGS] = (l.timed ? TIMED : 0) | ('service' in l ? FIELDS : 0) | (l.status !== undefined ? HAS_STATUS : 0) |
      (l.latency !== undefined ? HAS_LATENCY : 0) | (l.ns !== undefined ? HAS_NS : 0) | (code << LEVEL_SHIFT);
    refs[r + R_RAW_END] = start + l.raw.length;
    packPair(refs, r + R_MESSAGE, l.message, l.raw, start, intern);
    refs[r + R_SERVICE] = repeated(0, l.service, l.raw);
    refs[r + R_POD] = repeated(1, l.pod, l.raw);
    packPair(refs, r + R_TRACE, l.traceId, l.raw, start, intern);
    refs[r + R_NS] = repeated(2, l.ns, l.raw);
  });
  return { count: lines.length, text, nums, refs, strings };
}

/**
 * A field that differs from line to line (message, trace id): [a, b] text.slice(a, b) for a part of the raw line,
 * [-2, i] strings[i] for any other text, [-1, 0] undefined, [-3, 0] the raw line itself.
 */
function packPair(refs: Int32Array, at: number, value: string | undefined, raw: string, rawStart: number, intern: (s: string) => number): void {
  if (value === undefined) refs[at] = ABSENT;
  else if (value === raw) refs[at] = SAME_AS_RAW;
  else {
    const i = value.length === 0 ? -1 : raw.lastIndexOf(value);
    if (i >= 0) {
      refs[at] = rawStart + i;
      refs[at + 1] = rawStart + i + value.length;
    } else {
      refs[at] = STRING;
      refs[at + 1] = intern(value);
    }
  }
}

/** A field repeated from line to line (service, pod, ns), sent once: its index in `strings`, or ABSENT or SAME_AS_RAW. */
function packRepeated(value: string | undefined, raw: string, intern: (s: string) => number): number {
  if (value === undefined) return ABSENT;
  return value === raw ? SAME_AS_RAW : intern(value);
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

  private get flags(): number {
    return this.rec.refs[this.i * REFS + R_FLAGS];
  }

  get at(): number {
    return this.rec.nums[this.i * NUMS + N_AT];
  }

  get timed(): boolean {
    return (this.flags & TIMED) !== 0;
  }

  get level(): LogLevel {
    return LEVELS[this.flags >> LEVEL_SHIFT];
  }

  get raw(): string {
    const refs = this.rec.refs;
    const i = this.i;
    return this.chars.slice(i === 0 ? 0 : refs[(i - 1) * REFS + R_RAW_END] + 1, refs[i * REFS + R_RAW_END]);
  }

  get message(): string {
    return this.pair(R_MESSAGE) as string;
  }

  get service(): string | undefined {
    return this.flags & FIELDS ? this.repeated(R_SERVICE) : undefined;
  }

  get pod(): string | undefined {
    return this.flags & FIELDS ? this.repeated(R_POD) : undefined;
  }

  get status(): number | undefined {
    return this.flags & HAS_STATUS ? this.rec.nums[this.i * NUMS + N_STATUS] : undefined;
  }

  get latency(): number | undefined {
    return this.flags & HAS_LATENCY ? this.rec.nums[this.i * NUMS + N_LATENCY] : undefined;
  }

  get traceId(): string | undefined {
    return this.flags & FIELDS ? this.pair(R_TRACE) : undefined;
  }

  get ns(): string | undefined {
    return this.flags & HAS_NS ? this.repeated(R_NS) : undefined;
  }

  /** The records a line reads from, when it is a packed line. */
  static recordsOf(line: LogLine): LineRecords | undefined {
    return line instanceof PackedLine ? line.rec : undefined;
  }

  /** The plain line, with exactly the keys the parsed line had (and in its order). */
  toJSON(): LogLine {
    const { at, timed, level, source, message, raw } = this;
    const line: LogLine =
      this.flags & FIELDS
        ? { at, timed, level, source, message, raw, service: this.service, pod: this.pod, status: this.status, latency: this.latency, traceId: this.traceId }
        : { at, timed, level, source, message, raw };
    if (this.flags & HAS_NS) line.ns = this.ns;
    return line;
  }

  private pair(at: number): string | undefined {
    const r = this.i * REFS + at;
    const a = this.rec.refs[r];
    if (a >= 0) return this.chars.slice(a, this.rec.refs[r + 1]);
    if (a === ABSENT) return undefined;
    return a === SAME_AS_RAW ? this.raw : this.rec.strings[this.rec.refs[r + 1]];
  }

  private repeated(at: number): string | undefined {
    const v = this.rec.refs[this.i * REFS + at];
    if (v >= 0) return this.rec.strings[v];
    return v === SAME_AS_RAW ? this.raw : undefined;
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

/**
 * The literal text every match of a pattern starts with, looked for once in each packed block: a line of a block
 * without it, in its raw text or in any of its other texts (messages unescaped), cannot match, and need not be decoded
 * to be tried. Lines that are not packed are always tried.
 */
export class BlockLiteral {
  private readonly held = new WeakMap<LineRecords, boolean>();
  private readonly bytes: Buffer;

  private constructor(private readonly literal: string) {
    this.bytes = Buffer.from(literal, 'latin1');
  }

  /** The check for `re`, or null when its matches do not all start with a literal (see literalPrefix). */
  static of(re: RegExp): BlockLiteral | null {
    const literal = literalPrefix(re);
    return literal === null ? null : new BlockLiteral(literal);
  }

  /** False only when `line` cannot hold the literal in its raw text or in its message. */
  mayHold(line: LogLine): boolean {
    const rec = PackedLine.recordsOf(line);
    if (rec === undefined) return true;
    let held = this.held.get(rec);
    if (held === undefined) {
      const inText = rec.bytes !== undefined
        ? Buffer.from(rec.bytes.buffer, rec.bytes.byteOffset, rec.bytes.byteLength).includes(this.bytes)
        : rec.text.includes(this.literal);
      held = inText || rec.strings.some((t) => t.includes(this.literal));
      this.held.set(rec, held);
    }
    return held;
  }
}
