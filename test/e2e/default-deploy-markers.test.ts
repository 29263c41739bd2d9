// Deploy markers out of the box: with the shipped default profile (no deploys: of its own) and a real Prometheus
// scraping a kube-state-metrics-shaped exporter whose observed generation steps, --once --json places the marker
// within one step of the change, and doctor says which deploy sources are live.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBinary } from '../helpers/binaries.js';
import { runCli, tempStateDir } from '../helpers/cli.js';
import { startExporter, type Exporter } from '../helpers/exporter.js';
import { startTsdb, waitFor, type TsdbServer } from '../helpers/tsdb-server.js';

const KSM = (n: number) => [
  '# TYPE kube_deployment_metadata_generation gauge',
  `kube_deployment_metadata_generation{deployment="payments",namespace="prod"} ${n}`,
  '# TYPE kube_deployment_status_observed_generation gauge',
  `kube_deployment_status_observed_generation{deployment="payments",namespace="prod"} ${n}`,
  '',
].join('\n');

const prometheus = requireBinary('prometheus', 'prometheus');
describe.skipIf(!prometheus)('deploy markers with the default profile', () => {
  let exporter: Exporter;
  let tsdb: TsdbServer;
  let changedAtS = 0;
  const stateDir = tempStateDir();

  beforeAll(async () => {
    exporter = await startExporter();
    exporter.extra.text = KSM(6);
    tsdb = await startTsdb('prometheus', prometheus as string, [`127.0.0.1:${exporter.port}`]);
    exporter.extra.text = KSM(7);
    type Raw = { result: Array<{ values: Array<[number, string]> }> };
    changedAtS = await waitFor(async () => {
      const raw = (await tsdb.api('/api/v1/query', { query: 'kube_deployment_status_observed_generation[5m]' })) as Raw;
      return raw.result[0]?.values.find(([, v]) => v === '7')?.[0];
    }, 20_000, 'the new generation to be scraped');
    // A few steps past the change, so the step that first holds generation 7 is a whole one.
    await new Promise((r) => setTimeout(r, Math.max(0, changedAtS * 1000 + 5000 - Date.now())));
  }, 90_000);
  afterAll(async () => {
    await Promise.all([tsdb?.stop(), exporter?.close()]);
  });

  it('--once --json: one marker, within one step of the change, from the shipped kube-state-metrics query', async () => {
    const res = await runCli(['watch', '--service', 'payments', '--profile', 'default', '--prometheus', tsdb.url, '--window', '1m', '--once', '--json', '--state-dir', stateDir], { HOME: stateDir, XDG_CONFIG_HOME: stateDir });
    const doc = JSON.parse(res.stdout);
    expect(doc.profile).toBe('default');
    expect(doc.panels.deploys).toHaveLength(1);
    expect(doc.panels.deploys[0]).toMatchObject({ label: 'payments generation 7', source: 'prometheus' });
    const atS = Date.parse(doc.panels.deploys[0].at) / 1000;
    expect(Math.abs(atS - changedAtS)).toBeLessThanOrEqual(doc.step_s);
    expect(doc.sources.find((s: { name: string }) => s.name === 'deploys')).toMatchObject({ state: 'up', error: null });
  });

  it('doctor: kube-state-metrics is live, Argo CD and Flux are not', async () => {
    const res = await runCli(['doctor', '--profile', 'default', '--prometheus', tsdb.url, '--service', 'payments'], { HOME: stateDir, XDG_CONFIG_HOME: stateDir });
    const line = (name: string) => res.stdout.split('\n').find((l) => l.includes(`deploys ${name}`)) ?? '';
    expect(line('kube-state-metrics')).toMatch(/^ok .* live: 1 series$/);
    expect(line('argocd')).toMatch(/^ok .* not live: no argocd_app_sync_total in Prometheus \(the console stops asking after 3 empty refreshes\)$/);
    expect(line('flux')).toMatch(/^ok .* not live: no gotk_resource_info in Prometheus/);
  });
});
