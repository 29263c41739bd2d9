// The log line parser of two checkouts in one process, rounds interleaved: CPU time per line (user+system), medians.
// Lines are flat strings, as every source hands them over (decoded bytes, JSON.parse results).
// Usage: node bench/log-parse-ab.mjs OLD_ROOT NEW_ROOT [json|mix]
//   json: the JSON lines of log-ingest-file.mjs (one timestamp per 8192 lines, as its writer makes them)
//   mix:  the lines of log-ingest.mjs (60% JSON, 30% logfmt, 10% plain, every timestamp different)
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import * as esbuild from 'esbuild';

const [oldRoot, newRoot, kind = 'json'] = process.argv.slice(2);
const load = async (root) => {
  const b = await esbuild.build({ entryPoints: [resolve(root, 'src/model/logs/log-parse.ts')], bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'warning' });
  return import(`data:text/javascript;base64,${Buffer.from(b.outputFiles[0].text).toString('base64')}`);
};
const variants = [['old', await load(oldRoot)], ['new', await load(newRoot)]];

const t0 = Date.parse('2026-11-22T14:00:00Z');
const pods = ['payments-1', 'payments-2', 'payments-hot-1', 'checkout-1'];
const lines = [];
for (let i = 0; i < 100_000; i++) {
  let line;
  if (kind === 'json') {
    const ts = new Date(t0 + Math.floor(i / 8192)).toISOString();
    line = `{"ts":"${ts}","level":"${i % 50 === 0 ? 'error' : 'info'}","service":"payments","pod":"payments-${i % 7}","status":${i % 50 === 0 ? 503 : 200},"latency_ms":${i % 700},"trace_id":"${((i * 2654435761) >>> 0).toString(16)}","msg":"request handled ${i}"}`;
  } else {
    const at = new Date(t0 + i).toISOString();
    const pod = pods[i % pods.length];
    if (i % 10 < 6) line = `{"ts":"${at}","level":"${i % 50 === 0 ? 'error' : 'info'}","service":"payments","pod":"${pod}","status":${i % 50 === 0 ? 503 : 200},"latency_ms":${i % 700},"trace_id":"${((i * 2654435761) >>> 0).toString(16)}","msg":"request handled"}`;
    else if (i % 10 < 9) line = `ts=${at} level=warn service=payments pod=${pod} msg="slow query" duration=${i % 900}ms`;
    else line = `${at.replace('T', ' ').replace('Z', '')} ERROR ${pod} connection reset by peer`;
  }
  // Flat, as decoded from bytes: a template literal is a rope, which no source hands over.
  lines.push(Buffer.from(line).toString());
}

const cpu = { old: [], new: [] };
const keep = new Array(20_000);
for (let r = 0; r < 12; r++) {
  for (const [name, m] of variants) {
    const parse = m.makeLineParser();
    const c0 = process.cpuUsage();
    for (let i = 0; i < lines.length; i++) keep[i % keep.length] = parse(lines[i], 'app.log', t0);
    const c = process.cpuUsage(c0);
    cpu[name].push((c.user + c.system) / lines.length);
  }
}
// The first two rounds warm up the JIT and are left out.
const median = (xs) => xs.slice(2).sort((a, b) => a - b)[Math.floor((xs.length - 2) / 2)];
console.log(`${cpus()[0]?.model ?? 'unknown'} x${cpus().length}, node ${process.version}, ${kind} lines, median of 10 rounds of ${lines.length}`);
console.log(`CPU per line: old ${median(cpu.old).toFixed(3)} us, new ${median(cpu.new).toFixed(3)} us, new / old ${(median(cpu.new) / median(cpu.old)).toFixed(2)}`);
