// A dropped link and job control in tmux against a real Prometheus: SIGHUP (kill -HUP and a closed pane) leaves a
// restored terminal, a session line with its TTFG and no child behind; Ctrl-Z suspends with the terminal restored
// and `fg` comes back to the alternate screen and redraws.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBinary } from '../helpers/binaries.js';
import { BIN, fixtureProfile, tempStateDir } from '../helpers/cli.js';
import { startExporter, type Exporter } from '../helpers/exporter.js';
import { startTsdb, waitFor, type TsdbServer } from '../helpers/tsdb-server.js';

const prometheus = requireBinary('prometheus', 'prometheus');
const tmux = requireBinary('tmux', 'tmux');

const t = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
const screen = (s: string) => t('capture-pane', '-p', '-t', s);
const pane = (s: string, what: string) => t('display-message', '-p', '-t', s, what).trim();
const sessions = (stateDir: string) => {
  const file = join(stateDir, 'sessions.jsonl');
  return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
};
/** Processes whose command line holds `marker` (the log command's unique argument). */
const running = (marker: string) => {
  try {
    return execFileSync('pgrep', ['-f', marker], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
};

describe.skipIf(!prometheus || !tmux)('signals in tmux', () => {
  const names: string[] = [];
  let exporter: Exporter;
  let tsdb: TsdbServer;

  /** Starts an interactive shell in a new tmux session and the console in it; returns the session and state dir. */
  const start = async (tag: string, marker: string) => {
    const s = `incident-sig-${tag}-${process.pid}`;
    names.push(s);
    const stateDir = tempStateDir();
    t('new-session', '-d', '-s', s, '-x', '100', '-y', '30', 'env -u CI PS1="$ " bash --norc --noprofile -i');
    const cmd = `env -u CI NO_COLOR=1 LANG=C.UTF-8 node ${BIN} watch --service payments --profile ${fixtureProfile('fast')} `
      + `--prometheus ${tsdb.url} --state-dir ${stateDir} --logs-cmd 'sleep ${marker}'`;
    t('send-keys', '-t', s, cmd, 'Enter');
    await waitFor(async () => /TTFG \d+ms/.test(screen(s)), 20_000, 'first graph');
    return { s, stateDir };
  };

  beforeAll(async () => {
    exporter = await startExporter();
    tsdb = await startTsdb('prometheus', prometheus!, [`127.0.0.1:${exporter.port}`]);
  }, 60_000);
  afterAll(async () => {
    for (const s of names) {
      try {
        execFileSync('tmux', ['kill-session', '-t', s], { stdio: 'ignore' });
      } catch {
        // already gone
      }
    }
    await tsdb?.stop();
    await exporter?.close();
  });

  it('kill -HUP restores the terminal, records the session with its TTFG and stops the log command', async () => {
    const marker = `${7000 + (process.pid % 1000)}.5`;
    const { s, stateDir } = await start('hup', marker);
    expect(pane(s, '#{alternate_on}')).toBe('1');
    await waitFor(async () => running(marker) !== '', 10_000, 'log command running');
    const pid = pane(s, '#{pane_pid}');
    const consolePid = execFileSync('pgrep', ['-P', pid, '-f', 'incident.mjs watch'], { encoding: 'utf8' }).trim();
    execFileSync('kill', ['-HUP', consolePid]);
    await waitFor(async () => pane(s, '#{alternate_on}') === '0', 10_000, 'alternate screen left');
    await waitFor(async () => sessions(stateDir).length > 0, 10_000, 'session line');
    expect(pane(s, '#{cursor_flag}')).toBe('1');
    expect(screen(s)).not.toMatch(/Error rate/);
    const last = sessions(stateDir).at(-1);
    expect(last).toMatchObject({ command: 'watch', ended: 'SIGHUP' });
    expect(last.ttfg_ms).toBeGreaterThan(0);
    await waitFor(async () => running(marker) === '', 10_000, 'log command stopped');
  });

  it('a closed pane (the link dropped) still records the session and leaves no child behind', async () => {
    const marker = `${8000 + (process.pid % 1000)}.5`;
    const { s, stateDir } = await start('drop', marker);
    await waitFor(async () => running(marker) !== '', 10_000, 'log command running');
    t('kill-session', '-t', s);
    await waitFor(async () => sessions(stateDir).length > 0, 10_000, 'session line');
    expect(sessions(stateDir).at(-1)).toMatchObject({ ended: 'SIGHUP' });
    await waitFor(async () => running(marker) === '', 10_000, 'log command stopped');
  });

  it('with log lines on stdin, keys come from the terminal and q leaves it out of raw mode', async () => {
    const s = `incident-sig-pipe-${process.pid}`;
    names.push(s);
    const stateDir = tempStateDir();
    t('new-session', '-d', '-s', s, '-x', '100', '-y', '30', 'env -u CI PS1="$ " bash --norc --noprofile -i');
    t('send-keys', '-t', s, `clear; echo 'level=error msg="piped line"' | env -u CI NO_COLOR=1 LANG=C.UTF-8 node ${BIN} watch `
      + `--service payments --profile ${fixtureProfile('fast')} --prometheus ${tsdb.url} --state-dir ${stateDir} --logs - ; `
      + "stty -a | grep -o -- '-\\?icanon' | sed 's/^/MODE=/'", 'Enter');
    await waitFor(async () => /TTFG \d+ms/.test(screen(s)), 20_000, 'first graph');
    t('send-keys', '-t', s, 'q');
    const after = await waitFor(async () => (/MODE=/.test(screen(s)) ? screen(s) : null), 10_000, 'stty after exit');
    expect(after).toMatch(/MODE=icanon/);
    expect(pane(s, '#{alternate_on}')).toBe('0');
  });

  it('Ctrl-Z suspends with the terminal restored and fg redraws the screen', async () => {
    const marker = `${9000 + (process.pid % 1000)}.5`;
    const { s, stateDir } = await start('tstp', marker);
    t('send-keys', '-t', s, 'C-z');
    await waitFor(async () => pane(s, '#{alternate_on}') === '0', 10_000, 'alternate screen left');
    expect(pane(s, '#{cursor_flag}')).toBe('1');
    await waitFor(async () => /Stopped/.test(screen(s)), 10_000, 'shell says Stopped');
    t('send-keys', '-t', s, 'fg', 'Enter');
    await waitFor(async () => pane(s, '#{alternate_on}') === '1', 10_000, 'alternate screen again');
    const frame = await waitFor(async () => (/Error rate/.test(screen(s)) ? screen(s) : null), 10_000, 'redraw');
    expect(frame).toMatch(/TTFG \d+ms/);
    expect(pane(s, '#{cursor_flag}')).toBe('0');
    t('send-keys', '-t', s, 'q');
    await waitFor(async () => sessions(stateDir).length > 0, 10_000, 'session line');
    expect(sessions(stateDir).at(-1)).toMatchObject({ ended: 'quit' });
    await waitFor(async () => pane(s, '#{alternate_on}') === '0', 10_000, 'alternate screen left after q');
    await waitFor(async () => running(marker) === '', 10_000, 'log command stopped');
  });
});
