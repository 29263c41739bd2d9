// Bytes written to the terminal by the full-screen console in steady state, in a real pty at 120x40 with a 1 s
// refresh against a local Prometheus. The anchor, measured in the same run, is a full repaint: the bytes the
// console writes to redraw everything after a resize back to 120x40.
// Usage: node bench/bandwidth.mjs [seconds] [bundle ...]   (default: 30 s, dist/incident.mjs; run `npm run build` first)
// Several bundles (e.g. a build from before a change) are measured one after the other against the same Prometheus.
// A bundle written as `path@ink` runs with INCIDENT_RENDERER=ink: Ink's own incremental rendering instead of the writer.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const seconds = Number(process.argv[2] ?? 30);
const bundles = process.argv.length > 3 ? process.argv.slice(3) : [join(root, 'dist/incident.mjs')];
const [COLS, ROWS, WARMUP_S] = [120, 40, 6];

const helpers = join(mkdtempSync(join(tmpdir(), 'incident-bench-')), 'helpers.mjs');
await esbuild.build({
  stdin: { contents: "export * from './test/helpers/exporter.ts'; export * from './test/helpers/tsdb-server.ts';", resolveDir: root, loader: 'ts' },
  bundle: true, platform: 'node', format: 'esm', outfile: helpers, logLevel: 'warning',
});
const { startExporter, startTsdb } = await import(helpers);

// A pty of COLS x ROWS running the command; prints one "t bytes" line per read from the master side.
// After `warm` - 1 seconds it shrinks the pty by one row, after `warm` seconds it restores the size and marks it,
// after `total` seconds it sends SIGHUP. With DUMP set, the raw output goes to that file too.
const PTY = `
import os, pty, sys, time, fcntl, termios, struct, signal, select
cols, rows, warm, total = map(float, sys.argv[1:5]); cmd = sys.argv[5:]
dump = open(os.environ['DUMP'], 'wb') if os.environ.get('DUMP') else None
def size(r):
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', int(r), int(cols), 0, 0))
    os.kill(pid, signal.SIGWINCH)
pid, fd = pty.fork()
if pid == 0:
    os.execvp(cmd[0], cmd)
size(rows)
t0 = time.monotonic(); marked = False; shrunk = False
while True:
    now = time.monotonic() - t0
    if not shrunk and now >= warm - 1:
        shrunk = True; size(rows - 1)
    if not marked and now >= warm:
        marked = True; print('mark %.4f' % now, flush=True); size(rows)
    if now >= total:
        break
    r, _, _ = select.select([fd], [], [], 0.05)
    if r:
        try: data = os.read(fd, 65536)
        except OSError: break
        if not data: break
        if dump: dump.write(data)
        print('%.4f %d' % (time.monotonic() - t0, len(data)), flush=True)
os.kill(pid, signal.SIGHUP)
try:
    while os.read(fd, 65536): pass
except OSError: pass
os.waitpid(pid, 0)
`;

/** Runs one bundle in the pty and returns the timeline of reads and the time of the forced full repaint. */
function runInPty(spec, promUrl, state) {
  const [bundle, renderer] = spec.split('@');
  const env = { ...process.env, TERM: 'xterm-256color', LANG: 'C.UTF-8', ...(renderer ? { INCIDENT_RENDERER: renderer } : {}) };
  delete env.CI;
  const total = WARMUP_S + 2 + seconds;
  const args = ['-c', PTY, String(COLS), String(ROWS), String(WARMUP_S), String(total), process.execPath, bundle,
    'watch', '--service', 'payments', '--profile', join(root, 'test/fixtures/profiles/fast.yaml'), '--prometheus', promUrl, '--state-dir', state];
  return new Promise((done, fail) => {
    const child = spawn('python3', args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    child.on('error', fail);
    child.on('close', () => {
      const reads = [];
      let mark = 0;
      for (const l of text.trim().split('\n')) {
        const [a, b] = l.split(' ');
        if (a === 'mark') mark = Number(b);
        else reads.push([Number(a), Number(b)]);
      }
      done({ reads, mark, total });
    });
  });
}

const sum = (reads, from, to) => reads.filter(([t]) => t >= from && t < to).reduce((s, [, n]) => s + n, 0);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const exporter = await startExporter();
const prom = await startTsdb('prometheus', '/usr/bin/prometheus', [`127.0.0.1:${exporter.port}`]);
await new Promise((r) => setTimeout(r, 3000));
const rows = [];
for (const bundle of bundles) {
  const state = mkdtempSync(join(tmpdir(), 'incident-bench-state-'));
  const { reads, mark, total } = await runInPty(bundle, prom.url, state);
  rmSync(state, { recursive: true, force: true });
  // The full repaint: what arrives in the 300 ms after the resize back to full size.
  const repaint = sum(reads, mark, mark + 0.3);
  const from = mark + 2;
  const perSecond = [];
  for (let s = from; s + 1 <= total - 0.2; s += 1) perSecond.push(sum(reads, s, s + 1));
  const steady = sum(reads, from, from + perSecond.length) / perSecond.length;
  rows.push({ bundle, repaint, steady, median: median(perSecond), max: Math.max(...perSecond), n: perSecond.length });
}
await prom.stop();
await exporter.close();
console.log(`machine: ${cpus().length} x ${cpus()[0].model}, node ${process.version}, pty ${COLS}x${ROWS}, refresh 1s, ${seconds} s steady state after ${WARMUP_S + 2} s`);
console.log('| bundle | full repaint | steady state mean B/s | median B/s | max B/s | mean / full repaint |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const r of rows) {
  console.log(`| ${r.bundle.replace(root + '/', '')} | ${r.repaint} B | ${r.steady.toFixed(0)} | ${r.median} | ${r.max} | ${((100 * r.steady) / r.repaint).toFixed(1)}% |`);
}
