import { describe, expect, it } from 'vitest';
import { isKubectlLogs, kubectlResumeArgv } from '../../../src/sources/logs/kubectl-resume.js';

const at = Date.parse('2026-11-22T14:32:05.123Z');

describe('kubectl resume', () => {
  it.each([
    [['kubectl', 'logs', '-f', 'pod'], true],
    [['/usr/local/bin/kubectl', '--context', 'prod', 'logs', '-f'], true],
    [['kubectl', 'get', 'pods'], false],
    [['stern', 'logs'], false],
    [['kubectl'], false],
  ])('isKubectlLogs(%j) = %s', (argv, want) => {
    expect(isKubectlLogs(argv)).toBe(want);
  });

  it.each([
    {
      argv: ['kubectl', 'logs', '-f', '-l', 'app=payments', '--prefix'],
      want: ['kubectl', 'logs', '--since-time=2026-11-22T14:32:05.123Z', '--tail=-1', '-f', '-l', 'app=payments', '--prefix'],
    },
    {
      argv: ['kubectl', 'logs', '--since=1h', '--tail', '50', '-f', 'pod/x', '--since-time', '2026-01-01T00:00:00Z'],
      want: ['kubectl', 'logs', '--since-time=2026-11-22T14:32:05.123Z', '--tail=-1', '-f', 'pod/x'],
    },
  ])('rewrites $argv', ({ argv, want }) => {
    expect(kubectlResumeArgv(argv, at)).toEqual(want);
  });
});
