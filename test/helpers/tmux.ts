// A tmux session driving the real full screen: start a command at a size, send keys, read the screen, kill it.
import { execFileSync } from 'node:child_process';
import { waitFor } from './tsdb-server.js';

/** One named tmux session. */
export interface TmuxSession {
  name: string;
  /** Runs tmux with these arguments. */
  t(...args: string[]): string;
  /** The visible screen as text. */
  screen(): string;
  /** Starts `command` in a detached session of cols x rows. */
  start(command: string, cols: number, rows: number): void;
  /** Waits until the screen passes `test`; resolves with that screen. */
  until(test: (screen: string) => boolean, what: string, ms?: number): Promise<string>;
  /** Kills the session if it is still there. */
  kill(): void;
}

/** A session named after `prefix` and this process, so parallel test files never share one. */
export function tmuxSession(prefix: string): TmuxSession {
  const name = `${prefix}-${process.pid}`;
  const t = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
  const screen = () => t('capture-pane', '-p', '-t', name);
  return {
    name,
    t,
    screen,
    start: (command, cols, rows) => void t('new-session', '-d', '-s', name, '-x', String(cols), '-y', String(rows), command),
    until: (test, what, ms = 15_000) => waitFor(async () => (test(screen()) ? screen() : null), ms, what),
    kill: () => {
      try {
        t('kill-session', '-t', name);
      } catch {
        // already gone
      }
    },
  };
}
