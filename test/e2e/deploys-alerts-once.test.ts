// watch --once with a real Prometheus whose scraped deployment generation changes at a known time and a real
// Alertmanager holding a firing and a silenced alert: the marker in the JSON and in the right axis column, both alerts as such.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAlertmanager, type AlertmanagerServer } from '../helpers/alertmanager-server.js';
import { requireBinary } from '../helpers/binaries.js';
import { fixtureProfile, runCli, tempStateDir } from '../helpers/cli.js';
import { startExporter, type Exporter } from '../helpers/exporter.js';
import { startTsdb, waitFor, type TsdbServer } from '../helpers/tsdb-server.js';

const GEN = (n: number) => `# TYPE kube_deployment_status_observed_generation gauge\nkube_deployment_status_observed_generation{deployment="payments",namespace="prod"} ${n}\n`;

async function post(url: string, body: unknown): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`POST ${url}: ${res.status}`);
}

const prometheus = requireBinary('prometheus', 'prometheus');
const alertmanager = requireBinary('prometheus-alertmanager', 'prometheus-alertmanager');
describe.skipIf(!prometheus || !alertmanager)('deploy markers and alerts through watch --once', () => {
  let exporter: Exporter;
  let tsdb: TsdbServer;
  let am: AlertmanagerServer;
  let changedAtS = 0;
  const dir = mkdtempSync(join(tmpdir(), 'incident-deploys-e2e-'));
  const stateDir = tempStateDir();
  const profile = join(dir, 'k8s.yaml');

  beforeAll(async () => {
    exporter = await startExporter();
    exporter.extra.text = GEN(1);
    [tsdb, am] = await Promise.all([startTsdb('prometheus', prometheus as string, [`127.0.0.1:${exporter.port}`]), startAlertmanager(alertmanager as string)]);
    const startsAt = new Date(Date.now() - 3 * 60_000).toISOString();
    await post(`${am.url}/api/v2/alerts`, [
      { labels: { alertname: 'HighErrorRate', severity: 'critical', service: 'payments' }, annotations: { summary: '5xx above 5%' }, startsAt },
      { labels: { alertname: 'DiskAlmostFull', severity: 'warning', service: 'payments' }, startsAt },
      { labels: { alertname: 'CeoFiring', severity: 'critical', service: 'auth' }, startsAt },
    ]);
    await post(`${am.url}/api/v2/silences`, {
      matchers: [{ name: 'alertname', value: 'DiskAlmostFull', isRegex: false, isEqual: true }],
      startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString(), createdBy: 'test', comment: 'known',
    });
    exporter.extra.text = GEN(2);
    type Raw = { result: Array<{ values: Array<[number, string]> }> };
    changedAtS = await waitFor(async () => {
      const raw = (await tsdb.api('/api/v1/query', { query: 'kube_deployment_status_observed_generation[5m]' })) as Raw;
      return raw.result[0]?.values.find(([, v]) => v === '2')?.[0];
    }, 20_000, 'the new generation to be scraped');
    // Far enough back to sit clear of the axis's "now" label in a one-minute window (0.66 s per column).
    await new Promise((r) => setTimeout(r, Math.max(0, changedAtS * 1000 + 15_000 - Date.now())));
    writeFileSync(profile, [
      `extends: ${fixtureProfile('fast')}`,
      'name: k8s',
      'deploys:',
      '  queries: [\'kube_deployment_status_observed_generation{deployment="$service"}\']',
    ].join('\n'));
  }, 120_000);
  afterAll(async () => {
    await Promise.all([tsdb?.stop(), am?.stop(), exporter?.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  const once = (extra: string[]) => runCli(['watch', '--service', 'payments', '--profile', profile, '--prometheus', tsdb.url,
    '--alertmanager', am.url, '--window', '1m', '--once', '--state-dir', stateDir, ...extra]);

  it('--json: the marker at the step that first shows generation 2, firing and silenced alerts as such', async () => {
    const res = await once(['--json']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const doc = JSON.parse(res.stdout);
    expect(doc.panels.deploys).toHaveLength(1);
    const marker = doc.panels.deploys[0];
    expect(marker).toMatchObject({ label: 'payments generation 2', source: 'prometheus' });
    const atS = Date.parse(marker.at) / 1000;
    expect(atS).toBeGreaterThanOrEqual(Math.floor(changedAtS));
    expect(atS).toBeLessThan(changedAtS + doc.step_s);
    const states = Object.fromEntries(doc.panels.alerts.map((a: { name: string; state: string }) => [a.name, a.state]));
    expect(states).toEqual({ HighErrorRate: 'firing', DiskAlmostFull: 'silenced' });
    expect(doc.sources.find((s: { name: string }) => s.name === 'alerts')).toMatchObject({ kind: 'alertmanager', state: 'up' });
  });

  it('plain frame: the deploy glyph sits in the axis column of the marker time, alerts and deploys listed with words', async () => {
    const res = await once(['--ascii']);
    expect(res.code).toBe(0);
    const lines = res.stdout.split('\n');
    const axis = lines.find((l) => / now \d\d:\d\d:\d\dZ/.test(l)) as string;
    const m = /^(\s*-\S+ )(.*)$/.exec(axis) as RegExpExecArray;
    const cells = m[2];
    const col = cells.indexOf('v');
    expect(col).toBeGreaterThanOrEqual(0);
    // The frame's "now" is shown to the second: the marker's column must match it for a now within that second.
    const [hh, mm, ss] = (/ now (\d\d):(\d\d):(\d\d)Z/.exec(axis) as RegExpExecArray).slice(1).map(Number);
    const today = new Date();
    let nowS = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate(), hh, mm, ss) / 1000;
    if (nowS > Date.now() / 1000 + 60) nowS -= 86_400;
    const atS = await markerTime();
    const windowS = 60;
    const colFor = (now: number) => Math.min(cells.length - 1, Math.floor(((atS - (now - windowS)) / windowS) * cells.length));
    expect([colFor(nowS), colFor(nowS + 0.999)]).toContain(col);
    const panel = lines.slice(lines.findIndex((l) => l.startsWith('Alerts and deploys')));
    expect(panel[0]).toMatch(/1 firing, 1 silenced, 1 deploy/);
    expect(panel.find((l) => l.includes('HighErrorRate'))).toMatch(/^ ! firing 3m +critical HighErrorRate  5xx above 5%$/);
    expect(panel.find((l) => l.includes('DiskAlmostFull'))).toMatch(/^ {3}silenced 3m +warning +DiskAlmostFull$/);
    // How long ago depends on when the scrape that saw the change landed in a step; the words and order do not.
    expect(panel.find((l) => l.includes('payments generation 2'))).toMatch(/^ v \d+s ago +\d\d:\d\dZ +payments generation 2  \(prometheus\)$/);
  });

  it('alerts are scoped: another service\'s alert is counted, not listed; --service auth lists none of payments\'', async () => {
    const payments = JSON.parse((await once(['--json'])).stdout);
    expect(payments.panels.alerts.map((a: { name: string }) => a.name).sort()).toEqual(['DiskAlmostFull', 'HighErrorRate']);
    expect(payments.panels.alerts_firing_elsewhere).toBe(1);
    const text = (await once([])).stdout;
    expect(text).toMatch(/Alerts and deploys {2}1 firing, 1 silenced, 1 deploy {2}\+1 firing in other services/);
    expect(text).not.toContain('CeoFiring');
    const auth = await runCli(['watch', '--service', 'auth', '--profile', profile, '--prometheus', tsdb.url,
      '--alertmanager', am.url, '--window', '1m', '--once', '--json', '--state-dir', stateDir]);
    const doc = JSON.parse(auth.stdout);
    expect(doc.panels.alerts.map((a: { name: string }) => a.name)).toEqual(['CeoFiring']);
    expect(doc.panels.alerts.every((a: { labels: Record<string, string> }) => a.labels.service === 'auth')).toBe(true);
    expect(doc.panels.alerts_firing_elsewhere).toBe(1);
  });

  /** The marker time the console computes, read from its JSON (same query, same step grid). */
  async function markerTime(): Promise<number> {
    const doc = JSON.parse((await once(['--json'])).stdout);
    return Date.parse(doc.panels.deploys[0].at) / 1000;
  }
});
