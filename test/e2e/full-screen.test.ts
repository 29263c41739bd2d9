// The real full screen in tmux against a real Prometheus: first graph, kill Prometheus (last graph stays with its age
// and reason), start it again (recovers without restarting the console), q restores the terminal.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBinary } from '../helpers/binaries.js';
import { BIN, fixtureProfile, tempStateDir } from '../helpers/cli.js';
import { startExporter, type Exporter } from '../helpers/exporter.js';
import { tmuxSession } from '../helpers/tmux.js';
import { startTsdb, waitFor, type TsdbServer } from '../helpers/tsdb-server.js';

const prometheus = requireBinary('prometheus', 'prometheus');
const tmux = requireBinary('tmux', 'tmux');

describe.skipIf(!prometheus || !tmux)('full screen in tmux', () => {
  const tmuxs = tmuxSession('incident-e2e');
  const { t, screen, name: session } = tmuxs;
  const stateDir = tempStateDir();
  let exporter: Exporter;
  let tsdb: TsdbServer;

  beforeAll(async () => {
    exporter = await startExporter();
    tsdb = await startTsdb('prometheus', prometheus!, [`127.0.0.1:${exporter.port}`]);
    const cmd = `env -u CI NO_COLOR=1 LANG=C.UTF-8 node ${BIN} watch --service payments --profile ${fixtureProfile('fast')} --prometheus ${tsdb.url} --state-dir ${stateDir}; echo EXITED=$?; sleep 30`;
    tmuxs.start(cmd, 100, 30);
  }, 60_000);
  afterAll(async () => {
    tmuxs.kill();
    await tsdb?.stop();
    await exporter?.close();
  });

  it('shows the first graph with the error rate, p99 bars and the TTFG', async () => {
    const frame = await waitFor(async () => (/TTFG \d+ms/.test(screen()) ? screen() : null), 20_000, 'first graph');
    expect(frame).toMatch(/Error rate 5\.00% CRIT/);
    expect(frame).toMatch(/prometheus up/);
    expect(frame.split('\n').length).toBeGreaterThanOrEqual(30);
    // The p99 bars are their own query: they may come a refresh after the first graph, never in place of it.
    const bars = await waitFor(async () => (/p99 latency/.test(screen()) && !/waiting for data/.test(screen()) ? screen() : null), 10_000, 'p99 bars');
    // 2% of payments-hot-1's requests are past the highest bucket: its 2.50s is a floor, said whole to the row's end.
    expect(bars).toMatch(/^ {2}payments-hot-1 █+ +≥2\.50s OVER$/m);
    expect(bars).toMatch(/^ {2}payments-2 +█+▏ +500ms$/m);
  });

  it('keeps the last graph with its age and the reason when Prometheus dies', async () => {
    await tsdb.kill();
    const frame = await waitFor(async () => (/prometheus DOWN/.test(screen()) ? screen() : null), 20_000, 'DOWN state');
    expect(frame).toMatch(/connection refused/);
    expect(frame).toMatch(/showing last good \(\d+s old\)/);
    expect(frame).toMatch(/Error rate 5\.00% CRIT/);
  });

  it('recovers when Prometheus comes back, without restarting the console', async () => {
    await tsdb.restart();
    // Every source that reads Prometheus (the metrics and the ALERTS fallback) comes back, each after its own backoff.
    const frame = await waitFor(async () => (/prometheus up/.test(screen()) && !/DOWN/.test(screen()) ? screen() : null), 40_000, 'recovery');
    expect(frame).toMatch(/Error rate 5\.00% CRIT/);
  });

  it('q quits, restores the terminal and records the session', async () => {
    t('send-keys', '-t', session, 'q');
    const after = await waitFor(async () => (/EXITED=0/.test(screen()) ? screen() : null), 10_000, 'exit');
    expect(after).not.toMatch(/Error rate/);
    const sessions = JSON.parse(execFileSync(process.execPath, [BIN, 'sessions', '--json', '--state-dir', stateDir], { encoding: 'utf8' }));
    expect(sessions.records.at(-1)).toMatchObject({ command: 'watch', ended: 'quit' });
    expect(sessions.records.at(-1).ttfg_ms).toBeGreaterThan(0);
  });
});
