// A session recorded through the real full screen while Prometheus is killed and started again, replayed with
// --once --json: the same source states at the same moments and the same gap in the error-rate series.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SamplesEvent, StatusEvent } from '../../src/model/console-state/events.js';
import type { RecordedEvent } from '../../src/model/session/recording-format.js';
import { openRecording } from '../../src/sources/files/recording-reader.js';
import { requireBinary } from '../helpers/binaries.js';
import { BIN, fixtureProfile, runCli, tempStateDir } from '../helpers/cli.js';
import { startExporter, type Exporter } from '../helpers/exporter.js';
import { startTsdb, waitFor, type TsdbServer } from '../helpers/tsdb-server.js';

const prometheus = requireBinary('prometheus', 'prometheus');
const tmux = requireBinary('tmux', 'tmux');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const iso = (ms: number) => new Date(ms).toISOString();

/** Timestamps (unix s) where a series skips more than 1.5 steps: [last before, first after]. */
function gaps(points: Array<[number, number | null]>, stepS: number): Array<[number, number]> {
  const real = points.filter((p) => p[1] !== null).map((p) => p[0]);
  const out: Array<[number, number]> = [];
  for (let i = 1; i < real.length; i++) if (real[i] - real[i - 1] > stepS * 1.5) out.push([real[i - 1], real[i]]);
  return out;
}

describe.skipIf(!prometheus || !tmux)('watch --record, then replay the recording', () => {
  const session = `incident-rec-${process.pid}`;
  const stateDir = tempStateDir();
  const file = join(mkdtempSync(join(tmpdir(), 'incident-rec-')), 'outage.ndjson.gz');
  let exporter: Exporter;
  let tsdb: TsdbServer;
  const t = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
  const screen = () => t('capture-pane', '-p', '-t', session);
  const recorded: RecordedEvent[] = [];

  beforeAll(async () => {
    exporter = await startExporter();
    tsdb = await startTsdb('prometheus', prometheus!, [`127.0.0.1:${exporter.port}`]);
    const cmd = `env -u CI NO_COLOR=1 LANG=C.UTF-8 node ${BIN} watch --service payments --profile ${fixtureProfile('fast')} --prometheus ${tsdb.url} --state-dir ${stateDir} --record ${file}; echo EXITED=$?; sleep 30`;
    t('new-session', '-d', '-s', session, '-x', '100', '-y', '30', cmd);
  }, 60_000);
  afterAll(async () => {
    try {
      t('kill-session', '-t', session);
    } catch {
      // already gone
    }
    await tsdb?.stop();
    await exporter?.close();
  });

  it('records while Prometheus is killed and restarted, and the file is complete after q', async () => {
    await waitFor(async () => /TTFG \d+ms/.test(screen()), 20_000, 'first graph');
    await sleep(2000);
    await tsdb.kill();
    await waitFor(async () => /prometheus DOWN/.test(screen()), 20_000, 'DOWN state');
    await sleep(4000);
    await tsdb.restart();
    await waitFor(async () => /prometheus up/.test(screen()), 40_000, 'recovery');
    // Prometheus scrapes again once it has rediscovered the target; wait until the series continues after the gap.
    await sleep(9000);
    t('send-keys', '-t', session, 'q');
    await waitFor(async () => /EXITED=0/.test(screen()), 10_000, 'exit');
    const rec = await openRecording(file);
    for await (const r of rec.events) recorded.push(r);
    expect(rec.stats).toMatchObject({ cut: null, malformed: 0, endReason: 'quit' });
    const states = recorded.filter((r) => r.event.type === 'status').map((r) => (r.event as StatusEvent).state);
    expect(states.join(' ')).toMatch(/up.* down.* up/);
  }, 120_000);

  it('replays to the end with the recorded source state and the same gap in the same place', async () => {
    const res = await runCli(['replay', file, '--once', '--json']);
    expect(res.code).toBe(0);
    const doc = JSON.parse(res.stdout);
    // Every recorded source ends in the state its last status event gave it.
    for (const name of new Set(recorded.map((r) => r.event.source))) {
      const last = recorded.filter((r) => r.event.type === 'status' && r.event.source === name).at(-1)?.event as StatusEvent | undefined;
      if (last) expect(doc.sources.find((s: { name: string }) => s.name === name)).toMatchObject({ state: last.state, error: last.state === 'up' ? null : (last.error ?? null) });
    }
    expect(doc.sources.find((s: { name: string }) => s.name === 'prometheus').state).toBe('up');
    const lastRate = recorded.filter((r) => r.event.type === 'samples' && r.event.panel === 'error_rate').at(-1)!.event as SamplesEvent;
    const want = lastRate.series[0].points.filter((p) => p[1] !== null);
    expect(doc.panels.error_rate.series[0].points).toEqual(want);
    const replayedGaps = gaps(doc.panels.error_rate.series[0].points, doc.step_s);
    expect(replayedGaps.length).toBeGreaterThan(0);
    expect(replayedGaps).toEqual(gaps(lastRate.series[0].points, doc.step_s));
    // The gap lies where Prometheus was down: it overlaps the time between the first down and the next up.
    // Prometheus's own statuses: the deploys source stays up throughout, and its "up" says nothing about the gap.
    const prom = (r: RecordedEvent, state: string) => r.event.type === 'status' && r.event.source === 'prometheus' && r.event.state === state;
    const downAt = recorded.findIndex((r) => prom(r, 'down'));
    const upAgain = recorded.slice(downAt).find((r) => prom(r, 'up'))!;
    const [before, after] = replayedGaps[0];
    expect(before * 1000).toBeLessThan(upAgain.t);
    expect(after * 1000).toBeGreaterThan(recorded[downAt].t);
  });

  it('replays to a moment in the outage: Prometheus down with the reason, last good graph kept', async () => {
    // Prometheus's own down: the alerts and deploy sources, which ask the same server, can report theirs first.
    const down = recorded.find((r) => r.event.type === 'status' && r.event.source === 'prometheus' && r.event.state === 'down')!;
    const res = await runCli(['replay', file, '--once', '--json', '--at', iso(down.t + 500)]);
    expect(res.code).toBe(0);
    const doc = JSON.parse(res.stdout);
    const prom = doc.sources.find((s: { name: string }) => s.name === 'prometheus');
    expect(prom.state).toBe('down');
    expect(prom.error).toMatch(/connection refused/);
    expect(doc.panels.error_rate.current).toBeCloseTo(0.05, 3);
    expect(doc.at).toBe(iso(down.t + 500).replace(/\.\d{3}Z$/, 'Z'));
  });

  it('a console killed with SIGKILL leaves a gzip recording that replays up to the cut', async () => {
    const name = `${session}-kill`;
    const killed = join(mkdtempSync(join(tmpdir(), 'incident-rec-')), 'killed.ndjson.gz');
    // exec: the pane's process is the console itself, so its pid is the one to kill.
    t('new-session', '-d', '-s', name, '-x', '100', '-y', '30',
      `exec env -u CI NO_COLOR=1 LANG=C.UTF-8 node ${BIN} watch --service payments --profile ${fixtureProfile('fast')} --prometheus ${tsdb.url} --state-dir ${stateDir} --record ${killed}`);
    try {
      await waitFor(async () => /TTFG \d+ms/.test(t('capture-pane', '-p', '-t', name)), 20_000, 'first graph');
      // Let a few rounds reach the file through the periodic sync flush, then kill without warning.
      await sleep(3000);
      process.kill(Number(t('display-message', '-p', '-t', name, '#{pane_pid}').trim()), 'SIGKILL');
    } finally {
      try {
        t('kill-session', '-t', name);
      } catch {
        // already gone with its process
      }
    }
    const res = await runCli(['replay', killed, '--once', '--json']);
    expect(res.code).toBe(0);
    const doc = JSON.parse(res.stdout);
    expect(doc.replay.cut).toMatch(/cut short \(truncated file, or the console was killed\)/);
    expect(doc.replay.ended_at).toBeNull();
    expect(doc.sources.find((s: { name: string }) => s.name === 'prometheus')).toMatchObject({ state: 'up' });
    expect(doc.panels.error_rate.current).toBeCloseTo(0.05, 3);
  }, 40_000);

  it('a replay in the terminal shows the recording at its start, then at its end after G', async () => {
    const name = `${session}-replay`;
    t('new-session', '-d', '-s', name, '-x', '100', '-y', '30', `env -u CI NO_COLOR=1 LANG=C.UTF-8 node ${BIN} replay ${file}; echo EXITED=$?; sleep 30`);
    try {
      const shot = () => t('capture-pane', '-p', '-t', name);
      await waitFor(async () => /REPLAY 1x/.test(shot()), 10_000, 'replay line');
      t('send-keys', '-t', name, 'G');
      const end = await waitFor(async () => (/REPLAY END/.test(shot()) ? shot() : null), 10_000, 'end of the replay');
      expect(end).toMatch(/prometheus up/);
      expect(end).toMatch(/Error rate 5\.00% CRIT/);
      t('send-keys', '-t', name, 'g');
      await waitFor(async () => /REPLAY PAUSED .* \+0s/.test(shot()), 10_000, 'back at the start');
      t('send-keys', '-t', name, 'q');
      await waitFor(async () => /EXITED=0/.test(shot()), 10_000, 'exit');
    } finally {
      try {
        t('kill-session', '-t', name);
      } catch {
        // already gone
      }
    }
  }, 40_000);
});
