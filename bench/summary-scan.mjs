// The summary's byte scan on one thread, without reading the file: every line of an archive held in memory, handed
// over in the reader's pieces, counted by ByteLineScanner with the WebAssembly scanner (json-scan.wat) counting plain
// lines itself, with that scanner called line by line, and with JsonBytes alone. The anchor counts the same pieces'
// lines with Buffer.indexOf. Rounds alternate; the totals of all three are compared.
// Usage: node bench/summary-scan.mjs FILE [rounds]
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { watPlugin } from '../scripts/wat.mjs';
import { median } from './lib/median.mjs';

const root = resolve(import.meta.dirname, '..');
const [file, roundsArg] = process.argv.slice(2);
const rounds = Number(roundsArg ?? 7);
const entry = `
export { ByteLineScanner } from '${root}/src/model/summary/summary-scan-bytes.ts';
export { SummaryAccumulator } from '${root}/src/model/summary/summary-accumulator.ts';
export { SummaryScanner } from '${root}/src/model/summary/summary-scan.ts';
export { KeyTable } from '${root}/src/model/summary/summary-line-fields.ts';
export { fieldCandidates } from '${root}/src/model/summary/summary-fields.ts';
export { LineChunker } from '${root}/src/sources/files/archive-reader.ts';
`;
const built = await esbuild.build({ stdin: { contents: entry, resolveDir: root, loader: 'ts' }, bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'warning', plugins: [watPlugin] });
const m = await import(`data:text/javascript;base64,${Buffer.from(built.outputFiles[0].text).toString('base64')}`);

const bytes = readFileSync(file);
const READ = 1 << 20;

/** Runs `sink` over the file's pieces as the archive reader cuts them; returns the milliseconds and the lines. */
function timed(sink) {
  const chunker = new m.LineChunker({ bytes: sink });
  const t = performance.now();
  for (let at = 0; at < bytes.length; at += READ) chunker.push(bytes.subarray(at, at + READ));
  chunker.end();
  return { ms: performance.now() - t, lines: chunker.lines };
}

const variants = {
  anchor: () => (b, a, e) => {
    let n = 0;
    for (let i = b.indexOf(10, a); i >= 0 && i < e; i = b.indexOf(10, i + 1)) n++;
    return n + (b[e - 1] === 10 ? 0 : 1);
  },
  wasm: () => scannerSink('wasm'),
  'wasm, line by line': () => scannerSink('wasm, line by line'),
  javascript: () => scannerSink('javascript'),
};
const totals = {};

function scannerSink(way) {
  const acc = new m.SummaryAccumulator();
  const keys = new m.KeyTable(m.fieldCandidates({}));
  const text = new m.SummaryScanner(acc, { fields: m.fieldCandidates({}), deployPattern: null });
  const scanner = new m.ByteLineScanner(acc, keys, (line) => text.scan(line), way !== 'javascript', way === 'wasm');
  totals[way] = acc;
  return (b, a, e) => scanner.scan(b, a, e);
}

const runs = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
let lines = 0;
for (let r = 0; r < rounds; r++) {
  for (const [name, make] of Object.entries(variants)) {
    const { ms, lines: n } = timed(make());
    runs[name].push(ms);
    lines = n;
  }
}
const key = (acc) => JSON.stringify([acc.lines, acc.untimed, acc.levels, acc.firstAt, acc.lastAt, [...acc.services].map(([n, s]) => [n, s.lines, s.errors, s.minutes.size])]);
const same = Object.values(totals).every((acc) => key(acc) === key(totals.javascript));
console.log(`file: ${file}, ${(bytes.length / 1e6).toFixed(0)} MB, ${lines.toLocaleString('en-US')} lines; ${rounds} rounds; ${cpus().length} x ${cpus()[0].model.split(' ').slice(0, 2).join(' ')}; Node ${process.version}; totals ${same ? 'the same' : 'DIFFER'}`);
console.log('');
console.log('| scan | median | runs (ms) | ns per line | / anchor |');
console.log('| --- | --- | --- | --- | --- |');
const anchor = median(runs.anchor);
for (const [name, xs] of Object.entries(runs)) {
  const med = median(xs);
  console.log(`| ${name} | ${med.toFixed(0)} ms | ${xs.map((x) => x.toFixed(0)).join(', ')} | ${((med * 1e6) / lines).toFixed(0)} | ${(med / anchor).toFixed(2)} |`);
}
if (!same) process.exitCode = 1;
