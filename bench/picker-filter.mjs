// Picker keystroke cost with 50,000 values: one reducePicker 'type'/'erase' action (filter, rank, cap at 5,000)
// plus drawing 40 rows, against the anchor of a bare includes() loop over the same lower-cased values in the same run.
// Usage: node bench/picker-filter.mjs [rounds] [keystroke sequences per round]
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import * as esbuild from 'esbuild';

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const rounds = Number(process.argv[2] ?? 5);
const iterations = Number(process.argv[3] ?? 20);

const built = await esbuild.build({
  stdin: {
    contents: "export * from './src/model/console-state/picker.ts'; export { pickerLines } from './src/ui/format/picker-lines.ts'; export { unicodeGlyphs } from './src/ui/format/glyphs.ts';",
    resolveDir: root, loader: 'ts',
  },
  bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'warning',
});
const m = await import(`data:text/javascript;base64,${Buffer.from(built.outputFiles[0].text).toString('base64')}`);

/** 50,000 pod-like names: service, deployment hash, replica suffix. */
const values = Array.from({ length: 50_000 }, (_, i) => `svc${(i * 7919) % 400}-${(i * 104729 % 1e6).toString(36)}-${i.toString(36)}`).sort();
const base = m.reducePicker(m.createPicker('pod'), { type: 'values', values });
const lower = base.lower;
const keys = ['s', 'v', 'c', '1', '2', 'back', 'back', 'back', 'back', 'back'];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const now = () => Number(process.hrtime.bigint()) / 1e6;

function keystrokes(record) {
  let s = base;
  for (const k of keys) {
    const t = now();
    s = m.reducePicker(s, k === 'back' ? { type: 'erase' } : { type: 'type', text: k });
    m.pickerLines({ state: s, rows: 40, width: 100, glyphs: m.unicodeGlyphs });
    record.push(now() - t);
  }
}
function anchor(record) {
  let q = '';
  for (const k of keys) {
    q = k === 'back' ? q.slice(0, -1) : q + k;
    const t = now();
    let n = 0;
    for (let i = 0; i < lower.length; i += 1) if (lower[i].includes(q)) n += 1;
    record.push(now() - t);
    if (n < 0) throw new Error('unreachable');
  }
}

for (let i = 0; i < 5; i++) keystrokes([]), anchor([]);
const keyMedians = [];
const anchorMedians = [];
const all = [];
for (let r = 0; r < rounds; r++) {
  const k = [];
  const a = [];
  for (let i = 0; i < iterations; i++) {
    keystrokes(k);
    anchor(a);
  }
  keyMedians.push(median(k));
  anchorMedians.push(median(a));
  all.push(...k);
  console.log(`round ${r + 1}: keystroke median ${median(k).toFixed(2)} ms p95 ${p95(k).toFixed(2)} ms | includes() anchor median ${median(a).toFixed(2)} ms`);
}
console.log(`values: ${values.length}, cap 5,000 listed, 40 rows drawn; keys ${keys.join(' ')}`);
console.log(`machine: ${cpus().length} cpus, ${cpus()[0]?.model ?? 'unknown'}, node ${process.version}`);
console.log(`keystroke (reduce + draw): median ${median(keyMedians).toFixed(2)} ms, p95 ${p95(all).toFixed(2)} ms`);
console.log(`includes() anchor: median ${median(anchorMedians).toFixed(2)} ms; ratio ${(median(keyMedians) / median(anchorMedians)).toFixed(2)}`);
