// A deterministic archive of JSON log lines with the odd ones a real file holds among them: CRLF endings, invalid
// UTF-8, escapes, nesting, malformed and non-JSON lines, keys in another order, lines far longer than a read.
const T0 = Date.parse('2026-11-22T14:00:00Z');

/** mulberry32: a small deterministic generator of numbers in 0..1. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Lines that each take a different way through a scanner, as bytes (some are not valid UTF-8). */
function oddLines(at: string, n: number, long: number): Buffer[] {
  const b = (s: string) => Buffer.from(s);
  return [
    b(`{"ts":"${at}","level":"error","service":"pay","msg":"timeout after ${n}ms","latency_ms":${n}}\r`),
    Buffer.concat([b(`{"ts":"${at}","level":"error","service":"p\xff`), Buffer.from([0xe2, 0x82]), b(`","msg":"bad `), Buffer.from([0xc3]), b('"}')]),
    Buffer.concat([b(`{"ts":"${at}","level":"error","msg":"cut `), Buffer.from([0xf0, 0x9f, 0x98])]),
    Buffer.concat([b(`{"ts":"${at}","lev`), Buffer.from([0xff]), b('el":"warn","service":"checkout"}'), Buffer.from([0xe2, 0x0d])]),
    b(`{"ts":"${at}","level":"error","service":"pay\\u006dents","msg":"quote \\" inside ${n}"}`),
    b(`{"ts":"${at}","level":"info","ctx":{"a":[1,2]},"service":"nested"}`),
    b(`{"ts":"${at}","level":"error","msg":"bad \\x escape"}`),
    b(`{"ts":"${at}","le\\u0076el":"error","service":"escaped-keys","m\\u0073g":"escaped key ${n}"}`),
    b(`{"ts":"${at}", "level": `),
    b(`{"ts":${at},"level":"info","service":"bare-time"}`),
    b(`{"ts":2026-11-22T14:00:00,"level":"info","service":"bare-time"}`),
    b(`{"ts":"${at.replace('Z', '+02:00')}","level":"WARN","service":"offset"}`),
    b(`{"ts":"2026-13-22T14:00:00Z","level":"info","service":"bad-month"}`),
    b(`{"ts":${Math.floor(Date.parse(at) / 1000)},"level":30,"service":"epoch"}`),
    b(`{"time":"${at}","ts":"not a time","severity":"ERROR","level":"debug","app":"ranked","service":"svc","msg":"dup"}`),
    b(`{"ts":"${at}","level":null,"status":"503","service":"status-only","latency":"1.5s"}`),
    b(`{"ts":"${at}","level":"info","service":"neg","latency_ms":-5,"status":2e2}`),
    b(`  {"ts":"${at}","level":"info","service":"indented"}`),
    b(`{"ts":"${at}","level":"info","service":"trailing",}`),
    b(`{"ts":"${at}"\t,\t"level" : "info" , "service":"spaced" } `),
    b(`{"msg":"deployed version v${n}.0 by ci","service":"pay","ts":"${at}","level":"info"}`),
    b(`ts=${at} level=error service=logfmt pod=p-${n % 3} msg="slow call ${n}" duration=0.25s`),
    b(`${at} ERROR plain connection refused ${n}`),
    b('no time here, deployed version v9 in plain text'),
    b(''),
    b('{}'),
    b('{"a":"\u00e9\u20ac\ud83d\ude00 multibyte","service":"caf\u00e9","level":"error","msg":"\u00fcber"}'),
    b(`{"ts":"${at}","level":"info","service":"long","msg":"${'x'.repeat(long)}"}`),
  ];
}

/**
 * About `lines` JSON lines like a service's log (several services, levels from status or field, latencies, errors with
 * numbers) with the odd lines above every `every` lines; `long` is the length of the long message among them.
 */
export function oddArchive(lines: number, every = 97, long = 70_000, seed = 7): Buffer {
  const rand = random(seed);
  const services = ['payments', 'checkout', 'search', 'gateway'];
  const parts: Buffer[] = [];
  for (let i = 0; i < lines; i++) {
    const at = new Date(T0 + i * 37).toISOString();
    if (i % every === every - 1) {
      const odd = oddLines(at, i, long);
      parts.push(odd[Math.floor(i / every) % odd.length], Buffer.from(rand() < 0.5 ? '\r\n' : '\n'));
      continue;
    }
    const service = services[Math.floor(rand() * services.length)];
    const isError = rand() < 0.03;
    const o: Record<string, unknown> = rand() < 0.01 ? {} : { ts: at };
    if (!(service === 'gateway' && rand() < 0.3)) o.level = isError ? 'error' : rand() < 0.1 ? 'debug' : 'info';
    Object.assign(o, {
      service, pod: `${service}-${Math.floor(rand() * 3)}`, msg: isError ? `upstream timeout after ${Math.floor(rand() * 900)}ms` : 'ok',
      status: isError ? 503 : 200, latency_ms: Math.round(rand() * 5000) / 10, trace_id: Math.floor(rand() * 1e15).toString(16),
    });
    parts.push(Buffer.from(`${JSON.stringify(o)}\n`));
  }
  return Buffer.concat(parts);
}
