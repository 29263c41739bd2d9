// The interactive replay of a large archive in tmux, as a person drives it: how long from a key to the screen showing
// its effect (pause, speed, seek back and forward, next anomaly, start, end), polled with capture-pane every 5 ms.
// The anchor is the same measure for a key that only redraws (`?` help): what Ink, tmux and the polling cost.
// Usage: node bench/replay-tmux.mjs [FILE] [rounds] [cols] [rows]   (run `npm run build` first; without FILE,
// 1,000,000 generated lines)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const dir = mkdtempSync(join(tmpdir(), 'incident-bench-tmux-'));
let file = process.argv[2];
const rounds = Number(process.argv[3] ?? 5);
const cols = Number(process.argv[4] ?? 120);
const rows = Number(process.argv[5] ?? 40);
if (!file || file === '-') {
  file = join(dir, 'big.jsonl');
  execFileSync(process.execPath, [join(root, 'scripts/gen-archive.mjs'), '--lines', '1000000', '--out', file], { stdio: 'inherit' });
}
const name = `incident-bench-tmux-${process.pid}`;
const t = (...args) => execFileSync('tmux', args, { encoding: 'utf8' });
const screen = () => t('capture-pane', '-p', '-t', name);
const replayLine = () => screen().split('\n').find((l) => l.startsWith('REPLAY ')) ?? '';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function until(test, what, ms = 60_000) {
  const start = performance.now();
  for (;;) {
    const s = screen();
    if (test(s)) return performance.now() - start;
    if (performance.now() - start > ms) throw new Error(`timed out waiting for ${what}:\n${s}`);
    await sleep(5);
  }
}

/** Sends a key and measures until the screen passes `test`. */
async function key(k, test, what) {
  const before = performance.now();
  t('send-keys', '-t', name, k);
  await until(test, what);
  return performance.now() - before;
}

const clock = (s) => /REPLAY \S+ (\d\d:\d\d:\d\d)/.exec(s.split('\n').find((l) => l.startsWith('REPLAY ')) ?? '')?.[1];
const secs = (c) => (c ? c.split(':').reduce((a, b) => a * 60 + Number(b), 0) : NaN);

const times = { anchor: [], pause: [], speed: [], 'seek back 30 s': [], 'seek forward 5 min': [], 'n (next anomaly)': [], 'g (start)': [], 'G (end)': [] };
let loadMs = 0;
try {
  const started = performance.now();
  t('new-session', '-d', '-s', name, '-x', String(cols), '-y', String(rows), `env -u CI node ${join(root, 'dist/incident.mjs')} replay ${file}; sleep 60`);
  await until((s) => s.includes('REPLAY '), 'the screen', 120_000);
  loadMs = performance.now() - started;
  t('send-keys', '-t', name, ' ');
  await until((s) => s.includes('REPLAY PAUSED'), 'pause');
  for (let r = 0; r < rounds; r++) {
    times.anchor.push(await key('?', (s) => s.includes('incident - keys'), 'help'));
    await key('?', (s) => !s.includes('incident - keys'), 'help closed');
    times.pause.push(await key(' ', (s) => !s.includes('REPLAY PAUSED'), 'playing'));
    await key(' ', (s) => s.includes('REPLAY PAUSED'), 'paused');
    times.speed.push(await key('>', (s) => /REPLAY PAUSED/.test(s) || /REPLAY 10x/.test(s), 'speed'));
    await key('<', () => true, 'speed back');
    let at = secs(clock(screen()));
    times['seek forward 5 min'].push(await key('S-Right', (s) => secs(clock(s)) >= at + 290, 'seek forward'));
    at = secs(clock(screen()));
    times['seek back 30 s'].push(await key('Left', (s) => secs(clock(s)) <= at - 25, 'seek back'));
    times['g (start)'].push(await key('g', (s) => clock(s) === '14:00:00', 'start'));
    times['n (next anomaly)'].push(await key('n', (s) => secs(clock(s)) > secs('14:05:00'), 'next anomaly'));
    times['G (end)'].push(await key('G', (s) => /REPLAY END/.test(s) || secs(clock(s)) >= secs('14:59:00'), 'end'));
    await key('g', (s) => clock(s) === '14:00:00', 'start again');
  }
  t('send-keys', '-t', name, 'q');
} finally {
  try {
    t('kill-session', '-t', name);
  } catch {
    // already gone
  }
  rmSync(dir, { recursive: true, force: true });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log(`${file}; tmux ${t('-V').trim()} at ${cols}x${rows}; ${rounds} rounds; ${cpus().length} x ${cpus()[0]?.model.trim()}; Node ${process.version}`);
console.log(`first pass until the screen shows: ${(loadMs / 1000).toFixed(2)} s\n`);
console.log('| key | median key-to-screen | max | runs (ms) |');
console.log('| --- | --- | --- | --- |');
for (const [k, xs] of Object.entries(times)) console.log(`| ${k} | ${median(xs).toFixed(0)} ms | ${Math.max(...xs).toFixed(0)} ms | ${xs.map((x) => x.toFixed(0)).join(', ')} |`);
