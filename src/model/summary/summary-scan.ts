// Turns chunks of archived log text (JSON lines, logfmt, plain) into summary totals, line by line.
import type { LogLevel } from '../logs/log-line.js';
import { SummaryAccumulator } from './summary-accumulator.js';
import { latencySeconds } from '../logs/log-parse.js';
import { levelFromStatus, levelFromValue, parseTimeText, ROLES, type FieldRole } from './summary-fields.js';
import {
  KeyTable, LineFields, R_LATENCY, R_LEVEL, R_MESSAGE, R_POD, R_SERVICE, R_STATUS, R_TIME,
} from './summary-line-fields.js';
import { BackslashCursor, scanJsonLine } from './summary-scan-json.js';
import { looksLikeLogfmt, scanLogfmtLine, scanPlainLine } from './summary-scan-text.js';
import { ByteLineScanner } from './summary-scan-bytes.js';
import { asciiKeys } from './summary-json-bytes.js';
import { literalPrefix, rarestPart } from './summary-deploy-prefix.js';

/** What a scanner needs: candidate keys per role and the deploy pattern (null for none). */
export interface ScanOptions {
  fields: Record<FieldRole, string[]>;
  /** Matched against each raw line; the named group `version` (or group 1) is the version. */
  deployPattern: RegExp | null;
}

const COMMON_LEVELS: ReadonlyArray<[string, LogLevel]> = (['info', 'error', 'warn', 'debug', 'warning', 'fatal', 'trace'] as const).flatMap(
  (w): Array<[string, LogLevel]> => [[w, levelFromValue(w)], [w.toUpperCase(), levelFromValue(w)]],
);

/** The number written in s[a, e): plain decimals are read in place, anything else goes through Number(). NaN when empty. */
function decimalAt(s: string, a: number, e: number): number {
  let i = a;
  const neg = s.charCodeAt(i) === 45;
  if (neg) i++;
  let n = 0;
  let digits = 0;
  for (; i < e; i++, digits++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    n = n * 10 + c;
  }
  if (i < e && s.charCodeAt(i) === 46) {
    let pow = 1;
    for (i++; i < e; i++, digits++) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      n = n * 10 + c;
      pow *= 10;
    }
    if (i === e && digits > 0 && digits <= 15) return neg ? -n / pow : n / pow;
    return a === e ? NaN : Number(s.slice(a, e));
  }
  if (i === e && digits > 0 && digits <= 15) return neg ? -n : n;
  return a === e ? NaN : Number(s.slice(a, e));
}

/** The value at a dotted path (or a literal dotted key) of a parsed object. */
function lookup(obj: Record<string, unknown>, key: string): unknown {
  if (key in obj) return obj[key];
  if (!key.includes('.')) return undefined;
  let cur: unknown = obj;
  for (const part of key.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** Bytes of the first piece whose byte counts choose the part of a deploy pattern's literal start that is looked for. */
const NEEDLE_SAMPLE = 4096;

/** Scans lines into a SummaryAccumulator; keeps no line after it has been counted. */
export class SummaryScanner {
  private readonly keys: KeyTable;
  private readonly f = new LineFields();
  private readonly esc = new BackslashCursor();
  private readonly deploy: RegExp | null;
  /** The deploy pattern for one message (the version is read from the message when it matches there, as live). */
  private readonly deployInMessage: RegExp | null;
  /** Reads JSON lines from bytes in place; null when a candidate key is not ASCII (then every piece is decoded). */
  private readonly bytes: ByteLineScanner | null;
  /** Text every deploy match starts with (null when the pattern has no such literal start). */
  private readonly deployStart: string | null;
  /** Bytes of a part of deployStart, chosen on the first bytes scanned: a piece without them holds no deploy. */
  private deployNeedle: Buffer | null = null;

  constructor(readonly acc: SummaryAccumulator, private readonly opts: ScanOptions) {
    this.keys = new KeyTable(opts.fields);
    this.deploy = opts.deployPattern ? new RegExp(opts.deployPattern.source, opts.deployPattern.flags.replace(/[gy]/g, '') + 'g') : null;
    this.deployInMessage = opts.deployPattern ? new RegExp(opts.deployPattern.source, opts.deployPattern.flags.replace(/[gy]/g, '')) : null;
    this.bytes = asciiKeys(this.keys) ? new ByteLineScanner(acc, this.keys, (line) => this.line(line, 0, line.length, null)) : null;
    this.deployStart = opts.deployPattern ? literalPrefix(opts.deployPattern) : null;
  }

  /**
   * Scans every line in bytes [from, to) of `b` (UTF-8, whole lines; a last line without a newline counts too), with
   * the same result as scan() on their text. Returns the number of lines. A line in which the deploy pattern may
   * match (a whole piece, for a pattern without a literal start) is scanned as text, so that deploys are found exactly
   * as scan() finds them.
   */
  scanBytes(b: Buffer, from: number, to: number): number {
    const bytes = this.bytes;
    if (bytes === null) return this.scan(b.toString('utf8', from, to));
    if (this.deploy === null) return bytes.scan(b, from, to);
    if (this.deployStart === null) {
      const text = b.toString('utf8', from, to);
      this.deploy.lastIndex = 0;
      return this.deploy.test(text) ? this.scan(text) : bytes.scan(b, from, to);
    }
    // Only a line holding a part of the pattern's literal start can hold a match: such lines are scanned as text, the
    // lines between them as bytes. (Scanning whole pieces as text made the text scanner's code hot, and compiled, on
    // every thread, for the few pieces that hold a deploy.)
    this.deployNeedle ??= Buffer.from(rarestPart(this.deployStart, b.subarray(from, Math.min(to, from + NEEDLE_SAMPLE))), 'latin1');
    // The piece is placed where the scanner reads it (the module's memory) and searched there; the lines between hits
    // are scanned in place. Positions are in `piece.buf`, which may hold other bytes before and after the piece.
    const piece = bytes.load(b, from, to);
    const buf = piece.buf;
    const end = piece.to;
    let count = 0;
    let a = piece.from;
    for (let hit = bytes.find(piece, this.deployNeedle, a, end); hit >= 0; hit = bytes.find(piece, this.deployNeedle, a, end)) {
      const start = buf.lastIndexOf(10, hit) + 1;
      const line = start > a ? start : a;
      if (line > a) count += bytes.scanLoaded(buf, a, line);
      const nl = buf.indexOf(10, hit);
      a = nl < 0 || nl >= end ? end : nl + 1;
      count += this.scan(buf.toString('utf8', line, a));
    }
    if (a < end) count += bytes.scanLoaded(buf, a, end);
    return count;
  }

  /** Scans every line in `text` (whole lines; a last line without a newline counts too). Returns the number of lines. */
  scan(text: string): number {
    const matches: RegExpExecArray[] = [];
    if (this.deploy) {
      this.deploy.lastIndex = 0;
      for (let m = this.deploy.exec(text); m !== null; m = this.deploy.exec(text)) {
        if (m[0].length === 0) this.deploy.lastIndex++;
        else if (!m[0].includes('\n')) matches.push(m);
      }
    }
    let next = 0;
    let count = 0;
    let a = 0;
    while (a < text.length) {
      let nl = text.indexOf('\n', a);
      if (nl < 0) nl = text.length;
      let e = nl;
      if (e > a && text.charCodeAt(e - 1) === 13) e--;
      let deploy: RegExpExecArray | null = null;
      while (next < matches.length && matches[next].index < nl) {
        if (matches[next].index >= a) deploy ??= matches[next];
        next++;
      }
      this.line(text, a, e, deploy);
      count++;
      a = nl + 1;
    }
    return count;
  }

  private line(s: string, a: number, e: number, deploy: RegExpExecArray | null): void {
    const f = this.f;
    f.reset();
    const c = s.charCodeAt(a);
    if (c === 123 || c === 32 || c === 9) {
      if (!scanJsonLine(s, a, e, this.keys, f, this.esc)) this.fullParse(s, a, e);
    } else if (looksLikeLogfmt(s, a, e)) scanLogfmtLine(s, a, e, this.keys, f);
    else scanPlainLine(s, a, e, f);
    this.finish(s, a, e, deploy);
  }

  private fullParse(s: string, a: number, e: number): void {
    const f = this.f;
    f.reset();
    let obj: unknown;
    try {
      obj = JSON.parse(s.slice(a, e));
    } catch {
      obj = undefined;
    }
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
      if (s.charCodeAt(a) === 123) this.acc.malformedJson++;
      scanPlainLine(s, a, e, f);
      return;
    }
    ROLES.forEach((role) => {
      for (const key of this.opts.fields[role]) {
        const v = lookup(obj as Record<string, unknown>, key);
        if (v === undefined || v === null || typeof v === 'object') continue;
        const spec = this.keys.get(key);
        if (spec) f.set(spec, 0, 0, typeof v === 'string', String(v));
        break;
      }
    });
  }

  private num(s: string, r: number): number {
    const f = this.f;
    const t = f.text[r];
    if (t !== undefined) return t.trim() === '' ? NaN : Number(t);
    return decimalAt(s, f.start[r], f.end[r]);
  }

  private level(s: string): LogLevel {
    const f = this.f;
    if (f.text[R_LEVEL] === undefined) {
      const a = f.start[R_LEVEL];
      const n = f.end[R_LEVEL] - a;
      for (const [word, level] of COMMON_LEVELS) if (word.length === n && s.startsWith(word, a)) return level;
    }
    return levelFromValue(f.value(s, R_LEVEL));
  }

  private time(s: string): number {
    const f = this.f;
    if (!f.has(R_TIME)) return NaN;
    const t = f.text[R_TIME];
    return t !== undefined ? parseTimeText(t, 0, t.length) : parseTimeText(s, f.start[R_TIME], f.end[R_TIME]);
  }

  private finish(s: string, a: number, e: number, deploy: RegExpExecArray | null): void {
    const f = this.f;
    const acc = this.acc;
    const at = acc.place(this.time(s));
    if (at === -Infinity) return;
    let status: number | undefined;
    if (f.has(R_STATUS)) {
      const n = this.num(s, R_STATUS);
      if (Number.isFinite(n)) status = n;
    }
    let level: LogLevel = f.has(R_LEVEL) ? this.level(s) : 'unknown';
    if (level === 'unknown') level = levelFromStatus(status);
    const service = f.has(R_SERVICE) ? f.value(s, R_SERVICE) : undefined;
    let latency = NaN;
    if (f.has(R_LATENCY)) {
      // The live parser's rule: a unit in the key or the value, else a bare integer is milliseconds and a fraction seconds.
      const n = f.quoted[R_LATENCY] ? NaN : this.num(s, R_LATENCY);
      const scale = f.scale[R_LATENCY];
      latency = n === n ? (scale ? n * scale : Number.isInteger(n) ? n / 1000 : n) : latencySeconds(f.keys[R_LATENCY], f.value(s, R_LATENCY)) ?? NaN;
      if (!(latency >= 0)) latency = NaN;
    }
    const wantText = level === 'error' || level === 'fatal' || deploy !== null;
    const message = wantText ? (f.has(R_MESSAGE) ? f.value(s, R_MESSAGE) : s.slice(a, e)) : '';
    const pod = wantText && f.has(R_POD) ? f.value(s, R_POD) : undefined;
    acc.add(at, level, service, pod, message, latency);
    if (deploy) {
      const hit = (f.has(R_MESSAGE) ? this.deployInMessage?.exec(message) : null) ?? deploy;
      acc.addDeploy(at, service, hit.groups?.version ?? hit[1] ?? null, message);
    }
  }
}
