// Memory of the full screen under a hostile answer: the console runs in a 120x40 pty against a real Prometheus
// behind the fault-injecting proxy (test/helpers/fault-proxy.ts). Phases: normal answers (steady state), every
// answer a JSON body that never ends, a 10 MB answer, then normal again (recovery). RSS of the console's process is
// read from /proc every 250 ms; the report gives each phase's median and peak against the steady median.
// Usage: node bench/hostile-memory.mjs [seconds per phase] [bundle]   (needs prometheus; build first)
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const phaseS = Number(process.argv[2] ?? 20);
const bin = resolve(process.argv[3] ?? join(root, 'dist/incident.mjs'));
const helpers = join(mkdtempSync(join(tmpdir(), 'incident-bench-')), 'helpers.mjs');
await esbuild.build({
  stdin: { contents: "export * from './test/helpers/exporter.ts'; export * from './test/helpers/tsdb-server.ts'; export * from './test/helpers/fault-proxy.ts';", resolveDir: root, loader: 'ts' },
  bundle: true, platform: 'node', format: 'esm', outfile: helpers, logLevel: 'warning',
});
const { startExporter, startTsdb, startFaultProxy } = await import(helpers);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const exporter = await startExporter();
const prom = await startTsdb('prometheus', '/usr/bin/prometheus', [`127.0.0.1:${exporter.port}`]);
const proxy = await startFaultProxy(prom.url);
const state = mkdtempSync(join(tmpdir(), 'incident-bench-state-'));
const args = ['watch', '--service', 'payments', '--prometheus', proxy.url, '--refresh', '1s', '--window', '15m', '--state-dir', state];
const quote = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
const env = { ...process.env, TERM: 'xterm-256color', LANG: 'C.UTF-8' };
delete env.CI;
const term = spawn('script', ['-qfec', `stty cols 120 rows 40; exec ${[process.execPath, bin, ...args].map(quote).join(' ')}`, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'inherit'] });
term.stdout.resume();
let pid;
for (let i = 0; i < 100 && !pid; i++) {
  await sleep(50);
  try {
    pid = Number(readFileSync(`/proc/${term.pid}/task/${term.pid}/children`, 'utf8').trim().split(' ')[0]) || undefined;
  } catch {
    // not yet
  }
}
if (!pid) throw new Error('the console did not start');
const rssMb = () => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
};
const phases = [
  ['steady', { kind: 'pass' }],
  ['never-ending body', { kind: 'endless' }],
  ['recovered', { kind: 'pass' }],
  ['10 MB body', { kind: 'big', bytes: 10 * 1024 * 1024 }],
  ['recovered again', { kind: 'pass' }],
];
await sleep(5000); // first paint and the first rounds
const results = [];
for (const [name, fault] of phases) {
  proxy.set(fault);
  const samples = [];
  const end = Date.now() + phaseS * 1000;
  while (Date.now() < end) {
    samples.push(rssMb());
    await sleep(250);
  }
  // The last half of a phase is what it settles to; the peak is over the whole phase.
  const settled = samples.slice(Math.floor(samples.length / 2)).sort((a, b) => a - b);
  results.push({ name, median: settled[Math.floor(settled.length / 2)], peak: Math.max(...samples) });
  process.stderr.write(`${name}: median ${results.at(-1).median.toFixed(0)} MB, peak ${results.at(-1).peak.toFixed(0)} MB\n`);
}
term.stdin.write('q');
await sleep(1000);
term.kill('SIGKILL');
await proxy.stop();
await prom.stop();
await exporter.close();

const steady = results[0].median;
console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'unknown'}, Node ${process.version}; ${phaseS} s per phase, RSS every 250 ms`);
console.log('| phase | median RSS (second half) | peak RSS | peak - steady median |');
console.log('| --- | --- | --- | --- |');
for (const r of results) console.log(`| ${r.name} | ${r.median.toFixed(0)} MB | ${r.peak.toFixed(0)} MB | ${(r.peak - steady >= 0 ? '+' : '')}${(r.peak - steady).toFixed(0)} MB |`);
