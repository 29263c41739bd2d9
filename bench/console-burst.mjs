// The built console, full screen in a 120x40 pty, following a file into which 1,000,000 JSON lines are appended as
// fast as possible (the writer of bench/log-ingest-file.mjs). Reports the console's RSS (from /proc, every 50 ms)
// when idle before the burst and at its peak (the run lasts 10 s; the burst starts at 2 s and is read within 4), and
// how soon it had read the whole burst (its read bytes, from /proc/PID/io) with the CPU time it took (both processor
// times, so the parse thread's too).
// Bundles are run in turn, round after round.
// Usage: node bench/console-burst.mjs [--profile FILE] ROUNDS LINES name=BUNDLE [name=BUNDLE ...]
//   A BUNDLE may be preceded by Node or V8 flags, space-separated, to run it with them: 'semi4=--max-semi-space-size=4
//   dist/incident.mjs' (a path with a space in it cannot be given).
//   --profile: the console runs with this profile (for instance one with deploys.log_pattern, which reads every line).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

const argv = process.argv.slice(2);
const profileAt = argv.indexOf('--profile');
const profile = profileAt >= 0 ? argv.splice(profileAt, 2)[1] : null;
const [rounds = '5', lines = '1000000', ...specs] = argv;
const bundles = specs.map((s) => ({ name: s.slice(0, s.indexOf('=')), path: s.slice(s.indexOf('=') + 1), runs: [] }));
const writer = new URL('./log-ingest-file.mjs', import.meta.url).pathname;

// Runs the console (argv 2..) in a pty for argv[1] seconds, printing "rss <ms> <kB>" every 50 ms.
const PTY = `
import os, pty, sys, time, fcntl, termios, struct, signal, select
duration = float(sys.argv[1])
argv = sys.argv[2:]
t0 = time.monotonic()
pid, fd = pty.fork()
if pid == 0:
    os.execvp(argv[0], argv)
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 40, 120, 0, 0))
last_rss = 0
def proc_field(name, key):
    try:
        for l in open('/proc/%d/%s' % (pid, name)):
            if l.startswith(key): return int(l.split()[1])
    except OSError: return 0
    return 0
def cpu():
    try: f = open('/proc/%d/stat' % pid).read().rsplit(')', 1)[1].split()
    except OSError: return 0
    return (int(f[11]) + int(f[12])) * 1000 // os.sysconf('SC_CLK_TCK')
while time.monotonic() - t0 < duration:
    r, _, _ = select.select([fd], [], [], 0.01)
    if r:
        try: os.read(fd, 1 << 20)
        except OSError: break
    now = time.monotonic()
    if now - last_rss >= 0.05:
        last_rss = now
        try: size = os.stat(argv[-1]).st_size
        except OSError: size = 0
        print('rss %d %d %d %d %d' % ((now - t0) * 1000, proc_field('status', 'VmRSS:'), proc_field('io', 'rchar:'), cpu(), size), flush=True)
os.kill(pid, signal.SIGHUP)
try:
    while os.read(fd, 65536): pass
except OSError: pass
os.waitpid(pid, 0)
print('end', flush=True)
`;

function runOnce(bundle) {
  const dir = mkdtempSync(join(tmpdir(), 'incident-console-burst-'));
  const file = join(dir, 'app.log');
  writeFileSync(file, '');
  const env = { ...process.env, XDG_CACHE_HOME: join(dir, 'cache'), XDG_STATE_HOME: join(dir, 'state'), XDG_CONFIG_HOME: join(dir, 'config') };
  const child = spawn('python3', ['-c', PTY, '10', process.execPath, ...bundle.split(' ').filter(Boolean),
    'watch', '--service', 'payments', '--prometheus', '', ...(profile ? ['--profile', profile] : []), '--logs', file], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve) => {
    const samples = [];
    let startedAt = null;
    let buf = '';
    let writerChild = null;
    child.stdout.on('data', (d) => {
      buf += d;
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        const [kind, ...values] = line.split(' ');
        if (kind === 'rss') {
          samples.push(values.map(Number));
          const a = values[0];
          // Two seconds after start the screen is up and idle: the burst begins.
          if (startedAt === null && Number(a) >= 2000) {
            startedAt = Number(a);
            writerChild = spawn(process.execPath, [writer, 'writer', file, lines, '0'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
          }
        }
      }
    });
    child.on('exit', () => {
      writerChild?.kill();
      const size = statSync(file).size;
      rmSync(dir, { recursive: true, force: true });
      const idle = samples.filter(([t]) => t >= 1000 && t < startedAt).map(([, v]) => v);
      const during = samples.filter(([t]) => t >= startedAt).map(([, v]) => v);
      // The writer makes every line first, then appends them: the burst starts when the file first grows, and is read
      // once the console has read as many bytes as the file holds (rchar counts every read, so this is a little early,
      // by what it reads besides).
      const first = samples.findIndex(([, , , , grown]) => grown > 0);
      const [began, , readBefore, cpuBefore] = samples[Math.max(0, first - 1)];
      // A file that never grew (the writer failed) was not read at all.
      const done = first < 0 ? undefined : samples.find(([t, , r]) => t >= began && r - readBefore >= size);
      const last = samples[samples.length - 1];
      resolve({
        readS: done ? (done[0] - began) / 1000 : Number.NaN,
        cpuS: ((done ?? last)[3] - cpuBefore) / 1000,
        idleMb: Math.max(...idle) / 1024,
        peakMb: Math.max(...during) / 1024,
        endMb: during[during.length - 1] / 1024,
      });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// A compiled-code cache is made per run (fresh cache directory); warm the page cache once.
for (const b of bundles) spawnSync(process.execPath, [b.path, '--version']);
for (let r = 0; r < Number(rounds); r++) {
  for (const b of bundles) {
    const run = await runOnce(b.path);
    b.runs.push(run);
    console.error(`round ${r + 1} ${b.name}: idle ${run.idleMb.toFixed(0)} MB, peak ${run.peakMb.toFixed(0)} MB, at the end ${run.endMb.toFixed(0)} MB, read in ${run.readS.toFixed(2)} s with ${run.cpuS.toFixed(2)} s of CPU`);
  }
}
console.log(`${cpus()[0]?.model ?? 'unknown'} x${cpus().length}, node ${process.version}, ${rounds} rounds of ${lines} lines${profile ? `, profile ${profile}` : ''}, medians`);
console.log('| bundle | RSS idle | RSS peak | peak - idle | RSS at the end (8 s after the burst began) | burst read in | lines/s | CPU while reading |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const b of bundles) {
  const m = (k) => median(b.runs.map((x) => x[k]));
  console.log(`| ${b.name} | ${m('idleMb').toFixed(0)} MB | ${m('peakMb').toFixed(0)} MB | ${median(b.runs.map((x) => x.peakMb - x.idleMb)).toFixed(0)} MB | ${m('endMb').toFixed(0)} MB | ${m('readS').toFixed(2)} s | ${Math.round(Number(lines) / m('readS') / 1000)}k | ${m('cpuS').toFixed(2)} s |`);
}
