// A log file rotated to a new file nobody may read: the console, running as an unprivileged user, says
// "permission denied" within a refresh and reads the new file once it becomes readable. As root (where mode 000 does
// not stop reads) the console runs as `nobody` through setpriv, from a copy of the bundle that user can read.
import { spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, copyFileSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { runInPty, screenAt } from '../helpers/pty.js';

const root = process.getuid?.() === 0;
const asNobody = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];
/** Whether `nobody` can run this Node (a Node installed under root's home cannot be). */
const nobodyCanRun = !root || spawnSync(asNobody[0], [...asNobody.slice(1), process.execPath, '-e', '0']).status === 0;

/**
 * A directory anyone may write, a copy of the bundle `nobody` can read, and a log file with `line` in it, readable
 * by everyone; and how to run `watch` on that file in a pty, as `nobody` when this runs as root.
 */
function followedLog(prefix: string, line: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o777);
  const bin = join(dir, 'incident.mjs');
  copyFileSync(BIN, bin);
  chmodSync(bin, 0o755);
  const log = join(dir, 'app.log');
  writeFileSync(log, `${JSON.stringify({ level: 'info', msg: line })}\n`);
  chmodSync(log, 0o666);
  const args = ['watch', '--service', 'payments', '--prometheus', '', '--logs', log, '--refresh', '1s', '--state-dir', join(dir, 'state')];
  const run = (quitAfterMs: number) => runInPty(args, 100, 30, 'q', quitAfterMs, 20_000, { bin, prefix: root ? asNobody : [], env: { HOME: dir } });
  return { log, run };
}

describe.skipIf(!nobodyCanRun)('a log file rotated to an unreadable file', () => {
  it('shows permission denied within a refresh, then the new lines once it is readable', async () => {
    const { log, run: start } = followedLog('incident-unreadable-', 'before rotation');
    const marks: Array<[string, number]> = [];
    const run = start(7000);
    // The pty's bytes are read at the end; the moments of each step are found by markers in time order.
    setTimeout(() => {
      renameSync(log, `${log}.1`);
      // Created unreadable in one step, as `install -m 000` or a logger with a strict umask does.
      writeFileSync(log, `${JSON.stringify({ level: 'error', msg: 'after rotation' })}\n`, { mode: 0o000 });
      marks.push(['rotated', Date.now()]);
    }, 2500).unref();
    setTimeout(() => {
      chmodSync(log, 0o644);
      marks.push(['readable', Date.now()]);
    }, 4500).unref();
    const result = await run;
    expect(marks.map((m) => m[0])).toEqual(['rotated', 'readable']);
    const [rotated, readable] = marks.map((m) => m[1]);
    // One refresh (1 s) after the rotation the reason is on screen; the old file's line is still shown.
    const during = screenAt(result, 100, 30, rotated + 1500);
    expect(during).toMatch(/app\.log: permission denied/);
    expect(during).toContain('before rotation');
    expect(during).not.toContain('after rotation');
    // One refresh after the file became readable its line arrives and the denial is gone.
    const after = screenAt(result, 100, 30, readable + 1500);
    expect(after).toContain('after rotation');
    expect(after).not.toMatch(/permission denied/);
  }, 30_000);
});

describe.skipIf(!nobodyCanRun)('a followed log file made unreadable in place', () => {
  it('says permission denied within a refresh while its lines still arrive through the open file', async () => {
    const { log, run: start } = followedLog('incident-chmod-', 'first');
    const run = start(5000);
    let changed = 0;
    setTimeout(() => {
      changed = Date.now();
      chmodSync(log, 0o200);
      appendFileSync(log, `${JSON.stringify({ level: 'error', msg: 'written after chmod' })}\n`);
    }, 2500).unref();
    const result = await run;
    const screen = screenAt(result, 100, 30, changed + 1500);
    expect(screen).toContain(`app.log DEGRADED`);
    expect(screen).toContain('written after chmod');
  }, 30_000);
});
