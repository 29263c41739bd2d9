// The log pane in a real terminal (tmux) beside real Prometheus graphs: two files and one command at once,
// rotation by rename and by copytruncate losing no line, a hostile escape sequence shown but not executed,
// and the filter key.
import { execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, copyFileSync, mkdtempSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBinary } from '../helpers/binaries.js';
import { BIN, fixtureProfile, tempStateDir } from '../helpers/cli.js';
import { startExporter, type Exporter } from '../helpers/exporter.js';
import { tmuxSession } from '../helpers/tmux.js';
import { startTsdb, waitFor, type TsdbServer } from '../helpers/tsdb-server.js';

const prometheus = requireBinary('prometheus', 'prometheus');
const tmux = requireBinary('tmux', 'tmux');

describe.skipIf(!prometheus || !tmux)('log pane in tmux', () => {
  const tmuxs = tmuxSession('incident-logs');
  const { t, screen, name: session } = tmuxs;
  const stateDir = tempStateDir();
  const dir = mkdtempSync(join(tmpdir(), 'incident-logs-'));
  const a = join(dir, 'api.log');
  const b = join(dir, 'worker.log');
  const ticker = join(dir, 'ticker.sh');
  let exporter: Exporter;
  let tsdb: TsdbServer;
  const shows = (text: string, ms = 15_000) => tmuxs.until((s) => s.includes(text), text, ms);

  beforeAll(async () => {
    writeFileSync(a, 'level=info msg="api backfill one"\nlevel=error msg="api backfill two"\n');
    writeFileSync(b, '{"level":"warn","msg":"worker backfill"}\n');
    writeFileSync(ticker, '#!/bin/sh\ni=0\nwhile true; do i=$((i+1)); echo "level=info msg=\\"cmd tick $i\\""; sleep 1; done\n');
    chmodSync(ticker, 0o755);
    exporter = await startExporter();
    tsdb = await startTsdb('prometheus', prometheus!, [`127.0.0.1:${exporter.port}`]);
    const cmd = [
      `env -u CI NO_COLOR=1 LANG=C.UTF-8 node ${BIN} watch --service payments --profile ${fixtureProfile('fast')}`,
      `--prometheus ${tsdb.url} --state-dir ${stateDir} --logs ${a} --logs ${b} --logs-cmd ${ticker}; echo EXITED=$?; sleep 30`,
    ].join(' ');
    tmuxs.start(cmd, 140, 45);
  }, 60_000);
  afterAll(async () => {
    tmuxs.kill();
    await tsdb?.stop();
    await exporter?.close();
  });

  it('shows metrics and the tail of two files and one command at once', async () => {
    await shows('api backfill two');
    await shows('worker backfill');
    await shows('cmd tick');
    const frame = await waitFor(async () => (/TTFG \d+ms/.test(screen()) ? screen() : null), 20_000, 'first graph');
    expect(frame).toMatch(/Error rate/);
    expect(frame).toMatch(/api\.log/);
    expect(frame).toMatch(/worker\.log/);
  });

  it('loses no line when a file is rotated by rename and a new file is created', async () => {
    appendFileSync(a, 'level=info msg="before mv"\n');
    await shows('before mv');
    renameSync(a, `${a}.1`);
    appendFileSync(`${a}.1`, 'level=info msg="late line in the old file"\n');
    writeFileSync(a, 'level=info msg="first line in the new file"\n');
    await shows('late line in the old file');
    await shows('first line in the new file');
  });

  it('loses no line when a file is rotated by copytruncate', async () => {
    appendFileSync(b, 'level=info msg="before copytruncate"\n');
    await shows('before copytruncate');
    copyFileSync(b, `${b}.1`);
    truncateSync(b, 0);
    appendFileSync(b, 'level=info msg="after copytruncate"\n');
    await shows('after copytruncate');
  });

  it('shows an escape sequence in a log line without executing it', async () => {
    const titleBefore = t('display-message', '-p', '-t', session, '#{pane_title}').trim();
    appendFileSync(a, 'level=error msg="hostile \u001b]0;owned\u0007\u001b[2J end of hostile"\n');
    const frame = await shows('end of hostile');
    expect(t('display-message', '-p', '-t', session, '#{pane_title}').trim()).toBe(titleBefore);
    expect(frame).toMatch(/Error rate/);
    expect(frame).toMatch(/hostile .*0;owned.*end of hostile/);
    expect(frame).not.toContain('\u001b');
  });

  it('filters the pane with / and clears the filter again', async () => {
    // Step by step as a person types; keys arriving in one read are covered by test/ui/app-keys.test.tsx.
    t('send-keys', '-t', session, '/');
    await shows('filter logs:');
    t('send-keys', '-t', session, '-l', 'copytruncate');
    await shows('filter logs: copytruncate');
    t('send-keys', '-t', session, 'Enter');
    const filtered = await waitFor(async () => {
      const s = screen();
      return s.includes('filter: copytruncate') && !s.includes('cmd tick') ? s : null;
    }, 10_000, 'filtered pane');
    expect(filtered).toContain('after copytruncate');
    t('send-keys', '-t', session, '/');
    await shows('filter logs: copytruncate');
    t('send-keys', '-t', session, 'C-u');
    t('send-keys', '-t', session, 'Enter');
    await shows('cmd tick');
  });

  it('q quits, restores the terminal and stops the log command', async () => {
    t('send-keys', '-t', session, 'q');
    const after = await waitFor(async () => (/EXITED=0/.test(screen()) ? screen() : null), 10_000, 'exit');
    expect(after).not.toMatch(/Error rate/);
    // Only the script itself: the tmux server and pgrep's own shell carry its path in their command lines too.
    const left = await waitFor(async () => {
      const pids = execFileSync('sh', ['-c', `pgrep -f '^/bin/sh ${dir}/[t]icker.sh' || true`], { encoding: 'utf8' }).trim();
      return pids === '' ? 'none' : null;
    }, 5_000, 'log command stopped');
    expect(left).toBe('none');
  });
});

describe.skipIf(!tmux)('piped stdin in tmux', () => {
  const tmuxs = tmuxSession('incident-stdin');
  const { t, name: session } = tmuxs;
  afterAll(() => tmuxs.kill());

  it('shows piped lines while keys still come from the terminal', async () => {
    // The producer keeps writing, so it ends on SIGPIPE once the console has gone and the shell can go on.
    const cmd = `(echo 'level=error msg="piped one"'; while sleep 0.3; do echo 'level=info msg=tick' || exit; done) | env -u CI NO_COLOR=1 node ${BIN} watch --service payments --prometheus '' --logs - --state-dir ${tempStateDir()}; echo EXITED=$?; sleep 30`;
    tmuxs.start(cmd, 100, 30);
    await tmuxs.until((s) => s.includes('piped one'), 'piped line');
    t('send-keys', '-t', session, 'e');
    await tmuxs.until((s) => s.includes('errors only'), 'errors-only key', 5_000);
    t('send-keys', '-t', session, 'q');
    await tmuxs.until((s) => s.includes('EXITED=0'), 'exit', 10_000);
  });
});
