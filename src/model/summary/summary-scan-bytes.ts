// Counts JSON lines straight from the file's bytes: the role fields are found in place and only the values the summary
// keeps are decoded. A line it is not sure of (not starting with '{', escapes, nesting, anything malformed) is decoded
// and handed to the text scanner, so every line counts exactly as the text scanner counts it.
import type { LogLevel } from '../logs/log-line.js';
import { latencySeconds } from '../logs/log-parse.js';
import type { SummaryAccumulator } from './summary-accumulator.js';
import { ByteTimes, decimalAtBytes, NameCache, utf8 } from './summary-bytes.js';
import { levelFromStatus, levelFromValue } from './summary-fields.js';
import { ByteFields, JsonBytes } from './summary-json-bytes.js';
import { WASM_DATA, WasmJsonBytes } from './summary-json-wasm.js';
import { FastLane, RUN_BUCKET, RUN_END, RUN_FULL, RUN_LEVEL } from './summary-fast-lane.js';
import { R_LATENCY, R_LEVEL, R_MESSAGE, R_POD, R_SERVICE, R_STATUS, R_TIME, type KeyTable } from './summary-line-fields.js';

/** The usual level words (as SummaryScanner knows them) by their first byte. */
const LEVEL_WORDS: ReadonlyArray<ReadonlyArray<{ bytes: Uint8Array; level: LogLevel }>> = (() => {
  const byFirst: Array<Array<{ bytes: Uint8Array; level: LogLevel }>> = Array.from({ length: 256 }, () => []);
  for (const w of ['info', 'error', 'warn', 'debug', 'warning', 'fatal', 'trace']) {
    for (const word of [w, w.toUpperCase()]) byFirst[word.charCodeAt(0)].push({ bytes: new TextEncoder().encode(word), level: levelFromValue(w) });
  }
  return byFirst;
})();

/** Bytes to scan, as ByteLineScanner.load() placed them: [from, to) of `buf`. */
export interface LoadedPiece {
  buf: Buffer;
  from: number;
  to: number;
}

/** Index of the newline ending the line that starts at `a`, or `to` when the piece holds none. */
function lineEnd(b: Buffer, a: number, to: number): number {
  const nl = b.indexOf(10, a);
  return nl < 0 || nl >= to ? to : nl;
}

/** Counts lines from bytes into an accumulator; `fallback` counts one line (its text, without the newline) the text way. */
export class ByteLineScanner {
  /** The current line's fields: this scanner's own, or the WebAssembly scanner's. */
  private f: ByteFields;
  private readonly json: JsonBytes;
  /** The same scan in WebAssembly, where it can run. */
  private readonly wasm: WasmJsonBytes | null;
  private readonly times = new ByteTimes();
  private readonly services = new NameCache();
  /** The level and the service of each value number the WebAssembly scanner gave. */
  private readonly levelById: LogLevel[] = [];
  private readonly serviceById: string[] = [];

  /** The module's own counting of plain lines; null without the module, or with bounds on the lines counted. */
  private readonly fast: FastLane | null;
  private grown = 0;
  /** The bytes the module looks for in find(). */
  private needle: Buffer | null = null;

  /**
   * `useWasm` false scans with JsonBytes alone, `useFastLane` false calls the module line by line (the ways are
   * compared in tests).
   */
  constructor(private readonly acc: SummaryAccumulator, keys: KeyTable, private readonly fallback: (line: string) => void, useWasm = true, useFastLane = true) {
    this.json = new JsonBytes(keys);
    this.wasm = useWasm ? WasmJsonBytes.create(keys) : null;
    this.f = new ByteFields(keys.all);
    this.fast = this.wasm !== null && useFastLane && !acc.bounded ? new FastLane(this.wasm.memory, keys.all, acc) : null;
  }

  /** Counts every line in bytes [from, to) of `b` (whole lines; the last needs no newline). Returns the number of lines. */
  scan(b: Buffer, from: number, to: number): number {
    const piece = this.load(b, from, to);
    return this.scanLoaded(piece.buf, piece.from, piece.to);
  }

  /**
   * Puts bytes [from, to) of `b` where this scanner reads them: in the module's memory when it runs (a copy), else
   * where they are. scanLoaded() and find() take the buffer and range returned, or any whole lines of that range.
   */
  load(b: Buffer, from: number, to: number): LoadedPiece {
    const wasm = this.wasm;
    if (wasm === null) return { buf: b.subarray(from, to), from: 0, to: to - from };
    const buf = wasm.load(b, from, to);
    this.f = wasm.fields;
    return { buf, from: WASM_DATA, to: WASM_DATA + (to - from) };
  }

  /** The first place of `needle` in bytes [from, to) of a piece load() returned, whole; -1 when it is not there. */
  find(piece: LoadedPiece, needle: Buffer, from: number, to: number): number {
    const wasm = this.wasm;
    if (wasm !== null && (needle === this.needle || (wasm.lookFor(needle) && (this.needle = needle)))) return wasm.find(from, to);
    const at = piece.buf.indexOf(needle, from);
    return at >= 0 && at + needle.length <= to ? at : -1;
  }

  /** scan() for whole lines [from, to) of a piece load() returned. */
  scanLoaded(b: Buffer, from: number, to: number): number {
    const wasm = this.wasm;
    let count = 0;
    let a = from;
    const f = this.f;
    // The JSON scan runs up to a line's newline; a piece not ending with one (the file's last line) has its lines
    // found first, and its last line goes the text way.
    const ended = b[to - 1] === 10;
    const fast = ended ? this.fast : null;
    if (fast !== null && this.grown !== (wasm as WasmJsonBytes).grown) {
      fast.views();
      this.grown = (wasm as WasmJsonBytes).grown;
    }
    while (a < to) {
      if (fast !== null) {
        // The module counts the plain lines; it stops at a line for this side, or to be told a level or a bucket.
        a = (wasm as WasmJsonBytes).run(a, to);
        const why = fast.why();
        if (why === RUN_END) break;
        if (why === RUN_LEVEL) {
          const id = f.levelId();
          fast.classLevel(id, (this.levelById[id] ??= this.level(b)));
          continue;
        }
        if (why === RUN_BUCKET && fast.bucket(f.has(R_SERVICE) ? (this.serviceById[f.serviceId()] ??= this.value(b, R_SERVICE)) : '', f.time[0])) continue;
        if (why === RUN_FULL) {
          count += fast.flush();
          continue;
        }
        // A line counted here inherits the time of the line before it, which may be one the module counted.
        fast.sync();
      }
      f.reset();
      let nl = -1;
      if (b[a] === 123 && (ended || lineEnd(b, a, to) < to)) nl = wasm !== null ? wasm.scan(a) : this.json.scan(b, a, f);
      if (nl >= 0) this.finish(b, a, nl > a && b[nl - 1] === 13 ? nl - 1 : nl);
      else {
        nl = lineEnd(b, a, to);
        this.fallback(utf8(b, a, nl > a && b[nl - 1] === 13 ? nl - 1 : nl));
      }
      count++;
      a = nl + 1;
    }
    if (fast !== null) count += fast.flush();
    return count;
  }

  private level(b: Buffer): LogLevel {
    const f = this.f;
    const a = f.start[R_LEVEL];
    const e = f.end[R_LEVEL];
    const n = e - a;
    const words = LEVEL_WORDS[b[a]];
    for (let i = 0; i < words.length; i++) {
      const w = words[i].bytes;
      if (w.length !== n) continue;
      let j = 1;
      while (j < n && w[j] === b[a + j]) j++;
      if (j === n) return words[i].level;
    }
    return levelFromValue(utf8(b, a, e));
  }

  private value(b: Buffer, r: number): string {
    return utf8(b, this.f.start[r], this.f.end[r]);
  }

  /** SummaryScanner.finish for a line scanned in place (no deploy: pieces that may hold one are scanned as text). */
  private finish(b: Buffer, a: number, e: number): void {
    const f = this.f;
    const acc = this.acc;
    const at = acc.place(!f.has(R_TIME) ? NaN : f.timeRead() ? f.time[0] : this.times.parse(b, f.start[R_TIME], f.end[R_TIME]));
    if (at === -Infinity) return;
    let status: number | undefined;
    if (f.has(R_STATUS)) {
      const n = decimalAtBytes(b, f.start[R_STATUS], f.end[R_STATUS]);
      if (Number.isFinite(n)) status = n;
    }
    let level: LogLevel = 'unknown';
    if (f.has(R_LEVEL)) {
      const id = f.levelId();
      level = id < 0 ? this.level(b) : (this.levelById[id] ??= this.level(b));
    }
    if (level === 'unknown') level = levelFromStatus(status);
    let service: string | undefined;
    if (f.has(R_SERVICE)) {
      const id = f.serviceId();
      service = id < 0 ? this.services.get(b, f.start[R_SERVICE], f.end[R_SERVICE]) : (this.serviceById[id] ??= this.value(b, R_SERVICE));
    }
    let latency = NaN;
    if (f.has(R_LATENCY)) {
      const n = f.quoted[R_LATENCY] ? NaN : decimalAtBytes(b, f.start[R_LATENCY], f.end[R_LATENCY]);
      const scale = f.spec(R_LATENCY).scale;
      latency = n === n ? (scale ? n * scale : Number.isInteger(n) ? n / 1000 : n) : latencySeconds(f.spec(R_LATENCY).key, this.value(b, R_LATENCY)) ?? NaN;
      if (!(latency >= 0)) latency = NaN;
    }
    const isError = level === 'error' || level === 'fatal';
    const message = isError ? (f.has(R_MESSAGE) ? this.value(b, R_MESSAGE) : utf8(b, a, e)) : '';
    const pod = isError && f.has(R_POD) ? this.value(b, R_POD) : undefined;
    acc.lineAt = at;
    acc.lineLatency = latency;
    acc.addLine(level, service, pod, message, true);
  }
}
