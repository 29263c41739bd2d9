// Any terminal, against a real Prometheus: --ascii output is ASCII only, NO_COLOR / --no-color / TERM=dumb give no
// colour escapes (watch --once and the full screen in tmux), a 60x20 pane shows the error rate, and a resize storm
// of 50 resizes in a second leaves a clean frame.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBinary } from '../helpers/binaries.js';
import { BIN, fixtureProfile, runCli, tempStateDir } from '../helpers/cli.js';
import { startExporter, type Exporter } from '../helpers/exporter.js';
import { startTsdb, waitFor, type TsdbServer } from '../helpers/tsdb-server.js';

const prometheus = requireBinary('prometheus', 'prometheus');
const tmux = requireBinary('tmux', 'tmux');
const COLOUR = /\x1b\[[0-9;]*m/;

const t = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
/** The pane's text, and with `escapes` its colour attributes as SGR sequences. */
const capture = (s: string, escapes = false) => t('capture-pane', '-p', ...(escapes ? ['-e'] : []), '-t', s);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!prometheus)('any terminal', () => {
  const stateDir = tempStateDir();
  const names: string[] = [];
  let exporter: Exporter;
  let tsdb: TsdbServer;
  const once = (extra: string[], env: Record<string, string | undefined> = {}) => runCli(['watch', '--service', 'payments',
    '--profile', fixtureProfile('fast'), '--prometheus', tsdb.url, '--once', '--state-dir', stateDir, ...extra], { LANG: 'C.UTF-8', ...env });

  /** Starts the full screen in a tmux pane of the given size with extra environment and flags. */
  const screen = async (tag: string, cols: number, rows: number, env: string, flags = '') => {
    const s = `incident-term-${tag}-${process.pid}`;
    names.push(s);
    const cmd = `env -u CI LANG=C.UTF-8 ${env} node ${BIN} watch --service payments --profile ${fixtureProfile('fast')} `
      + `--prometheus ${tsdb.url} --state-dir ${stateDir} ${flags}; sleep 30`;
    t('new-session', '-d', '-s', s, '-x', String(cols), '-y', String(rows), cmd);
    await waitFor(async () => /Error rate \d/.test(capture(s)), 20_000, `first graph in ${tag}`);
    return s;
  };

  beforeAll(async () => {
    exporter = await startExporter();
    tsdb = await startTsdb('prometheus', prometheus!, [`127.0.0.1:${exporter.port}`]);
    await waitFor(async () => /CRIT/.test((await once([])).stdout), 20_000, 'data in Prometheus');
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

  it('watch --once has no escapes with NO_COLOR, --no-color or TERM=dumb, even with FORCE_COLOR', async () => {
    for (const [flags, env] of [[[], { NO_COLOR: '1' }], [['--no-color'], {}], [[], { TERM: 'dumb' }]] as const) {
      const res = await once([...flags], { FORCE_COLOR: '1', ...env });
      expect(res.code).toBe(0);
      expect(res.stdout).toMatch(/Error rate 5\.00% CRIT/);
      expect(res.stdout).not.toMatch(/\x1b/);
    }
  });

  it('watch --once --ascii writes only ASCII bytes, and so does a non-UTF-8 locale', async () => {
    for (const [flags, env] of [[['--ascii'], { FORCE_COLOR: '1' }], [[], { LANG: 'C', LC_ALL: 'C' }]] as const) {
      const res = await once([...flags], { ...env });
      expect(res.code).toBe(0);
      expect(res.stdout).toMatch(/Error rate 5\.00% CRIT/);
      expect([...Buffer.from(res.stdout.replace(/\x1b\[[0-9;]*m/g, ''))].every((b) => b >= 0x20 && b < 0x7f || b === 0x0a)).toBe(true);
      expect([...Buffer.from(res.stdout)].every((b) => b < 0x80)).toBe(true);
    }
  });

  describe.skipIf(!tmux)('full screen in tmux', () => {
    it('shows the error rate in a 60x20 pane, ASCII only with --ascii', async () => {
      const s = await screen('ascii', 60, 20, 'NO_COLOR=1', '--ascii');
      const text = capture(s);
      expect(text).toMatch(/Error rate 5\.00% CRIT/);
      expect(text).toMatch(/^[\x20-\x7e\n]*$/);
      for (const l of text.split('\n')) expect(l.length).toBeLessThanOrEqual(60);
    });

    it('draws colour by default and none with NO_COLOR, --no-color or TERM=dumb', async () => {
      const coloured = await screen('colour', 80, 24, '');
      await waitFor(async () => COLOUR.test(capture(coloured, true)), 10_000, 'colour in the default screen');
      for (const [tag, env, flags] of [['nocolor', 'NO_COLOR=1', ''], ['flag', '', '--no-color'], ['dumb', 'TERM=dumb', '']]) {
        const s = await screen(tag, 80, 24, env, flags);
        await sleep(1500);
        const text = capture(s, true);
        expect(text).toMatch(/Error rate 5\.00% CRIT/);
        expect(text).not.toMatch(COLOUR);
      }
    });

    it('leaves a clean frame after a storm of 50 resizes in a second', async () => {
      const s = await screen('storm', 120, 40, 'NO_COLOR=1');
      const sizes: Array<[number, number]> = [[60, 20], [200, 60], [80, 24], [121, 41], [100, 30]];
      for (let i = 0; i < 50; i++) {
        const [x, y] = sizes[i % sizes.length];
        t('resize-window', '-t', s, '-x', String(x), '-y', String(y));
        await sleep(20);
      }
      t('resize-window', '-t', s, '-x', '90', '-y', '28');
      await sleep(1500);
      const rows = capture(s).split('\n');
      expect(rows[0]).toMatch(/^incident payments/);
      expect(rows.filter((l) => /incident payments/.test(l))).toHaveLength(1);
      expect(rows.filter((l) => /^Error rate 5\.00% CRIT/.test(l))).toHaveLength(1);
      expect(rows.filter((l) => /payments-hot-1/.test(l))).toHaveLength(1);
      for (const l of rows) expect(l.length).toBeLessThanOrEqual(90);
      // The same screen drawn from scratch (resize away and back) has the same shape; live data may move a chart
      // column or flip a bar at the SLO meanwhile, so numbers, repeated glyphs and the OVER word are masked.
      const masked = (rs: string[]) => rs.map((l) => l.replace(/\d+/g, '#').replace(/(.)\1+/gu, '$1').replace(/ OVER$/, ''));
      t('resize-window', '-t', s, '-x', '91', '-y', '28');
      await sleep(300);
      t('resize-window', '-t', s, '-x', '90', '-y', '28');
      await sleep(500);
      expect(masked(capture(s).split('\n'))).toEqual(masked(rows));
    });
  });
});
