// Scope and names against a real Prometheus: --pod scopes the metric queries (the error rate for one pod equals
// Prometheus's own answer for that pod), and a misspelt service or a profile with other metric names is said so,
// never shown as a quiet service.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
      { service: 'checkout', pod: 'checkout-1', rps: 10, errorRatio: 0, latency: [[0.1, 1]] },
      { service: 'search', pod: 'search-1', rps: 10, errorRatio: 0, latency: [[0.1, 1]] },
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

  it('a misspelt service exits 1 and names the services that exist, nearest first, on screen and in JSON', async () => {
    const text = await runCli(['watch', '--service', 'paymnts', '--profile', fixtureProfile('fast'), '--prometheus', tsdb.url, '--once', '--state-dir', stateDir]);
    expect(text.code).toBe(1);
    expect(text.stdout.replace(/\s+/g, ' ')).toContain('no series for service="paymnts"; known: payments, search, checkout (s picks one)');
    const json = await runCli(['watch', '--service', 'paymnts', '--profile', fixtureProfile('fast'), '--prometheus', tsdb.url, '--once', '--json', '--state-dir', stateDir]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).warnings).toEqual([{ code: 'INC_NO_SERIES', message: 'no series for service="paymnts"; known: payments, search, checkout (s picks one)' }]);
  });

  it('a profile whose queries name other metrics says which query returns nothing, with its PromQL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'incident-names-'));
    const profile = join(dir, 'other.yaml');
    writeFileSync(profile, `extends: ${fixtureProfile('fast')}\nname: other\nqueries:\n  error_rate: sum(rate(requests_total{service="$service",code=~"5.."}[$rate_interval])) / sum(rate(requests_total{service="$service"}[$rate_interval]))\n`);
    const json = await runCli(['watch', '--service', 'payments', '--profile', profile, '--prometheus', tsdb.url, '--once', '--json', '--state-dir', stateDir]);
    expect(json.code).toBe(1);
    const [warning] = JSON.parse(json.stdout).warnings;
    expect(warning.code).toBe('INC_QUERY_EMPTY');
    expect(warning.message).toContain('the error-rate query returns no series: sum(rate(requests_total{service="payments",code=~"5.."}[4s]))');
  });

  it('doctor runs the queries: other metric names fail naming the nearest ones; a misspelt --service fails too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'incident-doctor-names-'));
    const profile = join(dir, 'other.yaml');
    writeFileSync(profile, `extends: ${fixtureProfile('fast')}\nname: other\nqueries:\n  error_rate: sum(rate(http_request_total{service="$service"}[$__rate_interval]))\n`);
    const wrong = await runCli(['doctor', '--profile', profile, '--prometheus', tsdb.url]);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/FAIL .* query +error_rate +returns no series: no metric http_request_total \(nearest: http_requests_total, /);
    const typo = await runCli(['doctor', '--service', 'paymnts', '--profile', fixtureProfile('fast'), '--prometheus', tsdb.url]);
    expect(typo.code).toBe(1);
    expect(typo.stdout).toMatch(/FAIL .* query +error_rate +returns no series for this service/);
    const right = await runCli(['doctor', '--service', 'payments', '--profile', fixtureProfile('fast'), '--prometheus', tsdb.url]);
    expect(right.stdout).toMatch(/ok .* query +error_rate +1 series/);
  });
});
