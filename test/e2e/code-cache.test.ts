// The launcher keeps V8's compiled code for the program in the user's cache directory: written once per command by
// the first run, used (not rewritten) by the next, replaced when it is damaged, never needed for the program to run.
import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const files = (dir: string) => {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
};

describe('the compiled-code cache', () => {
  it('is written by the first run of a command, kept by the next, and replaced when damaged', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'incident-cache-'));
    const dir = join(cache, 'incident');
    const env = { XDG_CACHE_HOME: cache };
    expect((await runCli(['--version'], env)).stdout.trim()).toBe('0.1.0');
    const [file] = files(dir);
    expect(file).toMatch(new RegExp(`^code-[0-9a-f]{16}-${process.version.replace(/\./g, '\\.')}-${process.arch}-other\\.bin$`));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, file)).mode & 0o777).toBe(0o600);
    const first = readFileSync(join(dir, file));
    expect(first.length).toBeGreaterThan(10_000);

    // A second run reads it and leaves it alone.
    const before = statSync(join(dir, file)).mtimeMs;
    expect((await runCli(['--version'], env)).stdout.trim()).toBe('0.1.0');
    expect(statSync(join(dir, file)).mtimeMs).toBe(before);

    // Damaged: V8 rejects it, the program runs anyway and writes a good one.
    writeFileSync(join(dir, file), Buffer.alloc(first.length, 7));
    expect((await runCli(['--version'], env)).stdout.trim()).toBe('0.1.0');
    expect(readFileSync(join(dir, file)).equals(Buffer.alloc(first.length, 7))).toBe(false);

    // Another command has its own.
    await runCli(['sessions', '--state-dir', join(cache, 'state')], env);
    expect(files(dir)).toEqual([file, file.replace(/-other\.bin$/, '-sessions.bin')].sort());
  });

  it('is not needed: turned off, or in a directory that cannot be written, the program runs and writes nothing', async () => {
    const off = mkdtempSync(join(tmpdir(), 'incident-cache-off-'));
    expect((await runCli(['--version'], { XDG_CACHE_HOME: off, INCIDENT_CODE_CACHE: '0' })).stdout.trim()).toBe('0.1.0');
    expect(files(off)).toEqual([]);
    const blocked = join(mkdtempSync(join(tmpdir(), 'incident-cache-blocked-')), 'not-a-dir');
    writeFileSync(blocked, '');
    chmodSync(blocked, 0o400);
    const r = await runCli(['--version'], { XDG_CACHE_HOME: blocked });
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('0.1.0');
    expect(r.stderr).toBe('');
  });
});
