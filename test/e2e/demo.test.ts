// `incident demo` end to end: the built program serves the simulated incident and watches it, once or in full screen in tmux.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBinary } from '../helpers/binaries.js';
import { BIN, runCli, tempStateDir } from '../helpers/cli.js';
import { waitFor } from '../helpers/tsdb-server.js';

/** A private TMPDIR for the child, so that the demo's files can be seen to be gone afterwards. */
const privateTmp = () => mkdtempSync(join(tmpdir(), 'incident-demo-e2e-'));

describe('incident demo --once', () => {
  const stateDir = tempStateDir();

  it('prints the snapshot JSON of a real incident: payments over 1% errors and the hot pod over the SLO', async () => {
    const tmp = privateTmp();
    const res = await runCli(['demo', '--once', '--json', '--state-dir', stateDir], { TMPDIR: tmp });
    expect(res.code).toBe(0);
    expect(res.stderr).toMatch(/^incident demo: simulated data served on http:\/\/127\.0\.0\.1:\d+; nothing here comes from a real system\n$/);
    const doc = JSON.parse(res.stdout);
    expect(doc).toMatchObject({ service: 'payments', profile: 'demo' });
    expect(doc.sources.find((s: { name: string }) => s.name === 'prometheus')).toMatchObject({ state: 'up', error: null });
    expect(doc.panels.error_rate.current).toBeGreaterThan(0.01);
    const points = doc.panels.error_rate.series[0].points as Array<[number, number]>;
    expect(points[0][1]).toBeLessThan(0.01);
    const hot = doc.panels.p99.bars.find((b: { label: string }) => b.label === 'payments-hot-1');
    expect(hot.seconds).toBeGreaterThan(doc.panels.p99.slo_seconds);
    expect(doc.panels.p99.bars[0].label).toBe('payments-hot-1');
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('watches another service when asked, with no errors to speak of', async () => {
    const res = await runCli(['demo', '--once', '--json', '--service', 'search', '--state-dir', stateDir]);
    expect(res.code).toBe(0);
    const doc = JSON.parse(res.stdout);
    expect(doc.service).toBe('search');
    expect(doc.panels.error_rate.current).toBeLessThan(0.01);
    expect(doc.panels.p99.bars.map((b: { label: string }) => b.label)).not.toContain('payments-hot-1');
  });

  it('prints a plain frame without escape codes, in ASCII when asked', async () => {
    const res = await runCli(['demo', '--once', '--ascii', '--no-color', '--state-dir', stateDir]);
    expect(res.code).toBe(0);
    expect(res.stdout).not.toMatch(/\x1b/);
    expect(res.stdout).toMatch(/incident payments \| profile demo/);
    expect(res.stdout).toMatch(/payments-hot-1 .* OVER/);
    expect(res.stdout).toMatch(/^[\x20-\x7e\n]*$/);
  });

  it('refuses --json without --once with exit code 2', async () => {
    const res = await runCli(['demo', '--json', '--state-dir', stateDir]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/--json/);
  });

  it('refuses a service the demo does not have, naming the ones it has', async () => {
    const res = await runCli(['demo', '--once', '--service', 'billing', '--state-dir', stateDir]);
    expect(res.code).toBe(2);
    expect(res.stderr).toBe('incident: --service: "billing" is not in the demo\n  hint: the demo has payments, checkout, search\n');
  });
});

const tmux = requireBinary('tmux', 'tmux');

describe.skipIf(!tmux)('incident demo in full screen (tmux)', () => {
  const session = `incident-demo-e2e-${process.pid}`;
  const stateDir = tempStateDir();
  const tmp = privateTmp();
  const t = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
  const screen = () => t('capture-pane', '-p', '-t', session);

  beforeAll(() => {
    const cmd = `env -u CI NO_COLOR=1 LANG=C.UTF-8 TMPDIR=${tmp} node ${BIN} demo --state-dir ${stateDir}; echo EXITED=$?; sleep 30`;
    t('new-session', '-d', '-s', session, '-x', '120', '-y', '40', cmd);
  });
  afterAll(() => {
    try {
      t('kill-session', '-t', session);
    } catch {
      // already gone
    }
  });

  it('shows the incident: error rate over the threshold and the hot pod over the SLO', async () => {
    const frame = await waitFor(async () => (/TTFG \d+ms/.test(screen()) && /payments-hot-1/.test(screen()) ? screen() : null), 20_000, 'first graph');
    expect(frame).toMatch(/incident payments \| profile demo/);
    expect(frame).toMatch(/Error rate \d+\.\d+% CRIT/);
    expect(frame).toMatch(/payments-hot-1 .*OVER/);
    expect(readdirSync(tmp)).toHaveLength(1);
  });

  it('q quits cleanly, removes the demo files and records the session', async () => {
    t('send-keys', '-t', session, 'q');
    const after = await waitFor(async () => (/EXITED=0/.test(screen()) ? screen() : null), 10_000, 'exit');
    expect(after).not.toMatch(/Error rate/);
    expect(readdirSync(tmp)).toEqual([]);
    const sessions = JSON.parse(execFileSync(process.execPath, [BIN, 'sessions', '--json', '--state-dir', stateDir], { encoding: 'utf8' }));
    expect(sessions.records.at(-1)).toMatchObject({ command: 'demo', profile: 'demo', ended: 'quit' });
  });
});

describe.skipIf(!tmux)('incident demo terminated by a signal (tmux)', () => {
  const session = `incident-demo-term-${process.pid}`;
  const tmp = privateTmp();
  const t = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
  const pane = (format: string) => t('display-message', '-p', '-t', session, format).trim();

  beforeAll(() => {
    const cmd = `exec env -u CI NO_COLOR=1 LANG=C.UTF-8 TMPDIR=${tmp} node ${BIN} demo --state-dir ${tempStateDir()}`;
    t('new-session', '-d', '-s', session, '-x', '100', '-y', '30', cmd);
    t('set-option', '-t', session, 'remain-on-exit', 'on');
  });
  afterAll(() => {
    try {
      t('kill-session', '-t', session);
    } catch {
      // already gone
    }
  });

  it('SIGTERM ends it and removes the demo files', async () => {
    await waitFor(async () => /payments-hot-1/.test(t('capture-pane', '-p', '-t', session)), 20_000, 'first graph');
    expect(readdirSync(tmp)).toHaveLength(1);
    process.kill(Number(pane('#{pane_pid}')), 'SIGTERM');
    await waitFor(async () => pane('#{pane_dead}') === '1', 10_000, 'exit');
    expect(readdirSync(tmp)).toEqual([]);
  });
});
