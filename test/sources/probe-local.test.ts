// Local doctor probes: files, globs, stdin, and programs looked up on PATH without running them.
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findProgram, probeCommand, probeLogFile } from '../../src/sources/probe-local.js';

const dir = mkdtempSync(join(tmpdir(), 'incident-probe-'));
writeFileSync(join(dir, 'a.log'), 'one\n');
writeFileSync(join(dir, 'b.log'), 'two\n');
mkdirSync(join(dir, 'sub'));
const bin = join(dir, 'bin');
mkdirSync(bin);
writeFileSync(join(bin, 'fake-kubectl'), '#!/bin/sh\nexit 0\n');
chmodSync(join(bin, 'fake-kubectl'), 0o755);
writeFileSync(join(bin, 'not-executable'), 'x');
const o = { cwd: dir, path: `/nonexistent:${bin}` };

describe('probeLogFile', () => {
  it.each<[string, string, boolean, RegExp]>([
    ['a readable file', 'a.log', true, /^readable, 4 bytes$/],
    ['a missing file', 'missing.log', false, /^no such file$/],
    ['a directory', 'sub', false, /^is a directory/],
    ['a glob with matches', '*.log', true, /^2 files match, all readable$/],
    ['a glob without matches', '*.txt', false, /^no file matches$/],
    ['standard input', '-', true, /^standard input/],
  ])('%s', async (_name, pattern, ok, detail) => {
    const r = await probeLogFile('log file', pattern, o);
    expect(r.ok).toBe(ok);
    expect(r.detail).toMatch(detail);
    expect(r.target).toBe(pattern);
  });
});

describe('probeCommand', () => {
  it.each<[string, string, boolean, boolean, string, RegExp]>([
    ['a program on PATH', 'fake-kubectl logs -f deploy/payments', false, true, 'fake-kubectl', new RegExp(`^${join(bin, 'fake-kubectl')}$`)],
    ['a program not on PATH', 'kubectl-nope logs', false, false, 'kubectl-nope', /^not found on PATH$/],
    ['a file that is not executable', 'not-executable', false, false, 'not-executable', /^not found on PATH$/],
    ['a path relative to cwd', './bin/fake-kubectl', false, true, './bin/fake-kubectl', /fake-kubectl$/],
    ['an unterminated quote', 'fake-kubectl "logs', false, false, '(command)', /unterminated|quote/i],
    ['shell syntax through the shell', 'FOO=1 fake-kubectl | grep x', true, true, 'FOO=1', /^run by \/bin\/sh/],
  ])('%s', async (_name, cmd, shell, ok, target, detail) => {
    const r = await probeCommand('log command', cmd, shell, { ...o, path: `${o.path}:/bin:/usr/bin` });
    expect(r).toMatchObject({ ok, target });
    expect(r.detail).toMatch(detail);
  });

  it('never shows a secret that is part of the command', async () => {
    const r = await probeCommand('log command', 'token-abc123/run --x', false, o, ['token-abc123']);
    expect(JSON.stringify(r)).not.toContain('token-abc123');
  });

  it('findProgram does not return directories', async () => {
    expect(await findProgram('sub', { cwd: dir, path: dir })).toBeNull();
  });
});
