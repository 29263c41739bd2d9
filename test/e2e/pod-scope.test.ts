// --pod scopes the metric queries: against a real Prometheus whose pods fail at different rates, the error rate for
// one pod equals Prometheus's own answer for that pod, and differs from the service's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBinary } from '../helpers/binaries.js';
import { fixtureProfile, runCli, tempStateDir } from '../helpers/cli.js';
import { startExporter, type Exporter } from '../helpers/exporter.js';
import { startTsdb, type TsdbServer } from '../helpers/tsdb-server.js';

const binary = requireBinary('prometheus', 'prometheus');

describe.skipIf(!binary)('--pod against Prometheus', () => {
  let exporter: Exporter;
  let tsdb: TsdbServer;
  const stateDir = tempStateDir();

  beforeAll(async () => {
    exporter = await startExporter([
      { service: 'payments', pod: 'pay-1', rps: 50, errorRatio: 0.01, latency: [[0.1, 1]] },
      { service: 'payments', pod: 'pay-3', rps: 50, errorRatio: 0.1, latency: [[0.1, 0.5], [1, 0.5]] },
    ]);
    tsdb = await startTsdb('prometheus', binary!, [`127.0.0.1:${exporter.port}`]);
  }, 60_000);
  afterAll(async () => {
    await tsdb?.stop();
    await exporter?.close();
  });

  const once = (...more: string[]) => runCli(['watch', '--service', 'payments', ...more, '--profile', fixtureProfile('fast'),
    '--prometheus', tsdb.url, '--once', '--json', '--state-dir', stateDir]);

  it('gives the pod\'s own error rate and p99, equal to what Prometheus answers for that pod', async () => {
    const scoped = JSON.parse((await once('--pod', 'pay-3')).stdout);
    const whole = JSON.parse((await once()).stdout);
    expect(scoped.pod).toBe('pay-3');
    expect(scoped.panels.error_rate.current).toBeCloseTo(0.1, 6);
    expect(whole.panels.error_rate.current).toBeCloseTo(0.055, 6);
    const own = await tsdb.api('/api/v1/query', {
      query: 'sum(rate(http_requests_total{service="payments",pod="pay-3",status=~"5.."}[4s])) / sum(rate(http_requests_total{service="payments",pod="pay-3"}[4s]))',
      time: String(Math.floor(Date.parse(scoped.at) / 1000)),
    });
    expect(scoped.panels.error_rate.current).toBeCloseTo(Number(own.result[0].value[1]), 9);
    expect(scoped.panels.p99.bars.map((b: { label: string }) => b.label)).toEqual(['pay-3']);
  });
});
