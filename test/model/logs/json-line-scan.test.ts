import { describe, expect, it } from 'vitest';
import { CONTAINER, JsonKeyTable, clearScanned, scanJsonLine } from '../../../src/model/logs/json-line-scan.js';
import { DEFAULT_FIELDS, makeLineParser } from '../../../src/model/logs/log-parse.js';
import { TRICKY } from './tricky-json-lines.js';

const READ_AT = Date.parse('2026-11-22T14:40:00Z');
const inPlace = makeLineParser();
const reference = makeLineParser({}, { inPlace: false });


/** Deterministic variations: each line with one character deleted, replaced or inserted. */
function mutations(lines: string[], perLine: number): string[] {
  const alphabet = '"{}[],: \t\\0123456789eE.+-atrufnlsx\u0001\u001f\u00e9';
  let seed = 12345;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const out: string[] = [];
  for (const line of lines) {
    for (let k = 0; k < perLine; k++) {
      const i = rand(line.length + 1);
      const c = alphabet[rand(alphabet.length)];
      const op = rand(3);
      out.push(op === 0 ? line.slice(0, i) + line.slice(i + 1) : op === 1 ? line.slice(0, i) + c + line.slice(i + 1) : line.slice(0, i) + c + line.slice(i));
    }
  }
  return out;
}

describe('JSON lines read in place', () => {
  it.each(TRICKY)('%s: the same LogLine as JSON.parse gives', (raw) => {
    expect(inPlace(raw, 'app.log', READ_AT)).toStrictEqual(reference(raw, 'app.log', READ_AT));
  });

  it('the same LogLine as JSON.parse for 20,000 one-character variations of those lines', () => {
    const lines = mutations(TRICKY, 400);
    let differ = 0;
    for (const raw of lines) {
      const a = inPlace(raw, 'app.log', READ_AT);
      const b = reference(raw, 'app.log', READ_AT);
      try {
        expect(a).toStrictEqual(b);
      } catch (err) {
        differ++;
        if (differ < 3) throw err;
      }
    }
    expect(differ).toBe(0);
    expect(lines.length).toBe(TRICKY.length * 400);
  });

  it('honours profile field names in place as JSON.parse does', () => {
    const fields = { level: ['sev'], message: ['body'], service: ['svc.name'] };
    const a = makeLineParser(fields);
    const b = makeLineParser(fields, { inPlace: false });
    for (const raw of ['{"sev":"warn","body":"hello","level":"info","svc.name":"x"}', '{"svc":{"name":"nested"},"body":"b"}', '{"svc":"flat","sev":50}']) {
      expect(a(raw, 's', READ_AT)).toStrictEqual(b(raw, 's', READ_AT));
    }
  });
});

describe('scanJsonLine', () => {
  const keys = new JsonKeyTable(Object.values(DEFAULT_FIELDS).flat());
  const values: unknown[] = keys.names.map(() => undefined);
  const scan = (raw: string) => {
    const ok = scanJsonLine(raw, keys, values);
    const got = Object.fromEntries(keys.names.map((n, i) => [n, values[i]]).filter(([, v]) => v !== undefined));
    clearScanned(values);
    return ok ? got : null;
  };

  it('reads flat lines, nested values it need not look into, and unescapes only what it keeps', () => {
    expect(scan('{"ts":"2026-11-22T14:32:04Z","status":503,"latency_ms":1.5e3,"msg":"a \\"b\\"","other":{"x":[1,{"y":"\\n"}]}}')).toEqual({
      ts: '2026-11-22T14:32:04Z', status: 503, latency_ms: 1500, msg: 'a "b"',
    });
    expect(scan('{"msg":{"x":1},"level":null,"trace":true}')).toEqual({ msg: CONTAINER, level: null, trace: true });
    expect(scan('{"kubernetes":"text under a prefix"}')).toEqual({});
  });

  it('leaves to JSON.parse what it cannot decide alone', () => {
    for (const raw of ['{"log":{"level":"warn"}}', '{"l\\u0065vel":"x"}', '{"a":1,}', '{"a":01}', '[1]', ' x', `{"a":${'['.repeat(70)}${']'.repeat(70)}}`]) {
      expect(scan(raw), raw).toBeNull();
    }
  });

  it('empties every slot it wrote, also after giving up half way', () => {
    scanJsonLine('{"level":"warn","msg":"x","status":', keys, values);
    clearScanned(values);
    expect(values.every((v) => v === undefined)).toBe(true);
  });

  it('is not used when a field name is found on every object (constructor, toString)', () => {
    expect(new JsonKeyTable(['msg', 'constructor']).usable).toBe(false);
    expect(new JsonKeyTable(['msg', 'x.toString']).usable).toBe(false);
    expect(new JsonKeyTable(['msg', 'log.level']).usable).toBe(true);
  });
});
