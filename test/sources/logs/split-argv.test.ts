import { describe, expect, it } from 'vitest';
import { ArgvError, splitArgv } from '../../../src/sources/logs/split-argv.js';

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
