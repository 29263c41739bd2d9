// watch --once --json against a real Prometheus and a real VictoriaMetrics scraping an exporter with known ratios.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBinary } from '../helpers/binaries.js';
import { fixtureProfile, runCli, tempStateDir } from '../helpers/cli.js';
import { startExporter, type Exporter } from '../helpers/exporter.js';
import { startTsdb, type TsdbServer } from '../helpers/tsdb-server.js';

const servers = [
  { kind: 'prometheus' as const, bin: 'prometheus', pkg: 'prometheus' },
  { kind: 'victoria-metrics' as const, bin: 'victoria-metrics', pkg: 'victoria-metrics' },
];

for (const spec of servers) {
  const binary = requireBinary(spec.bin, spec.pkg);
  describe.skipIf(!binary)(`watch --once --json against ${spec.kind}`, () => {
    let exporter: Exporter;
    let tsdb: TsdbServer;
    const stateDir = tempStateDir();

    beforeAll(async () => {
      exporter = await startExporter();
      tsdb = await startTsdb(spec.kind, binary!, [`127.0.0.1:${exporter.port}`]);
    }, 60_000);
    afterAll(async () => {
      await tsdb?.stop();
      await exporter?.close();
    });

    const once = () => runCli(['watch', '--service', 'payments', '--profile', fixtureProfile('fast'), '--prometheus', tsdb.url,
      '--once', '--json', '--state-dir', stateDir]);

    it('reports the known 5% error ratio and p99 bars equal to the server\'s own histogram_quantile', async () => {
      const res = await once();
      expect(res.stderr).toBe('');
      expect(res.code).toBe(0);
      const doc = JSON.parse(res.stdout);
      expect(doc.service).toBe('payments');
      expect(doc.sources[0]).toMatchObject({ name: 'prometheus', kind: 'prometheus', state: 'up', error: null });
      expect(doc.panels.error_rate.current).toBeCloseTo(0.05, 9);
      const expected = await tsdb.api('/api/v1/query', {
        query: 'histogram_quantile(0.99, sum by (le, pod) (rate(http_request_duration_seconds_bucket{service="payments"}[4s])))',
        time: String(Math.floor(Date.parse(doc.at) / 1000)),
      });
      const want = new Map<string, number>(expected.result.map((r: any) => [r.metric.pod, Number(r.value[1])]));
      expect(doc.panels.p99.bars.map((b: any) => b.label).sort()).toEqual([...want.keys()].sort());
      for (const bar of doc.panels.p99.bars) expect(bar.seconds).toBeCloseTo(want.get(bar.label)!, 6);
      expect(doc.panels.p99.bars[0].label).toBe('payments-hot-1');
      // Its p99 is past the highest finite bucket (2% of its requests are over 2.5 s): the 2.5 is a floor.
      expect(doc.panels.p99.bars.map((b: any) => [b.label, b.at_least])).toEqual([['payments-hot-1', true], ['payments-2', false]]);
      expect(typeof doc.ttfg_ms).toBe('number');
    });

    it('prints a plain-text frame with no escape codes when stdout is not a terminal', async () => {
      const res = await runCli(['watch', '--service', 'payments', '--profile', fixtureProfile('fast'), '--prometheus', tsdb.url,
        '--once', '--state-dir', stateDir]);
      expect(res.code).toBe(0);
      expect(res.stdout).not.toMatch(/\x1b/);
      expect(res.stdout).toMatch(/Error rate 5\.00% CRIT/);
      expect(res.stdout).toMatch(/payments-hot-1 .* OVER/);
    });

    it('records each session with its TTFG in sessions.jsonl', async () => {
      const res = await runCli(['sessions', '--json', '--state-dir', stateDir]);
      const doc = JSON.parse(res.stdout);
      expect(doc.sessions).toBeGreaterThanOrEqual(2);
      expect(doc.records[0]).toMatchObject({ command: 'watch --once', service: 'payments', profile: 'fast', ended: 'once' });
      expect(doc.records[0].sources.prometheus.first_data_ms).toBeGreaterThan(0);
    });
  });
}
