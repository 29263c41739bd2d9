import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CommandLogsSource, type CommandLogsOptions } from '../../../src/sources/logs/command-logs.js';
import { Collected, plainParse, waitFor } from '../collect-events.js';

const running: CommandLogsSource[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const fast = { initialMs: 20, maxMs: 1000, factor: 2 };

function run(opts: Omit<CommandLogsOptions, 'parse'>): { src: CommandLogsSource; c: Collected } {
  const c = new Collected();
  const src = new CommandLogsSource({ parse: plainParse, backoff: fast, killGraceMs: 300, batchMs: 5, ...opts });
  running.push(src);
  src.start(c.emit);
  return { src, c };
}

/** A process exists and is not a zombie (this container's init does not reap orphans). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

const reasons = (c: Collected) => c.statuses().map((s) => `${s.state}: ${s.error ?? ''}`);

describe('CommandLogsSource', () => {
  it('reads stdout lines of a command run without a shell, batched, under a short name', async () => {
    const { src, c } = run({ command: `node -e "for (let i = 1; i <= 1000; i++) console.log('line ' + i); setTimeout(() => {}, 60000)"` });
    expect(src.name).toBe('node');
    await waitFor(() => c.lines().length === 1000, '1000 lines');
    expect(c.lines()[999]).toBe('line 1000');
    expect(c.batches().length).toBeLessThan(100);
    expect(c.statuses()[0]).toMatchObject({ state: 'connecting', kind: 'command', source: 'node' });
    expect(c.lastStatus()?.state).toBe('up');
  });

  it('shows stderr as the degraded reason and as lines with their level', async () => {
    const { c } = run({ command: `sh -c 'echo "error: you must be logged in" >&2; sleep 60'` });
    await waitFor(() => c.lastStatus()?.state === 'degraded', 'degraded');
    expect(c.lastStatus()?.error).toBe('stderr: error: you must be logged in');
    await waitFor(() => c.lines().length === 1, 'the stderr line');
    expect(c.batches()[0].lines[0]).toMatchObject({ level: 'error', raw: 'error: you must be logged in' });
  });

  it('restarts an exiting command with growing delays and says so', async () => {
    const { c } = run({ command: `sh -c 'echo run; exit 3'` });
    await waitFor(() => c.lines().length >= 3, 'three runs');
    const downs = reasons(c).filter((r) => r.startsWith('down'));
    expect(downs[0]).toBe('down: exited with code 3, restarting in 20ms');
    expect(downs[1]).toBe('down: exited with code 3, restarting in 40ms');
    expect(c.lines().slice(0, 3)).toEqual(['run', 'run', 'run']);
  });

  it('reports a missing program as down and keeps retrying', async () => {
    const { c } = run({ command: 'incident-no-such-program --follow' });
    await waitFor(() => reasons(c).filter((r) => r.startsWith('down')).length >= 2, 'two attempts');
    expect(reasons(c)).toContain('down: incident-no-such-program: command not found, restarting in 20ms');
  });

  it.each([
    { name: 'that leaves on SIGTERM', script: 'sleep 300 & echo $!; wait' },
    { name: 'that ignores SIGTERM', script: 'trap "" TERM; sleep 300 & echo $!; wait' },
  ])('stop() ends the whole process group $name', async ({ script }) => {
    const { src, c } = run({ command: script, shell: true });
    await waitFor(() => c.lines().length === 1, 'the background pid');
    const leader = src.pid as number;
    const background = Number(c.lines()[0]);
    expect(isRunning(leader)).toBe(true);
    expect(isRunning(background)).toBe(true);
    await src.stop();
    expect(isRunning(leader)).toBe(false);
    expect(isRunning(background)).toBe(false);
  });

  it('ends what an exited command left running in its group before restarting it', async () => {
    const { c } = run({ command: 'sleep 300 & echo $!; exit 0', shell: true });
    await waitFor(() => c.lines().length >= 1 && reasons(c).some((r) => r.startsWith('down')), 'the first exit');
    const orphan = Number(c.lines()[0]);
    await waitFor(() => !isRunning(orphan), 'the background process to end');
    expect(isRunning(orphan)).toBe(false);
  });

  it('restarts a silent kubectl stream from the last line it read, skipping repeated lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'incident-cmd-'));
    dirs.push(dir);
    const kubectl = join(dir, 'kubectl');
    writeFileSync(
      kubectl,
      [
        '#!/bin/sh',
        `echo "$@" >> ${dir}/args`,
        `if [ ! -f ${dir}/ran ]; then touch ${dir}/ran; echo line-1; echo line-2; exec sleep 300; fi`,
        'echo line-2; echo line-3; exec sleep 300',
      ].join('\n'),
    );
    chmodSync(kubectl, 0o755);
    const { c } = run({ command: `${kubectl} logs -f -l app=payments --tail=20`, silenceMs: 150 });
    expect(c.batches().length).toBe(0);
    await waitFor(() => c.lines().includes('line-3'), 'the resumed stream');
    expect(c.lines()).toEqual(['line-1', 'line-2', 'line-3']);
    expect(reasons(c)).toContain('degraded: no output for 150ms; the stream may be stale, restarting it');
    const args = readFileSync(join(dir, 'args'), 'utf8').trim().split('\n');
    expect(args[0]).toBe('logs -f -l app=payments --tail=20');
    expect(args[1]).toMatch(/^logs --since-time=\d{4}-\d\d-\d\dT[\d:.]+Z --tail=-1 -f -l app=payments$/);
  });
});
