// Rewrites a `kubectl logs` command so a restarted stream continues where the last one stopped.
import { basename } from 'node:path';

const DROPPED_WITH_VALUE = new Set(['--since', '--since-time', '--tail']);

/** True for argv of the form `kubectl ... logs ...`. */
export function isKubectlLogs(argv: readonly string[]): boolean {
  return argv.length > 1 && basename(argv[0]) === 'kubectl' && argv.includes('logs');
}

/**
 * `argv` with --since, --since-time and --tail removed and `--since-time=<sinceMs as RFC 3339>` plus
 * `--tail=-1` (every line since then, even with a selector) added right after `logs`.
 */
export function kubectlResumeArgv(argv: readonly string[], sinceMs: number): string[] {
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const flag = arg.split('=')[0];
    if (!DROPPED_WITH_VALUE.has(flag)) kept.push(arg);
    else if (!arg.includes('=')) i += 1;
  }
  const at = kept.indexOf('logs') + 1;
  return [...kept.slice(0, at), `--since-time=${new Date(sinceMs).toISOString()}`, '--tail=-1', ...kept.slice(at)];
}
