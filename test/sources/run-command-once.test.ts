// One run of a short command: stdout on success; timeouts, output caps and cancellation end the whole process group.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { groupAlive } from '../../src/sources/process-group.js';
import { runCommandOnce, type SpawnOnce } from '../../src/sources/run-command-once.js';

describe('runCommandOnce', () => {
  it('returns stdout of a command that exits 0', async () => {
    expect(await runCommandOnce("printf 'a\\nb\\n'")).toEqual({ ok: true, stdout: 'a\nb\n' });
  });

  it('a command that outlives its time limit is stopped with its children', async () => {
    let pid: number | undefined;
    const spy: SpawnOnce = (cmd, args, o) => {
      const child = spawn(cmd, args, o);
      pid = child.pid;
      return child;
    };
    const r = await runCommandOnce('sh -c "sleep 30 & sleep 30"', { shell: false, timeoutMs: 200, spawn: spy });
    expect(r).toEqual({ ok: false, reason: 'sh: timed out after 200ms' });
    expect(await groupAlive(pid as number)).toBe(false);
  });

  it('more output than the cap fails instead of growing without bound', async () => {
    const r = await runCommandOnce('head -c 100000 /dev/zero', { maxBytes: 1000 });
    expect(r).toEqual({ ok: false, reason: 'head: printed more than 1 KiB' });
  });

  it('cancellation stops the command', async () => {
    const abort = new AbortController();
    const pending = runCommandOnce('sleep 30', { signal: abort.signal });
    setTimeout(() => abort.abort(), 50);
    expect(await pending).toEqual({ ok: false, reason: 'sleep: canceled' });
  });

  it('credentials on the command line never reach the reason', async () => {
    const r = await runCommandOnce('sh -c "echo token=s3cr3t-value >&2; exit 1"', { secrets: ['s3cr3t-value'] });
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).not.toContain('s3cr3t-value');
  });
});
