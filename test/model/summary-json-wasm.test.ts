// The WebAssembly scanner (json-scan.wat) finds the same fields as JsonBytes in every line, or sends the line to the text
// scanner where JsonBytes does: on the odd archive's lines, on crafted edges of JSON, and with a profile's own keys.
import { describe, expect, it } from 'vitest';
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

  it('takes a profile’s keys, a key that is also the trace id’s, and keys of every length up to 255', () => {
    const fields = fieldCandidates({ pod: ['id', 'host'], trace_id: ['id'], service: ['k'.repeat(255), ''], message: ['m'.repeat(16)] });
    const custom = new KeyTable(fields);
    const lines = [`{"id":"p-1","host":"h","${'k'.repeat(255)}":"svc","m${'m'.repeat(15)}":"text"}`, '{"":"blank service","host":"h2"}', '{"id":"only"}'].map(b);
    for (const [line, mine, theirs] of bothWays(custom, lines)) expect({ line, fields: theirs }).toEqual({ line, fields: mine });
    expect(bothWays(custom, lines)[0][2]).toContain(`service=`);
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
