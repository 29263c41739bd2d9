// The WebAssembly scanner (json-scan.wat) finds the same fields as JsonBytes in every line, or sends the line to the text
// scanner where JsonBytes does: on the odd archive's lines, on crafted edges of JSON, and with a profile's own keys.
import { describe, expect, it } from 'vitest';
import { ByteTimes } from '../../src/model/summary/summary-bytes.js';
import { fieldCandidates, ROLES } from '../../src/model/summary/summary-fields.js';
import { ByteFields, JsonBytes } from '../../src/model/summary/summary-json-bytes.js';
import { WASM_DATA, WasmJsonBytes } from '../../src/model/summary/summary-json-wasm.js';
import { KeyTable } from '../../src/model/summary/summary-line-fields.js';
import { oddArchive } from '../helpers/odd-archive.js';

/** What a scanner made of one line: the newline's index (-1: to the text scanner) and each role's field. */
function fieldsOf(nl: number, f: ByteFields, shift: number): string {
  if (nl < 0) return 'text';
  const found = ROLES.map((role, r) => (f.has(r) ? `${role}=${f.start[r] - shift}-${f.end[r] - shift}${f.quoted[r] ? 'q' : ''}:${f.spec(r).key}` : ''));
  return `${nl - shift} ${found.filter(Boolean).join(' ')}`;
}

/** Each line of `lines` (each ending with '\n') as JsonBytes and as the module read it, from its first byte on. */
function bothWays(keys: KeyTable, lines: Buffer[]): Array<[string, string, string]> {
  const js = new JsonBytes(keys);
  const wasm = WasmJsonBytes.create(keys);
  // The module runs here: a test that fell back to JsonBytes would compare it with itself.
  expect(wasm).not.toBeNull();
  const own = new ByteFields(keys.all);
  const piece = Buffer.concat(lines);
  wasm!.load(piece, 0, piece.length);
  const out: Array<[string, string, string]> = [];
  let a = 0;
  for (const line of lines) {
    own.reset();
    const mine = fieldsOf(js.scan(piece, a, own), own, a);
    const theirs = fieldsOf(wasm!.scan(WASM_DATA + a), wasm!.fields, WASM_DATA + a);
    out.push([line.toString('latin1'), mine, theirs]);
    a += line.length;
  }
  return out;
}

const b = (s: string) => Buffer.from(`${s}\n`);

describe('the WebAssembly JSON scanner', () => {
  const keys = new KeyTable(fieldCandidates({}));

  it('reads every line of the odd archive as JsonBytes does', () => {
    const lines = oddArchive(3000, 7, 300)
      .toString('latin1')
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => Buffer.from(`${l}\n`, 'latin1'));
    const results = bothWays(keys, lines);
    // Both kinds of line are there: read in place, and sent to the text scanner.
    expect(results.filter(([, mine]) => mine === 'text').length).toBeGreaterThan(50);
    expect(results.filter(([, mine]) => mine !== 'text').length).toBeGreaterThan(1000);
    for (const [line, mine, theirs] of results) expect({ line, fields: theirs }).toEqual({ line, fields: mine });
  });

  it('agrees on the edges: white space, nulls, empty keys, escapes, nesting, repeated keys and strings past 16 bytes', () => {
    const lines = [
      '{}', '{ }', '{"ts":"2026-11-22T14:00:00Z"}', ' {"level":"info"}'.trim(), '{"level":null,"severity":"warn"}',
      '{"level":nul,"msg":"x"}', '{"level":"null"}', '{"":"empty key","msg":"m"}', '{"msg":"a\\"b"}', '{"ms\\"g":"x"}',
      '{"msg\\\\":"x"}', '{"msg":"\\\\"}', '{"msg":"tab\there"}', '{"msg":{"a":1}}', '{"msg":[1]}', '{"msg":"x",}',
      '{"msg":"x" , "level" : "warn" }\t\r', '{"msg":"x"} trailing', '{"msg":"x"', '{"msg":"x"}}', '{"msg" "x"}',
      '{"msg":}', '{"msg":,"level":"info"}', '{msg:"x"}', `{"msg":"${'long '.repeat(40)}","level":"error"}`,
      `{"msg":"${'x'.repeat(15)}","pod":"${'y'.repeat(16)}","service":"${'z'.repeat(17)}"}`,
      '{"level":"info","level":"error","severity":"debug","level":"warn"}', '{"severity":"debug","level":"info","severity":"warn"}',
      `{"trace_id":"abc","traceId":"def","msg":"${'\u00e9'.repeat(9)}"}`, '{"status":503,"latency_ms":-1.5e3,"ts":1795357757}',
      `{${Array.from({ length: 2000 }, (_, i) => `"level":"l${i}"`).join(',')}}`,
      // An escape, a quote and a newline at every place in a 16-byte step.
      ...Array.from({ length: 34 }, (_, i) => `{"level":"info","msg":"${'x'.repeat(i)}\\n${'y'.repeat(33 - i)}"}`),
      ...Array.from({ length: 34 }, (_, i) => `{"level":"info","msg":"${'x'.repeat(i)}","pod":"${'y'.repeat(33 - i)}"}`),
      // A string or key the newline cuts, before a line that would end it.
      ...Array.from({ length: 34 }, (_, i) => [`{"level":"info","msg":"${'x'.repeat(i)}`, '"}']).flat(),
      ...Array.from({ length: 34 }, (_, i) => [`{"level":"info","${'k'.repeat(i)}`, '":"v"}']).flat(),
    ].map(b);
    for (const [line, mine, theirs] of bothWays(keys, lines)) expect({ line, fields: theirs }).toEqual({ line, fields: mine });
  });

  it('ends a bare value, and skips white space, at the same bytes: every byte value after a number, a literal and a key', () => {
    // json-scan.wat looks the bytes that end a bare value up in a table, and leaves its white-space loops at any byte
    // above 32 at once: each of the 256 byte values, in each place, is read as JsonBytes reads it.
    const lines: Buffer[] = [];
    for (let c = 0; c < 256; c++) {
      if (c === 10) continue;
      const x = String.fromCharCode(c);
      for (const line of [`{"status":50${x}3,"msg":"m"}`, `{"status":503${x},"msg":"m"}`, `{"latency_ms":tru${x}}`, `{"msg":"m"${x}}`,
        `{"msg"${x}:"m"}`, `{${x}"msg":"m"}`, `{"msg":${x}"m"}`, `{"msg":"m"}${x}`, `{"level":"info",${x}"status":null${x}}`]) lines.push(Buffer.from(`${line}\n`, 'latin1'));
    }
    const results = bothWays(keys, lines);
    expect(results.filter(([, mine]) => mine !== 'text').length).toBeGreaterThan(40);
    for (const [line, mine, theirs] of results) expect({ line, fields: theirs }).toEqual({ line, fields: mine });
  });

  it('takes a profile’s keys, a key that is also the trace id’s, and keys of every length up to 255', () => {
    const fields = fieldCandidates({ pod: ['id', 'host'], trace_id: ['id'], service: ['k'.repeat(255), ''], message: ['m'.repeat(16)] });
    const custom = new KeyTable(fields);
    const lines = [`{"id":"p-1","host":"h","${'k'.repeat(255)}":"svc","m${'m'.repeat(15)}":"text"}`, '{"":"blank service","host":"h2"}', '{"id":"only"}'].map(b);
    for (const [line, mine, theirs] of bothWays(custom, lines)) expect({ line, fields: theirs }).toEqual({ line, fields: mine });
    expect(bothWays(custom, lines)[0][2]).toContain(`service=`);
  });

  it('reads times as ByteTimes reads them, or leaves them to it: RFC 3339 shapes, good and bad, and random changes to them', () => {
    const shaped = ['2026-11-22T14:32:04Z', '2026-11-22T14:32:04.123456789Z', '2026-11-22 14:32:04,5', '2026-11-22T14:32:04+05:30',
      '2026-11-22T14:32:04-0800', '2026-11-22T24:00:00Z', '2026-02-31T00:00:00Z', '2026-11-22T14:32:04.Z', '0000-01-01T00:00:00Z',
      '1600-02-29T23:59:59.999z', '1900-03-01T00:00:00-23:59', '2000-02-29T12:00:00.0000000001Z', '2024-12-31T23:59:60Z',
      '2026-11-22T14:32:04.5+2', '2026-11-22T14:32:04+24:00', '2026-11-22T14:32:04+05:60', '2026-11-22T14:32:04 Z', '2026-11-22T14:32:04']
    const random = (() => {
      let seed = 11;
      return () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    })();
    const chars = '0123456789-:.,TZz+ x\u00e9';
    const bases = shaped.length;
    for (let i = 0; i < 3000; i++) {
      const base = shaped[Math.floor(random() * bases)];
      const at = Math.floor(random() * base.length);
      const c = chars[Math.floor(random() * chars.length)];
      shaped.push(random() < 0.5 ? base.slice(0, at) + c + base.slice(at + 1) : base.slice(0, at) + c + base.slice(at));
    }
    // Each line twice: the second read of a minute comes from the one remembered.
    const lines = shaped.flatMap((t) => [b(`{"ts":"${t}","level":"info"}`), b(`{"ts":"${t}"}`)]);
    const wasm = WasmJsonBytes.create(keys)!;
    const piece = Buffer.concat(lines);
    const mem = wasm.load(piece, 0, piece.length);
    let a = WASM_DATA;
    let readHere = 0;
    let none = 0;
    for (const line of lines) {
      const nl = wasm.scan(a);
      const f = wasm.fields;
      if (nl >= 0 && f.has(0)) {
        const expected = new ByteTimes().parse(mem, f.start[0], f.end[0]);
        if (f.timeRead()) {
          readHere++;
          if (Number.isNaN(f.time[0])) none++;
          expect({ line: line.toString(), at: f.time[0] }).toEqual({ line: line.toString(), at: expected });
        }
      }
      a += line.length;
    }
    // Most lines have their time read here; among them, times that are none (NaN) as well as good ones.
    expect(readHere).toBeGreaterThan(2500);
    expect(none).toBeGreaterThan(300);
    expect(readHere - none).toBeGreaterThan(400);
  });

  it('numbers the values of levels and services: the same number for the same bytes, none past 32 bytes or 64 values', () => {
    // First values that differ only past their 16th byte, or only in length, and the empty one.
    const names = ['x'.repeat(17), `${'x'.repeat(16)}y`, 'x'.repeat(16), 'x'.repeat(15), '', `${'x'.repeat(31)}y`, 'x'.repeat(32)];
    names.push(...Array.from({ length: 100 }, (_, i) => `${'s'.repeat(i % 40)}${i}`));
    const order = [...names, ...names.slice().reverse()];
    const lines = order.map((name, i) => b(`{"service":"${name}","level":"${i % 2 ? 'warn' : name}"}`));
    const wasm = WasmJsonBytes.create(keys)!;
    const piece = Buffer.concat(lines);
    const mem = wasm.load(piece, 0, piece.length);
    // For the services (role 3) and the levels (role 1): each number's value, and each value's number.
    const tables = [3, 1].map((role) => ({ role, byId: new Map<number, string>(), idOf: new Map<string, number>() }));
    let a = WASM_DATA;
    for (const line of lines) {
      expect(wasm.scan(a)).toBe(a + line.length - 1);
      const f = wasm.fields;
      for (const { role, byId, idOf } of tables) {
        const id = role === 3 ? f.serviceId() : f.levelId();
        const value = mem.toString('latin1', f.start[role], f.end[role]);
        if (value.length > 32) expect(id).toBe(-1);
        if (id < 0) continue;
        expect(byId.get(id) ?? value).toBe(value);
        byId.set(id, value);
        expect(idOf.get(value) ?? id).toBe(id);
        idOf.set(value, id);
      }
      a += line.length;
    }
    // The services' table filled up with the first 64 values of at most 32 bytes, numbered 0 to 63.
    const services = tables[0];
    expect([...services.byId.keys()].sort((x, y) => x - y)).toEqual(Array.from({ length: 64 }, (_, i) => i));
    expect(names.slice(0, 7).map((name) => services.idOf.get(name))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(services.idOf.has(names[100])).toBe(false);
    expect(tables[1].idOf.has('warn')).toBe(true);
  });

  it('is not used for a key longer than its table holds, or a key that is not ASCII', () => {
    expect(WasmJsonBytes.create(new KeyTable(fieldCandidates({ service: ['s'.repeat(256)] })))).toBeNull();
    expect(WasmJsonBytes.create(new KeyTable(fieldCandidates({ service: ['caf\u00e9'] })))).toBeNull();
  });

  it('reads pieces larger than its memory by growing it, and each piece again from the start', () => {
    const wasm = WasmJsonBytes.create(keys)!;
    const big = Buffer.from(`{"msg":"${'w'.repeat(3 << 20)}","level":"error"}\n`);
    const mem = wasm.load(big, 0, big.length);
    expect(wasm.scan(WASM_DATA)).toBe(WASM_DATA + big.length - 1);
    // The fields are read from the grown memory.
    expect(mem.toString('latin1', wasm.fields.start[1], wasm.fields.end[1])).toBe('error');
    const small = b('{"level":"warn"}');
    wasm.load(small, 0, small.length);
    expect(wasm.scan(WASM_DATA)).toBe(WASM_DATA + small.length - 1);
    expect(wasm.fields.start[1]).toBe(WASM_DATA + 10);
  });
});

describe('find', () => {
  it('finds what Buffer.indexOf finds, whole and inside the range: at its edges, across its end, among decoys', () => {
    const wasm = WasmJsonBytes.create(new KeyTable(fieldCandidates({})));
    expect(wasm).not.toBeNull();
    let state = 5;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
    for (const needle of ['ployed', 'yed v', 'de', 'deployed ver']) {
      const n = Buffer.from(needle);
      expect(wasm!.lookFor(n)).toBe(true);
      // Bytes that start or end like the needle without being it, and the needle itself, here and there.
      const alphabet = [needle, needle.slice(0, -1), needle.slice(1), needle[0], needle[needle.length - 1], 'x', '\n', '{"a":1}'];
      // The needle with one of its inner bytes changed: its first and last bytes are there, not it.
      for (let j = 1; j < needle.length - 1; j++) alphabet.push(`${needle.slice(0, j)}Z${needle.slice(j + 1)}`);
      for (let round = 0; round < 3000; round++) {
        let text = '';
        const parts = next() % 40;
        for (let k = 0; k < parts; k++) text += next() % 9 === 0 ? alphabet[0] : alphabet[1 + (next() % (alphabet.length - 1))];
        const piece = Buffer.from(text);
        const buf = wasm!.load(piece, 0, piece.length);
        // Every start and end in the piece, and the bytes past its end set to the needle (read, never found).
        const a = next() % (piece.length + 1);
        const e = a + (next() % (piece.length - a + 1));
        buf.write(needle, WASM_DATA + e);
        const want = piece.subarray(0, e).indexOf(n, a);
        expect([needle, text, a, e, wasm!.find(WASM_DATA + a, WASM_DATA + e)]).toEqual([needle, text, a, e, want < 0 ? -1 : WASM_DATA + want]);
      }
    }
    expect(wasm!.lookFor(Buffer.from('x'))).toBe(false);
    expect(wasm!.lookFor(Buffer.from('thirteen char'))).toBe(false);
  });
});
