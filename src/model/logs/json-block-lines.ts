// The JSON lines of an ASCII block read by WebAssembly (json-scan.wat, reading strictly) instead of one at a time by
// scanJsonLine: the same LogLines, each string's end found 16 bytes a step. A line the module leaves (escapes,
// nesting, anything JSON.parse would refuse, an empty value the role would pass over) goes to the line parser.
import { sharedText } from './json-line-scan.js';
import type { LogLine } from './log-line.js';
import { lineFrom, lineParserFields, MAX_STRUCTURED_CHARS, readsInPlace, roleNames, type LineFields, type LineParser, type Picked } from './log-parse.js';
import { ROLES } from '../summary/summary-fields.js';
import { WASM_DATA, WasmJsonBytes } from '../summary/summary-json-wasm.js';
import { KeyTable, R_LATENCY, R_LEVEL, R_MESSAGE, R_POD, R_SERVICE, R_STATUS, R_TIME, R_TRACE } from '../summary/summary-line-fields.js';

/**
 * Readers on this thread by the fields their parsers were built with (null: the module cannot read such lines). Parsers
 * built with the same fields read lines the same way, and a reader is used for one block at a time: they share it,
 * and its module's memory.
 */
const readers = new Map<string, BlockLines | null>();

/** Reads blocks of lines for the line parsers built with the same fields; one per thread (see BlockLines.for). */
export class BlockLines {
  /** Lines read in the module so far (the others went to the parser). */
  inModule = 0;
  private readonly f: Picked = {
    timeName: undefined, time: undefined, level: undefined, message: undefined, service: undefined, pod: undefined,
    status: undefined, latencyName: '', latency: undefined, traceId: undefined,
  };
  private readonly values: unknown[] = new Array(ROLES.length).fill(undefined);
  /** Each role's last short text, handed out again while lines repeat it (a level, a service: no new string). */
  private readonly recent: Array<string | undefined> = [];

  private constructor(private readonly wasm: WasmJsonBytes) {}

  /** The reader for the lines `parse` reads, made once on this thread for its fields; null when the module cannot read them. */
  static for(parse: LineParser): BlockLines | null {
    const fields = lineParserFields(parse);
    if (fields === undefined || !readsInPlace(parse)) return null;
    const key = JSON.stringify(fields);
    let reader = readers.get(key);
    if (reader === undefined) readers.set(key, (reader = BlockLines.create(fields)));
    return reader;
  }

  private static create(fields: LineFields): BlockLines | null {
    const names = roleNames(fields);
    // The module's table holds one role per key: with a key named for two roles, every line goes to the parser.
    const seen = new Set<string>();
    for (const role of ROLES) {
      for (const name of new Set(names[role])) {
        if (seen.has(name)) return null;
        seen.add(name);
      }
    }
    const wasm = WasmJsonBytes.create(new KeyTable(names), { strict: true, trace: true });
    return wasm === null ? null : new BlockLines(wasm);
  }

  /**
   * The lines of `bytes` as `parse` reads them one by one, read by `source` at `readAt`. `bytes` must be ASCII whole
   * lines, each ending with a newline, without a carriage return. Null when it holds another control character
   * (JSON.parse refuses one in a string, and the module does not look): the caller then parses it line by line.
   */
  lines(bytes: Buffer, parse: LineParser, source: string, readAt: number): LogLine[] | null {
    const n = bytes.length;
    const mem = this.wasm.load(bytes, 0, n);
    if (this.wasm.controlAt(WASM_DATA, WASM_DATA + n)) return null;
    const text = bytes.toString('latin1');
    const out: LogLine[] = [];
    for (let a = 0; a < n; ) {
      const nl = text.indexOf('\n', a);
      const raw = text.slice(a, nl);
      let line: LogLine | undefined;
      if (mem[WASM_DATA + a] === 123 && nl - a <= MAX_STRUCTURED_CHARS && this.wasm.scan(WASM_DATA + a) === WASM_DATA + nl) {
        line = this.picked(text, raw, source, readAt);
        if (line !== undefined) this.inModule++;
      }
      out.push(line ?? parse(raw, source, readAt));
      a = nl + 1;
    }
    return out;
  }

  /** The line from the fields the module found, as the parser's fromSlots makes it; undefined to leave it to the parser. */
  private picked(text: string, raw: string, source: string, readAt: number): LogLine | undefined {
    const fields = this.wasm.fields;
    const values = this.values;
    for (let r = 0; r < ROLES.length; r++) {
      let v: unknown;
      if (fields.has(r)) {
        const s = fields.start[r] - WASM_DATA;
        const e = fields.end[r] - WASM_DATA;
        if (fields.quoted[r] === 1) {
          // The parser passes over an empty value to the role's next key, which the module did not keep.
          if (s === e) return undefined;
          v = sharedText(this.recent, r, text, s, e);
        } else {
          // A JSON token the module checked: true, false or a number (a wanted null left the line to the parser).
          const c = text.charCodeAt(s);
          v = c === 116 ? true : c === 102 ? false : Number(text.slice(s, e));
        }
      }
      values[r] = v;
    }
    const f = this.f;
    f.time = values[R_TIME];
    // The module read the time as parseTimeText does; taken where parseTimeString would call that and keep its answer.
    const time = f.time;
    f.timeMs = typeof time === 'string' && time.length >= 20 && time.length <= 35 && time.charCodeAt(10) === 84 && fields.timeRead() && fields.time[0] === fields.time[0]
      ? fields.time[0]
      : undefined;
    f.timeName = fields.has(R_TIME) ? fields.spec(R_TIME).key : undefined;
    f.latency = values[R_LATENCY];
    f.latencyName = fields.has(R_LATENCY) ? fields.spec(R_LATENCY).key : '';
    f.level = values[R_LEVEL];
    f.message = values[R_MESSAGE];
    f.service = values[R_SERVICE];
    f.pod = values[R_POD];
    f.status = values[R_STATUS];
    f.traceId = values[R_TRACE];
    return lineFrom(f, raw, source, readAt);
  }
}
