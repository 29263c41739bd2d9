// Shared by the TTFG benchmarks: the test helpers (exporter, Prometheus) bundled for plain Node, and a python pty
// runner that starts a command in a 120x40 terminal, waits until the screen shows a word, then hangs up.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

/** The exporter and TSDB helpers from test/helpers, bundled so a benchmark can use them. */
export async function loadTestHelpers(root) {
  const out = join(mkdtempSync(join(tmpdir(), 'incident-bench-')), 'helpers.mjs');
  await esbuild.build({
    stdin: { contents: "export * from './test/helpers/exporter.ts'; export * from './test/helpers/tsdb-server.ts';", resolveDir: root, loader: 'ts' },
    bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'warning',
  });
  return import(out);
}

/**
 * Python source: runs argv[1:] in a 120x40 pty until the output shows "CRIT" (the test exporter's error rate),
 * then 300 ms more, then SIGHUP; prints the ms from fork to that first byte (None when it never came).
 */
export const PTY_UNTIL_CRIT = `
import os, pty, sys, time, fcntl, termios, struct, signal, select
t0 = time.monotonic()
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 40, 120, 0, 0))
seen = b''; first = None
while time.monotonic() - t0 < 15:
    r, _, _ = select.select([fd], [], [], 0.02)
    if r:
        try: data = os.read(fd, 65536)
        except OSError: break
        seen = (seen + data)[-4096:]
        if first is None and b'CRIT' in seen:
            first = (time.monotonic() - t0) * 1000; stop = time.monotonic() + 0.3
    if first is not None and time.monotonic() > stop:
        break
os.kill(pid, signal.SIGHUP)
try:
    while os.read(fd, 65536): pass
except OSError: pass
os.waitpid(pid, 0)
print(first)
`;
