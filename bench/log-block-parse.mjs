// The console's parsing of a burst, on one thread, without reading the file: the first lines of an archive held in
// memory, cut into blocks of whole lines as the file reader hands them over (128 KB), each parsed and packed as the
// parse thread does (parseBlock, packBlock). Once with WebAssembly reading the JSON lines (json-block-lines.ts) and
// once line by line (the parser's own scanner). The anchor is JSON.parse of every line of the same blocks. Rounds
// alternate; the lines of both ways are compared field by field before anything is timed.
// Usage: node bench/log-block-parse.mjs FILE [lines] [rounds]
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { watPlugin } from '../scripts/wat.mjs';
import { median } from './lib/median.mjs';

const root = resolve(import.meta.dirname, '..');
const [file, linesArg, roundsArg] = process.argv.slice(2);
const want = Number(linesArg ?? 200_000);
const rounds = Number(roundsArg ?? 7);
const entry = `
export { makeLineParser } from '${root}/src/model/logs/log-parse.ts';
export { packBlock, parseBlock } from '${root}/src/sources/logs/parse-thread.ts';
`;
const built = await esbuild.build({ stdin: { contents: entry, resolveDir: root, loader: 'ts' }, bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'warning', plugins: [watPlugin] });
const m = await import(`data:text/javascript;base64,${Buffer.from(built.outputFiles[0].text).toString('base64')}`);

// Whole lines, up to `want` of them, in blocks of at most 128 KB.
const all = readFileSync(file);
const blocks = [];
let count = 0;
for (let at = 0; at < all.length && count < want; ) {
  let end = Math.min(all.length, at + 128 * 1024);
  if (end < all.length) end = all.lastIndexOf(10, end - 1) + 1;
  const block = Buffer.from(all.subarray(at, end));
  for (let i = block.indexOf(10); i >= 0; i = block.indexOf(10, i + 1)) count++;
  blocks.push(block);
  at = end;
}

const parse = m.makeLineParser({});
const READ_AT = Date.parse('2026-12-07T12:00:00Z');
const way = (wasm) => () => {
  let n = 0;
  for (const b of blocks) n += m.packBlock(b, m.parseBlock(b, parse, 'app.log', READ_AT, wasm), false).count;
  return n;
};
const variants = {
  'anchor: JSON.parse of each line': () => {
    let n = 0;
    for (const b of blocks) {
      const text = b.toString('latin1');
      for (let a = 0; a < text.length; ) {
        const nl = text.indexOf('\n', a);
        JSON.parse(text.slice(a, nl));
        n++;
        a = nl + 1;
      }
    }
    return n;
  },
  'WebAssembly (json-block-lines.ts)': way(true),
  'line by line (json-line-scan.ts)': way(false),
};

// Both ways give the same lines, every field of them.
for (const b of blocks) {
  const a = m.parseBlock(b, parse, 'app.log', READ_AT, true);
  const c = m.parseBlock(b, parse, 'app.log', READ_AT, false);
  for (let i = 0; i < a.length; i++) {
    if (JSON.stringify(Object.entries(a[i])) !== JSON.stringify(Object.entries(c[i]))) throw new Error(`line ${i} of a block differs:\n${JSON.stringify(a[i])}\n${JSON.stringify(c[i])}`);
  }
}

const runs = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
for (let r = 0; r < rounds; r++) {
  for (const [name, run] of Object.entries(variants)) {
    const t = performance.now();
    const n = run();
    runs[name].push(performance.now() - t);
    if (n !== count) throw new Error(`${name} read ${n} lines, not ${count}`);
  }
}
console.log(`${count.toLocaleString('en-US')} lines of ${file} in ${blocks.length} blocks; ${rounds} rounds; ${cpus().length} x ${cpus()[0].model.trim()}; Node ${process.version}`);
console.log('| parse and pack | median | ns per line | runs (ms) |');
console.log('| --- | --- | --- | --- |');
for (const [name, ms] of Object.entries(runs)) {
  console.log(`| ${name} | ${median(ms).toFixed(0)} ms | ${((median(ms) * 1e6) / count).toFixed(0)} | ${ms.map((x) => x.toFixed(0)).join(', ')} |`);
}
