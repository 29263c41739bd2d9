// JsonBytes.scan done by WebAssembly (json-scan.wat): the same fields for every line, with the end of each key and
// string found 16 bytes a step. The summary reads a million-line archive's lines in about half the time this way.
import moduleBytes from './json-scan.wat?wasm';
import countBytes from './json-count.wat?wasm';
import { ByteFields, FIELD_WORDS } from './summary-json-bytes.js';
import { R_TRACE, type KeySpec, type KeyTable } from './summary-line-fields.js';

/** Where the candidate keys start in the module's memory (the lists' heads, one per key length, come before). */
const KEYS_AT = 1024;
/** Where the candidate keys must end: the line's ByteFields start there. */
const KEYS_END = 65536;
/** Where the bytes scanned start. */
export const WASM_DATA = 131072;
/** Bytes after the last one scanned that the module may read (a 16-byte step, or a value copied 32 bytes at once). */
const SLACK = 32;
const PAGE = 65536;
/** The longest key the module's table can hold. */
const MAX_KEY = 255;

let compiled: { scan: WebAssembly.Module; count: WebAssembly.Module } | null | undefined;

/**
 * The scanner's modules (json-scan.wat, and json-count.wat on its memory), compiled once per thread; null where
 * WebAssembly (or its SIMD) is not to be had, as under --jitless.
 */
function scannerModules(): { scan: WebAssembly.Module; count: WebAssembly.Module } | null {
  if (compiled === undefined) {
    try {
      compiled = typeof WebAssembly === 'object' ? { scan: new WebAssembly.Module(moduleBytes), count: new WebAssembly.Module(countBytes) } : null;
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/**
 * Has the scanner's modules compiled now, on V8's threads, for a scan about to start: the compilation scannerModules
 * then asks for is found done (V8 keeps compiled modules by their bytes, for every thread of the process), where it
 * took 3-6 ms of the first scan's start (the first WebAssembly of a process costs more than its size says).
 */
export function compileScannerAhead(): void {
  if (compiled !== undefined || typeof WebAssembly !== 'object') return;
  WebAssembly.compile(moduleBytes).catch(() => undefined);
  WebAssembly.compile(countBytes).catch(() => undefined);
}

/** Where json-count.wat reads the bytes find() looks for: their number, then the bytes (see json-scan.wat's map). */
const NEEDLE_AT = 65872;
const MAX_NEEDLE = 12;

/** Where the module reads whether it reads strictly (see WasmOptions). */
const STRICT_AT = 65760;

/** How a scanner reads: the summary's way by default. */
export interface WasmOptions {
  /**
   * Agree with JSON.parse, for the console's parser: a line with a malformed bare value or a trailing comma, or with
   * null under a wanted key, is left to the text scanner; so is a piece with a control character (see controlAt).
   */
  strict?: boolean;
  /** Read the trace id too (the summary never does). */
  trace?: boolean;
}

/** Writes the candidate keys as the module looks them up; false when one is too long, not ASCII, or they do not fit. */
function writeKeys(keys: KeyTable, into: Uint8Array, trace: boolean): boolean {
  const words = new Int32Array(into.buffer, 0, KEYS_END / 4);
  let at = KEYS_AT;
  for (let n = 0; n < keys.byLength.length; n++) {
    const list = keys.byLength[n];
    if (list === undefined) continue;
    if (n > MAX_KEY) return false;
    // Each entry links to the next of its length, in KeyTable's order, so the first match is KeyTable's match.
    let link = n * 4;
    for (const spec of list) {
      if (at + 16 + n > KEYS_END) return false;
      words[link >> 2] = at;
      // The summary never reads the trace id: its key's entry says -1, no value wanted (as JsonBytes takes it).
      words[(at >> 2) + 1] = spec.role === R_TRACE && !trace ? -1 : spec.index;
      words[(at >> 2) + 2] = spec.role;
      words[(at >> 2) + 3] = spec.rank;
      for (let j = 0; j < n; j++) {
        const c = spec.key.charCodeAt(j);
        if (c > 0x7f) return false;
        into[at + 16 + j] = c;
      }
      link = at;
      at = (at + 16 + n + 3) & ~3;
    }
  }
  return true;
}

/** One thread's scanner: the bytes of a piece are copied into its memory and scanned there. */
export class WasmJsonBytes {
  private view: Buffer;
  /** The fields of the line last scanned, in the module's memory (made again when the memory grows). */
  fields: ByteFields;
  /** How many times the memory grew (views of it made before then are stale). */
  grown = 0;

  private constructor(
    readonly memory: WebAssembly.Memory,
    private readonly line: (a: number) => number,
    /** Counts plain lines from a to `to` in the module (json-count.wat, `run`; FastLane reads what it counted). */
    readonly run: (a: number, to: number) => number,
    private readonly specs: readonly KeySpec[],
    private readonly controls: (a: number, e: number) => number,
    private readonly finder: (a: number, e: number) => number,
  ) {
    this.view = Buffer.from(memory.buffer);
    this.fields = new ByteFields(specs, new Int32Array(memory.buffer, KEYS_END, FIELD_WORDS));
  }

  /** A scanner for these keys, or null where the module cannot run or hold them (JsonBytes does the same work). */
  static create(keys: KeyTable, opts: WasmOptions = {}): WasmJsonBytes | null {
    const modules = scannerModules();
    if (modules === null) return null;
    const instance = new WebAssembly.Instance(modules.scan, {});
    const { mem: memory, line, controls } = instance.exports as { mem: WebAssembly.Memory; line: (a: number) => number; controls: (a: number, e: number) => number };
    if (!writeKeys(keys, new Uint8Array(memory.buffer), opts.trace === true)) return null;
    new Int32Array(memory.buffer, STRICT_AT, 1)[0] = opts.strict ? 1 : 0;
    const counter = new WebAssembly.Instance(modules.count, { scan: { mem: memory, line } });
    const { run, find } = counter.exports as { run: (a: number, to: number) => number; find: (a: number, e: number) => number };
    return new WasmJsonBytes(memory, line, run, keys.all, controls, find);
  }

  /** Sets the bytes find() looks for: false (nothing set) unless there are 2 to 12. */
  lookFor(needle: Uint8Array): boolean {
    if (needle.length < 2 || needle.length > MAX_NEEDLE) return false;
    new Int32Array(this.memory.buffer, NEEDLE_AT, 1)[0] = needle.length;
    new Uint8Array(this.memory.buffer, NEEDLE_AT + 4, needle.length).set(needle);
    return true;
  }

  /**
   * Where the bytes lookFor() set first are, whole, in bytes [a, e) of the memory load() returned; -1 when nowhere.
   * Buffer.indexOf stops at each byte like their first, about twice a line of JSON for the deploy pattern's start.
   */
  find(a: number, e: number): number {
    return this.finder(a, e);
  }

  /** True when bytes [a, e) of the memory load() returned hold a control character other than a newline. */
  controlAt(a: number, e: number): boolean {
    return this.controls(a, e) !== 0;
  }

  /**
   * Copies bytes [from, to) of `b` to WASM_DATA in the module's memory, and returns that memory as a Buffer (the
   * memory may grow first: `grown` counts it).
   */
  load(b: Uint8Array, from: number, to: number): Buffer {
    const need = WASM_DATA + (to - from) + SLACK;
    if (need > this.memory.buffer.byteLength) {
      this.memory.grow(Math.ceil((need - this.memory.buffer.byteLength) / PAGE));
      this.view = Buffer.from(this.memory.buffer);
      this.fields = new ByteFields(this.specs, new Int32Array(this.memory.buffer, KEYS_END, FIELD_WORDS));
      this.grown++;
    }
    this.view.set(b.subarray(from, to), WASM_DATA);
    return this.view;
  }

  /**
   * JsonBytes.scan for the object at `a` in the memory load() returned (a '{', its line ending with a '\n' there):
   * the index of that '\n' with the line's fields in `fields`, or -1 when the line needs the text scanner.
   */
  scan(a: number): number {
    return this.line(a);
  }
}
