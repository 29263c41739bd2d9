// The p99 of each minute as the summary selects it: 300 buckets of 3,333 latency samples (a million, as in the
// 1M-line archive), selected once in a fresh process (as `replay --summary` does) by select.wat and by the JavaScript
// selection it copies, and the same again warm. Each way runs in its own process; rounds alternate.
// Usage: node bench/select-p99.mjs [rounds]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { watPlugin } from '../scripts/wat.mjs';
import { median } from './lib/median.mjs';

const root = resolve(import.meta.dirname, '..');
const rounds = Number(process.argv[2] ?? 9);
const dir = mkdtempSync(join(tmpdir(), 'incident-bench-select-'));
await esbuild.build({
  entryPoints: [join(root, 'src/model/summary/summary-report.ts')], bundle: true, format: 'esm', platform: 'node',
  outfile: join(dir, 'report.mjs'), logLevel: 'warning', plugins: [watPlugin],
});
writeFileSync(join(dir, 'run.mjs'), `
import { selectKth } from './report.mjs';
const useWasm = process.argv[2] === 'wasm';
let seed = 7;
const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
const make = () => Array.from({ length: 300 }, () => Float64Array.from({ length: 3333 }, () => Math.round(rand() * 1000) / 10000));
const once = (buckets) => {
  const t = performance.now();
  let s = 0;
  for (const b of buckets) s += selectKth(b, Math.ceil(0.99 * b.length) - 1, useWasm);
  return [performance.now() - t, s];
};
const [cold, s1] = once(make());
const [warm, s2] = once(make());
console.log(JSON.stringify({ cold, warm, sum: s1 + s2 }));
`);
const runs = { wasm: { cold: [], warm: [] }, javascript: { cold: [], warm: [] } };
let sums = new Set();
for (let r = 0; r < rounds; r++) {
  for (const way of r % 2 ? ['javascript', 'wasm'] : ['wasm', 'javascript']) {
    const out = JSON.parse(execFileSync(process.execPath, [join(dir, 'run.mjs'), way], { encoding: 'utf8' }));
    runs[way].cold.push(out.cold);
    runs[way].warm.push(out.warm);
    sums.add(out.sum);
  }
}
if (sums.size !== 1) throw new Error('the two ways selected different values');
console.log(`${rounds} rounds; ${cpus().length} x ${cpus()[0].model.trim()}; Node ${process.version}; the same values selected both ways\n`);
console.log('| selection | first (cold) | second (warm) |');
console.log('| --- | --- | --- |');
for (const way of ['javascript', 'wasm']) console.log(`| ${way} | ${median(runs[way].cold).toFixed(1)} ms | ${median(runs[way].warm).toFixed(1)} ms |`);
