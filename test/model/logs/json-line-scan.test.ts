import { describe, expect, it } from 'vitest';
import { CONTAINER, JsonKeyTable, clearScanned, scanJsonLine } from '../../../src/model/logs/json-line-scan.js';
import { DEFAULT_FIELDS, makeLineParser } from '../../../src/model/logs/log-parse.js';

const READ_AT = Date.parse('2026-11-22T14:40:00Z');
const inPlace = makeLineParser();
const reference = makeLineParser({}, { inPlace: false });

/** Lines where JSON.parse and a hand-written scanner most easily disagree. */
export const TRICKY: string[] = [
  '{"ts":"2026-11-22T14:32:04.123Z","level":"error","service":"payments","pod":"payments-1","status":503,"latency_ms":2500,"trace_id":"abc","msg":"upstream timeout"}',
  '  {"msg":"leading and trailing JSON space"} \t',
  '{ "level" : "warn" , "msg" : "spaces around everything" }',
  '{}',
  '{"msg":"escaped \\"quote\\" and \\\\ and \\u00e9 and \\n"}',
  '{"msg":"a lone surrogate \\ud800 is still JSON"}',
  '{"msg":"bad escape \\x41"}',
  '{"msg":"short unicode escape \\u12"}',
  '{"msg":"raw tab\tinside a string"}',
  '{"msg":"raw NUL \u0000 inside"}',
  '{"msg":"raw unit separator \u001f inside","level":"warn"}',
  '{"m\\u0073g":"escaped key"}',
  '{"msg":"dup","msg":"last wins"}',
  '{"status":"503","msg":"status as text"}',
  '{"status":503.0,"latency_ms":1e3,"msg":"numbers in other spellings"}',
  '{"status":-0,"latency":0.25,"msg":"minus zero"}',
  '{"status":01,"msg":"leading zero is not JSON"}',
  '{"status":1.,"msg":"dot without digits"}',
  '{"status":+1,"msg":"plus sign"}',
  '{"latency_ms":1e400,"msg":"overflows to Infinity"}',
  '{"latency_ms":12345678901234567890,"msg":"more digits than a double keeps"}',
  '{"level":true,"service":false,"pod":null,"msg":123}',
  '{"level":tru,"msg":"broken literal"}',
  '{"level":"info","msg":"trailing comma",}',
  '{"level":"info" "msg":"missing comma"}',
  '{"level":"info","msg":"two objects"}{"a":1}',
  '{"level":"info","msg":"unterminated}',
  '{"msg":["an","array"],"level":"warn"}',
  '{"msg":{"nested":{"deeper":[1,2,{"x":null}]}},"level":"warn"}',
  '{"ctx":{"a":[1,2,],"b":1},"level":"warn"}',
  '{"ctx":{"a":1 "b":2},"level":"warn"}',
  '{"log":{"level":"warn"},"message":"y"}',
  '{"log":"a plain log field","log.level":"error"}',
  '{"service":{"name":"checkout"},"msg":"service.name nested"}',
  '{"service.name":"checkout","msg":"service.name flat"}',
  '{"kubernetes":{"pod_name":"p-1"},"msg":"nested pod"}',
  '{"kubernetes":"not an object","msg":"prefix with text"}',
  '{"k8s":{"pod.name":"p-2"},"msg":"dotted inner name"}',
  '{"http":[503],"msg":"prefix holding an array"}',
  '{"__proto__":{"level":"error"},"msg":"proto key"}',
  '{"constructor":"x","toString":"y","msg":"prototype names as keys"}',
  '{"__REALTIME_TIMESTAMP":"1795357924123456","PRIORITY":"3","MESSAGE":"disk full","_SYSTEMD_UNIT":"payments.service"}',
  '{"ts":1795357924,"msg":"epoch seconds"}',
  '{"ts":"1795357924123456789","msg":"ns as text"}',
  '{"time":"2026-11-22T16:32:04+02:00","severity":"ERROR","message":"x"}',
  '{"ts":"","level":"","msg":"","service":"","fallbacks":"empty strings are skipped"}',
  '{"level":" Warn ","msg":"level with spaces and case"}',
  '{"level":"constructor","msg":"odd level word"}',
  `{"msg":"${'x'.repeat(100)}","pod":"${'p'.repeat(12)}","service":"${'s'.repeat(13)}"}`,
  '[1,2,3]',
  '"just a string"',
  '\u00a0{"msg":"no-break space before the brace"}',
  '{"msg":"deep",' + '"a":'.repeat(1) + '['.repeat(100) + ']'.repeat(100) + '}',
  'level=warn msg="logfmt is left alone"',
  'plain text line',
];

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
