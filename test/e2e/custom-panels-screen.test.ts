// The profile's own panels on the real full screen (tmux, 120x40) against a real Prometheus: a timeseries, a stat
// and a bars panel with their units and threshold words; tab and z zoom one; killed Prometheus leaves the last good
// data with its age. Also --once --json's panels.custom[] and one clear error for a bad panel.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBinary } from '../helpers/binaries.js';
import { BIN, fixtureProfile, runCli, tempStateDir } from '../helpers/cli.js';
import { DEFAULT_PODS, startExporter, type Exporter } from '../helpers/exporter.js';
import { tmuxSession } from '../helpers/tmux.js';
import { startTsdb, waitFor, type TsdbServer } from '../helpers/tsdb-server.js';

const prometheus = requireBinary('prometheus', 'prometheus');
const tmux = requireBinary('tmux', 'tmux');

const PANELS = [
  'panels:',
  '  - title: Ledger 5xx ratio',
  '    type: timeseries',
  '    query: sum(rate(http_requests_total{service="$service",status="500"}[$rate_interval])) / sum(rate(http_requests_total{service="$service"}[$rate_interval]))',
  '    unit: percentunit',
  '    thresholds: { warn: 0.01, crit: 0.05 }',
  '    priority: 1',
  '  - title: Queue depth',
  '    type: stat',
  '    query: max(ledger_queue_depth{service="$service"})',
  '    unit: short',
  '    thresholds: { warn: 30, crit: 100 }',
  '    priority: 2',
  '  - title: Requests by pod',
  '    type: bars',
  '    query: max by (pod) (ledger_pod_rps{service="$service"})',
  '    unit: reqps',
  '    thresholds: { warn: 50, crit: 100 }',
  '    legend: "{{pod}}"',
  '    priority: 3',
];

describe.skipIf(!prometheus || !tmux)('custom panels', () => {
  const tmuxs = tmuxSession('incident-panels');
  const stateDir = tempStateDir();
  const dir = mkdtempSync(join(tmpdir(), 'incident-panels-e2e-'));
  const profile = join(dir, 'ledger.yaml');
  let exporter: Exporter;
  let tsdb: TsdbServer;

  beforeAll(async () => {
    exporter = await startExporter(DEFAULT_PODS, { extraAt: () => [
      '# TYPE ledger_queue_depth gauge', 'ledger_queue_depth{service="payments"} 42',
      '# TYPE ledger_pod_rps gauge', 'ledger_pod_rps{service="payments",pod="payments-2"} 60', 'ledger_pod_rps{service="payments",pod="payments-hot-1"} 40', '',
    ].join('\n') });
    tsdb = await startTsdb('prometheus', prometheus as string, [`127.0.0.1:${exporter.port}`]);
    writeFileSync(profile, [`extends: ${fixtureProfile('fast')}`, 'name: ledger', ...PANELS].join('\n'));
  }, 90_000);
  afterAll(async () => {
    tmuxs.kill();
    await Promise.all([tsdb?.stop(), exporter?.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('--once --json carries each panel in panels.custom[] with its unit, current value, level and data', async () => {
    const res = await runCli(['watch', '--service', 'payments', '--profile', profile, '--prometheus', tsdb.url, '--once', '--json', '--state-dir', stateDir]);
    const doc = JSON.parse(res.stdout);
    const [ratio, depth, bars] = doc.panels.custom;
    expect(ratio).toMatchObject({ id: 'ledger-5xx-ratio', title: 'Ledger 5xx ratio', type: 'timeseries', unit: 'percentunit', level: 'CRIT', thresholds: { warn: 0.01, crit: 0.05 } });
    expect(ratio.current).toBeCloseTo(0.05, 6);
    expect(ratio.series).toHaveLength(1);
    expect(ratio.series[0].points.length).toBeGreaterThanOrEqual(1);
    expect(ratio.series[0].points.every(([, v]: [number, number]) => Math.abs(v - 0.05) < 1e-6)).toBe(true);
    expect(depth).toMatchObject({ id: 'queue-depth', type: 'stat', unit: 'short', current: 42, level: 'WARN' });
    expect(bars).toMatchObject({ id: 'requests-by-pod', type: 'bars', unit: 'reqps' });
    expect(bars.rows.map((r: { labels: { pod: string } }) => r.labels.pod)).toEqual(['payments-2', 'payments-hot-1']);
    expect(bars.rows[0].value).toBe(60);
    expect(bars.rows[1].value).toBe(40);
    expect(bars.current).toBe(60);
    expect(bars.level).toBe('WARN');
    expect(doc.sources.find((s: { name: string }) => s.name === 'panels')).toMatchObject({ kind: 'prometheus', state: 'up' });
  });

  it('a bad panel definition is one error naming the file and the field, exit 2', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, [`extends: ${fixtureProfile('fast')}`, 'panels:', '  - title: Queue', '    type: gauge', '    query: up'].join('\n'));
    const res = await runCli(['watch', '--service', 'payments', '--profile', bad, '--prometheus', tsdb.url, '--once', '--state-dir', stateDir]);
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr.trim().split('\n')[0]).toBe(`incident: ${bad}: panels[0].type: expected one of timeseries, stat, bars, table, got string "gauge"`);
  });

  it('the full screen at 120x40 shows the timeseries, stat and bars panels with units and threshold words', async () => {
    tmuxs.start(`env -u CI NO_COLOR=1 LANG=C.UTF-8 node ${BIN} watch --service payments --profile ${profile} --prometheus ${tsdb.url} --state-dir ${stateDir}; echo EXITED=$?; sleep 30`, 120, 40);
    const frame = await tmuxs.until((s) => /Requests by pod/.test(s) && /payments-hot-1 .*req\/s/.test(s) && /Ledger 5xx ratio 5%/.test(s), 'the custom panels', 30_000);
    expect(frame).toMatch(/^Ledger 5xx ratio 5% CRIT  warn 1% crit 5%  \d+s old/m);
    expect(frame).toMatch(/^Queue depth 42 WARN  warn 30 crit 100  \d+s old/m);
    expect(frame).toMatch(/^Requests by pod 60 req\/s WARN  warn 50 req\/s crit 100 req\/s  \d+s old/m);
    // Bars scaled to the crit threshold (its column marked), values in the unit, the word where a threshold is passed.
    expect(frame).toMatch(/^payments-2\s+█+\s+┃\s+60 req\/s WARN$/m);
    expect(frame).toMatch(/^payments-hot-1\s+█+\s+┃\s+40 req\/s$/m);
    // The stat's sparkline row, and the chart's y axis in the panel's unit.
    expect(frame).toMatch(/^ {2}[▁-█ ]+ {2}min 42 {2}max 42$/m);
    expect(frame).toMatch(/^ +5%┼/m);
    expect(frame).toMatch(/^ +0%┤/m);
  });

  it('tab reaches a custom panel and z zooms it to the full screen; z again returns', async () => {
    // error rate -> p99 -> the first custom panel.
    for (let i = 0; i < 2; i++) tmuxs.t('send-keys', '-t', tmuxs.name, 'Tab');
    tmuxs.t('send-keys', '-t', tmuxs.name, 'z');
    const zoomed = await tmuxs.until((s) => !/^Error rate/m.test(s) && /^Ledger 5xx ratio/m.test(s), 'the zoomed panel');
    const rows = zoomed.split('\n');
    expect(rows.findIndex((l) => l.startsWith('Ledger 5xx ratio'))).toBe(2);
    // Every row between the title and the footer is the chart.
    expect(rows.filter((l) => /[┤┼]/.test(l)).length).toBeGreaterThanOrEqual(30);
    tmuxs.t('send-keys', '-t', tmuxs.name, 'z');
    await tmuxs.until((s) => /^Error rate/m.test(s) && /^Queue depth/m.test(s), 'the whole screen again');
  });

  it('keeps each panel\'s last good data, with its age, when Prometheus is killed', async () => {
    await tsdb.kill();
    const frame = await tmuxs.until((s) => /prometheus DOWN/.test(s) && /Queue depth.*\(last good\)/.test(s), 'the panels down', 30_000)
      .catch((err: Error) => Promise.reject(new Error(`${err.message}; the screen:\n${tmuxs.screen()}`)));
    expect(frame).toMatch(/^Ledger 5xx ratio 5% CRIT  warn 1% crit 5%  \d+s old \(last good\)/m);
    expect(frame).toMatch(/^Queue depth 42 WARN  warn 30 crit 100  \d+s old \(last good\)/m);
    expect(frame).toMatch(/^Requests by pod 60 req\/s WARN .* \(last good\)/m);
    expect(frame).toMatch(/^payments-2\s+█+\s+┃\s+60 req\/s WARN$/m);
  }, 45_000);
});
