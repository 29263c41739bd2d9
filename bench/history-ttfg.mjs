// Time to the first historical frame: `watch --from T1 --to T2` over a 6 h window of a real Prometheus whose past
// was written by promtool before it started (test/helpers/history-prometheus.ts: payments' error ratio rising from
// 0.1% to 8% after a deploy, 15 s samples), against anchors measured in the same interleaved rounds:
// - `node -e 0`: Node's own start;
// - the plain-fetch anchor: a Node script sending the console's own error-rate query_range for that window (same
//   query, start, end and step, caught by a recording proxy) with the built-in fetch and printing the newest value;
// - the console: `--once --json` (exec to exit) and the full screen in a 120x40 pty (exec to the first bytes showing
//   `CRIT`, the 8% at the window's end), with the compiled-code cache warm.
// Usage: node bench/history-ttfg.mjs [rounds] [bundle]   (needs prometheus, promtool and python3; build first)
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { PTY_UNTIL_CRIT } from './lib/pty.mjs';

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const rounds = Number(process.argv[2] ?? 7);
const bin = resolve(process.argv[3] ?? join(root, 'dist/incident.mjs'));
const dir = mkdtempSync(join(tmpdir(), 'incident-bench-history-'));
const helpers = join(dir, 'helpers.mjs');
await esbuild.build({ entryPoints: [join(root, 'test/helpers/history-prometheus.ts')], bundle: true, platform: 'node', format: 'esm', outfile: helpers, logLevel: 'warning' });
const { startHistoryPrometheus } = await import(helpers);
const h = await startHistoryPrometheus('prometheus', 'promtool');
const iso = (s) => new Date(s * 1000).toISOString().replace('.000Z', 'Z');
const range = ['--from', iso(h.endS - 6 * 3600), '--to', iso(h.endS)];
const env = { ...process.env, TERM: 'xterm-256color', LANG: 'C.UTF-8', XDG_CACHE_HOME: join(dir, 'cache') };
delete env.CI;
const watch = (url) => [bin, 'watch', '--service', 'payments', '--prometheus', url, '--state-dir', join(dir, 'state'), ...range];

// The console's own error-rate request for the window, caught by a proxy.
const seen = [];
const recorder = createServer((req, res) => {
  seen.push(req.url);
  fetch(`${h.url}${req.url}`).then(async (r) => res.writeHead(r.status, { 'content-type': 'application/json' }).end(Buffer.from(await r.arrayBuffer())));
});
await new Promise((r) => recorder.listen(0, '127.0.0.1', r));
await new Promise((r) => spawn(process.execPath, [...watch(`http://127.0.0.1:${recorder.address().port}`), '--once', '--json'], { env, stdio: 'ignore' }).on('close', r));
recorder.close();
const first = seen.find((u) => u.startsWith('/api/v1/query_range') && decodeURIComponent(u).includes('status=~"5..'));
if (!first) throw new Error(`no error-rate query_range among ${seen.join(', ')}`);
const asked = new URLSearchParams(first.split('?')[1]);
const anchor = join(dir, 'anchor.mjs');
writeFileSync(anchor, `const r = await fetch(${JSON.stringify(`${h.url}${first}`)});
const j = await r.json();
console.log((Number(j.data.result[0].values.at(-1)[1]) * 100).toFixed(2) + '% CRIT');
`);

/** Milliseconds from exec to exit, and to the first byte on standard output. */
function timed(args) {
  return new Promise((done) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('close', () => done({ ms: Number(process.hrtime.bigint() - t0) / 1e6, out }));
  });
}
const screen = () => {
  const out = execFileSync('python3', ['-c', PTY_UNTIL_CRIT, process.execPath, ...watch(h.url)], { env, encoding: 'utf8' }).trim();
  return out === 'None' ? null : Number(out);
};

const m = { bare: [], anchor: [], once: [], screen: [] };
let current = null;
screen(); // writes the compiled-code cache
for (let i = 0; i < rounds; i++) {
  m.bare.push((await timed(['-e', '0'])).ms);
  m.anchor.push((await timed([anchor])).ms);
  const once = await timed([...watch(h.url), '--once', '--json']);
  m.once.push(once.ms);
  current = JSON.parse(once.out).panels.error_rate.current;
  m.screen.push(screen());
}
await h.stop();
rmSync(dir, { recursive: true, force: true });

const median = (xs) => {
  const v = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  return v.length ? v[Math.floor(v.length / 2)] : NaN;
};
const med = Object.fromEntries(Object.entries(m).map(([k, v]) => [k, median(v)]));
console.log(`machine: ${cpus().length} x ${cpus()[0].model}, Node ${process.version}, NODE_EXTRA_CA_CERTS ${process.env.NODE_EXTRA_CA_CERTS ? 'set' : 'unset'}; ${rounds} interleaved rounds, medians; bundle ${bin.replace(`${root}/`, '')}`);
console.log(`Prometheus ${execFileSync('prometheus', ['--version'], { encoding: 'utf8' }).split('\n')[0].replace(/^prometheus, version /, '')}: 6 h of 15 s samples (${(h.bytes / 1e6).toFixed(1)} MB of OpenMetrics) in blocks written by promtool; window ${range.join(' ')}; query_range step ${asked.get('step')}s; error rate at the end ${current}`);
console.log('| what | median | / plain fetch |');
console.log('| --- | --- | --- |');
const row = (label, v) => console.log(`| ${label} | ${Math.round(v)} ms | ${(v / med.anchor).toFixed(2)}x |`);
row('`node -e 0` (exit)', med.bare);
row('plain fetch of the same 6 h query_range, printed (exit)', med.anchor);
row('`incident watch --from --to --once --json` (exit)', med.once);
row('`incident watch --from --to`, full screen, first frame with the value (cached start)', med.screen);
