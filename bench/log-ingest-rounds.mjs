// Runs bench/log-ingest-file.mjs burst for several variants in alternation, round after round, and prints the medians:
// lines/s, CPU per line, event-loop lag p99, peak RSS, and the readline anchor of the same runs.
// Usage: node bench/log-ingest-rounds.mjs ROUNDS LINES 'name=flags' ['name=flags' ...]
//   e.g. node bench/log-ingest-rounds.mjs 7 1000000 'before=--root /tmp/before --one-thread' 'one thread=--one-thread' 'parse thread='
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { median } from './lib/median.mjs';

const [rounds = '5', lines = '1000000', ...specs] = process.argv.slice(2);
const variants = specs.map((s) => {
  const eq = s.indexOf('=');
  return { name: s.slice(0, eq), flags: s.slice(eq + 1).split(' ').filter(Boolean), runs: [] };
});
const bench = new URL('./log-ingest-file.mjs', import.meta.url).pathname;
const num = (text, re) => Number((re.exec(text)?.[1] ?? 'NaN').replace(/,/g, ''));

for (let r = 0; r < Number(rounds); r++) {
  for (const v of variants) {
    const out = execFileSync(process.execPath, [bench, 'burst', lines, ...v.flags], { encoding: 'utf8' });
    const run = {
      rate: num(out, /ingest rate: ([\d,]+) lines\/s/),
      cpu: num(out, /reader CPU[^:]*: ([\d.]+) us/),
      p99: num(out, /lag: p50 [\d.]+ ms, p99 ([\d.]+) ms/),
      rss: num(out, /RSS peak: (\d+) MB/),
      anchor: num(out, /readline loop ([\d,]+) lines\/s/),
    };
    v.runs.push(run);
    console.error(`round ${r + 1} ${v.name}: ${run.rate} lines/s, ${run.cpu} us CPU/line, p99 ${run.p99} ms, RSS ${run.rss} MB, readline ${run.anchor} lines/s`);
  }
}

console.log(`${cpus()[0]?.model ?? 'unknown'} x${cpus().length}, node ${process.version}, ${rounds} rounds of ${lines} lines, medians`);
console.log('| variant | lines/s | CPU per line | lag p99 | RSS peak | readline anchor | lines/s / anchor |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const v of variants) {
  const m = (k) => median(v.runs.map((x) => x[k]));
  const ratio = median(v.runs.map((x) => x.rate / x.anchor));
  console.log(`| ${v.name} | ${Math.round(m('rate')).toLocaleString('en')} | ${m('cpu').toFixed(2)} us | ${m('p99').toFixed(1)} ms | ${m('rss')} MB | ${Math.round(m('anchor')).toLocaleString('en')} | ${ratio.toFixed(3)} |`);
}
