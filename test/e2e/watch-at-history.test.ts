// watch --at and --from/--to over a real Prometheus holding six hours of past data (blocks written by promtool before
// it starts): the error ratio, the deploy marker, the p99 bar, the ALERTS history and log-file lines of that window,
// in --once --json and in the full screen (tmux) with the historical header, zoom and pan.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBinary } from '../helpers/binaries.js';
import { BIN, runCli, tempStateDir } from '../helpers/cli.js';
import { startHistoryPrometheus, type HistoryPrometheus } from '../helpers/history-prometheus.js';
import { historicalMark } from '../helpers/historical-mark.js';
import { tmuxSession } from '../helpers/tmux.js';

const prometheus = requireBinary('prometheus', 'prometheus');
const promtool = requireBinary('promtool', 'prometheus');
const tmux = requireBinary('tmux', 'tmux');

const iso = (s: number) => new Date(s * 1000).toISOString().replace('.000Z', 'Z');
const hhmm = (s: number) => new Date(s * 1000).toISOString().slice(11, 16);
const sameDay = (s: number) => new Date(s * 1000).toISOString().slice(0, 10) === new Date().toISOString().slice(0, 10);

describe.skipIf(!prometheus || !promtool)('watch --at over six hours of Prometheus history', () => {
  let h: HistoryPrometheus;
  const stateDir = tempStateDir();
  const dir = mkdtempSync(join(tmpdir(), 'incident-at-e2e-'));
  const log = join(dir, 'app.log');

  beforeAll(async () => {
    h = await startHistoryPrometheus(prometheus as string, promtool as string);
    // One line a minute over the history; the ones after the rise are errors.
    const lines: string[] = [];
    for (let t = Math.ceil(h.startS / 60) * 60; t <= h.endS; t += 60) {
      lines.push(JSON.stringify({ time: iso(t), level: t >= h.riseS ? 'error' : 'info', service: 'payments', msg: `minute ${iso(t)}` }));
    }
    writeFileSync(log, `${lines.join('\n')}\n`);
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(stateDir, { recursive: true, force: true });
  });

  const once = async (...args: string[]) => {
    const r = await runCli(['watch', '--service', 'payments', '--prometheus', h.url, '--state-dir', stateDir, '--once', '--json', ...args]);
    expect(r.stderr).toBe('');
    return { code: r.code, doc: JSON.parse(r.stdout) };
  };

  it('ten minutes after the rise: 8%, the deploy marker, the slow pod, the firing alert and that window\'s log lines', async () => {
    const at = h.riseS + 600;
    const { doc } = await once('--at', iso(at), '--logs', log);
    expect(doc.at).toBe(iso(at));
    expect(doc.historical).toEqual({ at: iso(at) });
    expect(doc.window_s).toBe(900);
    expect(doc.panels.error_rate.current).toBeCloseTo(0.08, 6);
    const points: Array<[number, number | null]> = doc.panels.error_rate.series[0].points;
    expect(points.at(-1)?.[0]).toBeLessThanOrEqual(at);
    expect(points[0][0]).toBeGreaterThanOrEqual(at - 900 - 60);
    // Before the rise the chart shows the old ratio.
    expect(points.find(([t]) => t < h.riseS - 120)?.[1]).toBeCloseTo(0.001, 6);
    expect(doc.panels.deploys).toEqual([{ at: iso(h.deployS), label: 'payments generation 5', source: 'prometheus' }]);
    expect(doc.panels.p99.bars.map((b: { label: string }) => b.label)).toEqual(['payments-0']);
    expect(doc.panels.p99.bars[0].seconds).toBeGreaterThan(1);
    expect(doc.panels.alerts.map((a: { name: string; state: string }) => [a.name, a.state])).toEqual([['HighErrorRate', 'firing']]);
    const logLines: Array<{ at: string; level: string }> = doc.panels.logs.lines;
    expect(logLines.length).toBeGreaterThan(10);
    expect(logLines.every((l) => Date.parse(l.at) >= (at - 900) * 1000 && Date.parse(l.at) <= at * 1000)).toBe(true);
    expect(logLines.at(-1)?.at).toBe(iso(at));
    expect(logLines.at(-1)?.level).toBe('error');
  });

  it('thirty minutes before the rise: 0.1%, no deploy, no alert, only info lines', async () => {
    const at = h.riseS - 1800;
    const { doc, code } = await once('--at', iso(at), '--logs', log);
    expect(code).toBe(0);
    expect(doc.panels.error_rate.current).toBeCloseTo(0.001, 6);
    expect(doc.panels.deploys).toEqual([]);
    expect(doc.panels.alerts).toEqual([]);
    expect(doc.panels.logs.lines.every((l: { level: string }) => l.level === 'info')).toBe(true);
  });

  it('--from/--to shows exactly that range', async () => {
    const from = h.deployS - 1200;
    const to = h.riseS + 1200;
    const { doc } = await once('--from', iso(from), '--to', iso(to));
    expect(doc.historical).toEqual({ from: iso(from), to: iso(to) });
    expect(doc.window_s).toBe(to - from);
    expect(doc.panels.error_rate.current).toBeCloseTo(0.08, 6);
    // A marker sits on the first step that shows the new generation: within one step after the deploy.
    const marks: number[] = doc.panels.deploys.map((d: { at: string }) => Date.parse(d.at) / 1000);
    expect(marks).toHaveLength(1);
    expect(marks[0]).toBeGreaterThanOrEqual(h.deployS);
    expect(marks[0]).toBeLessThanOrEqual(h.deployS + doc.step_s);
  });

  it('refuses a time in the future and a time that is not one, with exit code 2', async () => {
    const future = await runCli(['watch', '--service', 'payments', '--prometheus', h.url, '--once', '--at', 'now-5m-', '--state-dir', stateDir]);
    expect(future.code).toBe(2);
    expect(future.stderr).toMatch(/--at: "now-5m-" is not a time/);
    const later = await runCli(['watch', '--service', 'payments', '--prometheus', h.url, '--once', '--at', iso(Math.floor(Date.now() / 1000) + 3600), '--state-dir', stateDir]);
    expect(later.code).toBe(2);
    expect(later.stderr).toMatch(/is in the future/);
  });

  describe.skipIf(!tmux)('in the full screen', () => {
    const tmuxs = tmuxSession('incident-at');
    afterAll(() => tmuxs.kill());

    it('says AT HH:MMZ (historical), shows 8.00%, zooms around the centre and pans', async () => {
      // On a minute, so the header shows HH:MM.
      const at = h.riseS + 600;
      const started = Date.now();
      tmuxs.start(`env -u CI NO_COLOR=1 LANG=C.UTF-8 node ${BIN} watch --service payments --prometheus ${h.url} --state-dir ${stateDir} --at ${sameDay(at) ? hhmm(at) : iso(at)}; echo EXITED=$?; sleep 30`, 120, 40);
      const frame = await tmuxs.until((s) => /Error rate 8\.00% CRIT/.test(s), 'the historical frame', 20_000);
      expect(frame).toMatch(historicalMark(at, started));
      expect(frame).not.toMatch(/refresh \d/);
      expect(frame).toMatch(/window 15m/);
      // Keys reach the screen once its component tree is up: the help screen opening says so.
      await tmuxs.until((s) => {
        if (s.includes('incident - keys')) return true;
        tmuxs.t('send-keys', '-t', tmuxs.name, '?');
        return false;
      }, 'the help screen');
      tmuxs.t('send-keys', '-t', tmuxs.name, '?');
      await tmuxs.until((s) => /Error rate 8\.00% CRIT/.test(s), 'the screen again');
      // Zoom out around the centre (at - 7.5 min): a 30 min window ends 7.5 minutes later.
      tmuxs.t('send-keys', '-t', tmuxs.name, '+');
      const zoomed = await tmuxs.until((s) => /window 30m/.test(s), 'the zoomed window');
      expect(zoomed).toMatch(historicalMark(at + 450, started));
      // ] with no cursor pans forward a quarter (7.5 min).
      tmuxs.t('send-keys', '-t', tmuxs.name, ']');
      await tmuxs.until((s) => historicalMark(at + 900, started).test(s), 'the panned window');
      tmuxs.t('send-keys', '-t', tmuxs.name, 'q');
      const after = await tmuxs.until((s) => /EXITED=0/.test(s), 'exit');
      expect(after).not.toMatch(/Error rate/);
    }, 60_000);
  });
});
