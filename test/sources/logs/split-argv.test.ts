import { describe, expect, it } from 'vitest';
import { ArgvError, expandShellTemplate, splitArgv } from '../../../src/sources/logs/split-argv.js';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('splitArgv', () => {
  it.each([
    { line: 'kubectl logs -f -l app=payments --prefix', want: ['kubectl', 'logs', '-f', '-l', 'app=payments', '--prefix'] },
    { line: '  spaced\t\tout  ', want: ['spaced', 'out'] },
    { line: "grep -E 'a|b c' file", want: ['grep', '-E', 'a|b c', 'file'] },
    { line: `echo "say \\"hi\\" \\$HOME \\n"`, want: ['echo', 'say "hi" $HOME \\n'] },
    { line: "echo 'it'\\''s'", want: ['echo', "it's"] },
    { line: '--label="a b"c', want: ['--label=a bc'] },
    { line: "empty '' \"\" end", want: ['empty', '', '', 'end'] },
    { line: 'one\\ word two', want: ['one word', 'two'] },
    { line: 'joined \\\nlines', want: ['joined', 'lines'] },
    { line: 'x "line\\\ncontinued"', want: ['x', 'linecontinued'] },
    { line: "single 'keeps \\ and \"'", want: ['single', 'keeps \\ and "'] },
    { line: 'escaped \\| pipe', want: ['escaped', '|', 'pipe'] },
    { line: 'héllo wörld', want: ['héllo', 'wörld'] },
  ])('$line', ({ line, want }) => {
    expect(splitArgv(line)).toEqual(want);
  });

  it.each([
    { line: "echo 'open", code: 'INC_ARGV_QUOTE' },
    { line: 'echo "open', code: 'INC_ARGV_QUOTE' },
    { line: 'echo trailing\\', code: 'INC_ARGV_ESCAPE' },
    { line: 'tail -f a | grep x', code: 'INC_ARGV_SHELL' },
    { line: 'cmd > out', code: 'INC_ARGV_SHELL' },
    { line: 'a && b', code: 'INC_ARGV_SHELL' },
    { line: 'echo $HOME', code: 'INC_ARGV_SHELL' },
    { line: '   ', code: 'INC_ARGV_EMPTY' },
  ])('refuses $line with $code', ({ line, code }) => {
    let caught: unknown;
    try {
      splitArgv(line);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ArgvError);
    expect((caught as ArgvError).code).toBe(code);
    expect((caught as ArgvError).hint).toBeTruthy();
  });
});

describe('command templates: $service and $pod are data', () => {
  const hostile = ["pay --kubeconfig=/tmp/evil", "pay$(touch /tmp/incident-pwned)", "it's; rm -rf ~", 'a"b`id`c', 'x\\y'];

  it('expand to exactly one argv element wherever they stand, without a shell', () => {
    for (const service of hostile) {
      expect(splitArgv('kubectl logs -l app=$service --prefix', { service })).toEqual(['kubectl', 'logs', '-l', `app=${service}`, '--prefix']);
      expect(splitArgv(`kubectl logs -l 'app=$service' "pod=$pod"`, { service, pod: service })).toEqual(['kubectl', 'logs', '-l', `app=${service}`, `pod=${service}`]);
    }
  });

  it('leave other $ words refused, and a placeholder-like word that is not one alone', () => {
    expect(() => splitArgv('echo $HOME', { service: 'x' })).toThrow('"$" needs a shell');
    expect(splitArgv("echo '$services'", { service: 'x' })).toEqual(['echo', '$services']);
  });

  it('become one single-quoted word in a shell, unquoted, in double quotes and in single quotes alike', () => {
    const dir = mkdtempSync(join(tmpdir(), 'incident-argv-'));
    for (const service of hostile) {
      const vars = { service, pod: `${service}-0` };
      const line = expandShellTemplate(`printf '%s\\n' app=$service "pod=$pod" 'both=$service/$pod' | cat`, vars);
      const out = execFileSync('/bin/sh', ['-c', line], { cwd: dir, encoding: 'utf8' });
      expect(out).toBe(`app=${service}\npod=${service}-0\nboth=${service}/${service}-0\n`);
    }
    expect(existsSync('/tmp/incident-pwned')).toBe(false);
  });
});
