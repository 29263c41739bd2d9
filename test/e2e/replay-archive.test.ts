// Replaying archived logs through the built CLI: one frame or the JSON at a moment, gzip and several files merged,
// bad files named, and the interactive screen in tmux (n jumps to the error burst).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { requireBinary } from '../helpers/binaries.js';
import { BIN, runCli } from '../helpers/cli.js';
import { tmuxSession } from '../helpers/tmux.js';

const T0 = Date.parse('2026-11-22T14:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'incident-replay-archive-'));

/** 30 minutes of JSON lines, two a second, with an error burst from minute 20 to 25; odd seconds in a second file. */
function archive(): { a: string; b: string } {
  const even: string[] = [];
  const odd: string[] = [];
  for (let s = 0; s < 1800; s++) {
    const burst = s >= 1200 && s < 1500;
    const error = burst ? s % 4 === 0 : s % 100 === 0;
    const text = JSON.stringify({ ts: new Date(T0 + s * 1000).toISOString(), level: error ? 'error' : 'info', service: 'payments', pod: `payments-${s % 3}`, latency_ms: burst ? 2500 : 100, msg: error ? `upstream timeout ${s}` : `ok ${s}` });
    (s % 2 ? odd : even).push(text);
    if (s === 1140) even.push(JSON.stringify({ ts: new Date(T0 + s * 1000).toISOString(), level: 'info', service: 'payments', msg: 'deployed version 1.4.2' }));
  }
  const a = join(dir, 'api.log');
  const b = join(dir, 'api.log.1.gz');
  writeFileSync(a, `${even.join('\n')}\n`);
  writeFileSync(b, gzipSync(`${odd.join('\n')}\n`));
  return { a, b };
}

describe('replay of archived logs', () => {
  const { a, b } = archive();

  it('prints the snapshot at a moment, from a plain and a gzip file merged by time', async () => {
    const r = await runCli(['replay', a, b, '--once', '--json', '--at', '21m', '--service', 'payments']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.at).toBe('2026-11-22T14:21:00Z');
    expect(doc.panels.error_rate.origin).toBe('archive');
    expect(doc.panels.error_rate.current).toBeCloseTo(0.25, 1);
    const lines = doc.panels.logs.lines;
    expect(lines.at(-1).message).toBe('upstream timeout 1260');
    expect(lines.at(-2).message).toBe('ok 1259');
    expect(new Set(lines.map((l: { source: string }) => l.source))).toEqual(new Set(['api.log', 'api.log.1']));
    expect(doc.panels.p99.bars[0].seconds).toBe(2.5);
  });

  it('without --service shows every service\'s lines: the pane is never left waiting while the counters climb', async () => {
    const r = await runCli(['replay', a, b, '--once', '--at', '21m']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^incident all services \|/);
    const pane = lines.slice(lines.findIndex((l) => l.startsWith('Logs')));
    expect(pane.join('\n')).not.toContain('waiting for log lines');
    expect(pane.filter((l) => /^\d\d:\d\d:\d\d (INFO|ERROR) /.test(l)).length).toBeGreaterThanOrEqual(4);
  });

    it('marks deploys found by the profile log pattern, up to the replay time', async () => {
    const profile = join(dir, 'deploys.yaml');
    writeFileSync(profile, "name: deploys\nextends: default\ndeploys:\n  log_pattern: 'deployed version (?<version>\\S+)'\n");
    const at = async (when: string) => JSON.parse((await runCli(['replay', a, b, '--once', '--json', '--at', when, '--profile', profile])).stdout).panels.deploys;
    expect(await at('10m')).toEqual([]);
    expect(await at('21m')).toEqual([{ at: '2026-11-22T14:19:00Z', label: 'payments 1.4.2', source: 'api.log' }]);
  });

  it('names a missing file and refuses an empty archive, exit 2', async () => {
    const missing = await runCli(['replay', join(dir, 'nope.log'), '--once']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`incident: replay: ${join(dir, 'nope.log')}: no such file\n`);
    const empty = join(dir, 'empty.log');
    writeFileSync(empty, '');
    const r = await runCli(['replay', empty, '--once']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no log lines to replay/);
  });

  const tmux = requireBinary('tmux', 'tmux');
  describe.skipIf(!tmux)('in tmux', () => {
    const s = tmuxSession('incident-replay-archive');
    afterAll(() => s.kill());
    it('plays, pauses, jumps to the error burst with n and quits', async () => {
      s.start(`env -u CI NO_COLOR=1 node ${BIN} replay ${a} ${b} --service payments; echo EXITED=$?; sleep 30`, 120, 40);
      await s.until((x) => /REPLAY 1x 14:00:\d\d/.test(x) && x.includes('ok '), 'playing');
      s.t('send-keys', '-t', s.name, ' ');
      await s.until((x) => x.includes('REPLAY PAUSED'), 'paused');
      s.t('send-keys', '-t', s.name, 'n');
      // The pane then holds the lines just before the burst.
      await s.until((x) => /REPLAY PAUSED 14:1[89]:\d\d/.test(x) && /ok 11\d\d/.test(x), 'next anomaly');
      // The replay line is the terminal's last row; the help screen lists the replay keys first.
      expect(s.screen().split('\n')[39]).toMatch(/^REPLAY PAUSED/);
      s.t('send-keys', '-t', s.name, '?');
      const help = await s.until((x) => x.includes('incident - keys'), 'help');
      expect(help).toMatch(/replay\n {2}space +pause \/ play the replay/);
      expect(help).toMatch(/ {2}n +next anomaly/);
      s.t('send-keys', '-t', s.name, '?');
      await s.until((x) => !x.includes('incident - keys'), 'help closed');
      s.t('send-keys', '-t', s.name, 'q');
      await s.until((x) => x.includes('EXITED=0'), 'exit', 10_000);
    });
  });
});
