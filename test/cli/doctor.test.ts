// `incident doctor` through the built CLI against a real Prometheus, a real Alertmanager, an exporter, fakes and dead ports.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAlertmanager, type AlertmanagerServer } from '../helpers/alertmanager-server.js';
import { requireBinary } from '../helpers/binaries.js';
import { fixtureProfile, runCli } from '../helpers/cli.js';
import { startExporter, type Exporter } from '../helpers/exporter.js';
import { freePort, startTsdb, type TsdbServer } from '../helpers/tsdb-server.js';

const prometheusBin = requireBinary('prometheus', 'prometheus');
const alertmanagerBin = requireBinary('prometheus-alertmanager', 'prometheus-alertmanager');

/** A local server with the odd answers real servers do not give on demand. */
async function startFakes(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    if (req.url === '/garbled/metrics') {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      res.end('# TYPE up gauge\nup 1\nup{job="x" 2\nbroken line here\nrequests_total{code="200"} 7\n');
    } else if (req.url === '/failing/metrics') {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('exporter overloaded\n');
    } else if (req.url === '/loki/api/v1/labels') {
      const auth = String(req.headers.authorization ?? '');
      if (auth === `Basic ${Buffer.from('tenant1:loki-pass-42').toString('base64')}`) {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"success","data":["app","job"]}');
      } else res.writeHead(401, { 'content-type': 'text/plain' }).end(`no access for ${auth}\n`);
    } else if (req.url === '/hang/metrics') {
      // Never answers: the probe must give up at its timeout.
    } else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

const lineOf = (out: string, check: string, target = '') =>
  out.split('\n').find((l) => new RegExp(`^(ok|FAIL)\\s.*\\s${check}\\s+${target.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`).test(l)) ?? '';

describe.skipIf(!prometheusBin || !alertmanagerBin)('incident doctor', () => {
  let exporter: Exporter;
  let tsdb: TsdbServer;
  let am: AlertmanagerServer;
  let fakes: Awaited<ReturnType<typeof startFakes>>;
  let deadPort: number;
  const dir = mkdtempSync(join(tmpdir(), 'incident-doctor-'));
  const logFile = join(dir, 'app.log');
  writeFileSync(logFile, 'hello\n');

  beforeAll(async () => {
    exporter = await startExporter();
    [tsdb, am, fakes, deadPort] = await Promise.all([
      startTsdb('prometheus', prometheusBin!, [`127.0.0.1:${exporter.port}`]),
      startAlertmanager(alertmanagerBin!),
      startFakes(),
      freePort(),
    ]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([tsdb?.stop(), am?.stop(), fakes?.close(), exporter?.close()]);
  });

  it('passes every check against healthy sources and exits 0', async () => {
    const res = await runCli(['doctor', '--profile', fixtureProfile('fast'), '--prometheus', tsdb.url, '--service', 'payments',
      '--scrape', `${exporter.url}/metrics`, '--alertmanager', am.url, '--logs', logFile, '--logs-cmd', 'sh -c true']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(lineOf(res.stdout, 'prometheus')).toMatch(/^ok\s+\d+ ms\s+prometheus\s+http:\/\/127\.0\.0\.1:\d+\s+version 2\.\d+/);
    expect(lineOf(res.stdout, 'query', 'error_rate')).toMatch(/^ok .* 1 series$/);
    expect(lineOf(res.stdout, 'query', 'p99')).toMatch(/^ok .* 2 series$/);
    expect(lineOf(res.stdout, 'label values', 'services')).toMatch(/^ok .* 2 values of service/);
    expect(lineOf(res.stdout, 'label values', 'pods')).toMatch(/^ok .* 2 values of pod for \{service="payments",pod!=""\}/);
    expect(lineOf(res.stdout, 'scrape')).toMatch(/^ok .* text format, 27 series, 0 malformed lines$/);
    expect(lineOf(res.stdout, 'alertmanager')).toMatch(/^ok\s+\d+ ms\s+alertmanager .* version 0\.\d+\.\d+, cluster disabled$/);
    expect(lineOf(res.stdout, 'log file')).toMatch(/readable, 6 bytes$/);
    expect(lineOf(res.stdout, 'log command', 'sh')).toMatch(/^ok .*\/sh$/);
    // The default profile asks kube-state-metrics, Argo CD and Flux for deploys; none of them is scraped here.
    expect(lineOf(res.stdout, 'query', 'deploys kube-state-metrics')).toMatch(/^ok .* not live: no kube_deployment_status_observed_generation in Prometheus/);
    expect(lineOf(res.stdout, 'query', 'deploys argocd')).toMatch(/^ok .* not live: no argocd_app_sync_total in Prometheus/);
    expect(lineOf(res.stdout, 'query', 'deploys flux')).toMatch(/^ok .* not live: no gotk_resource_info in Prometheus/);
    expect(res.stdout.trim().split('\n').at(-1)).toMatch(/^all 13 checks passed$/);
  });

  it('reports a dead port, a broken query, a garbled and a failing exporter, a hang and a missing program; exits 1', async () => {
    const profile = join(dir, 'broken.yaml');
    writeFileSync(profile, [
      `extends: ${fixtureProfile('fast')}`,
      'name: broken',
      'queries:',
      '  error_rate: sum(rate(http_requests_total{service="$service"}[$rate_interval])',
      'deploys:',
      '  queries: [\'changes(kube_deployment_status_observed_generation{deployment="$service"}[$window])\']',
    ].join('\n'));
    const res = await runCli(['doctor', '--profile', profile, '--prometheus', tsdb.url, '--timeout', '500ms',
      '--scrape', `http://127.0.0.1:${deadPort}/metrics,${fakes.url}/garbled/metrics,${fakes.url}/failing/metrics,${fakes.url}/hang/metrics`,
      '--logs', join(dir, 'nothing-*.log'), '--logs-cmd', 'no-such-program-xyz --follow']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(1);
    expect(lineOf(res.stdout, 'query', 'error_rate')).toMatch(/^FAIL .* bad_data: .*parse error/);
    expect(lineOf(res.stdout, 'query', 'p99')).toMatch(/^ok .* 0 series \(its metrics exist; --service tests it on a real service\)$/);
    // A deploy source whose metrics Prometheus does not have is said to be not live (the console stops asking it).
    expect(lineOf(res.stdout, 'query', 'deploys kube-state-metrics')).toMatch(/^ok .* not live: no kube_deployment_status_observed_generation in Prometheus/);
    expect(lineOf(res.stdout, 'scrape', `http://127.0.0.1:${deadPort}`)).toMatch(/^FAIL\s+\d+ ms .* connection refused/);
    expect(lineOf(res.stdout, 'scrape', `${fakes.url}/garbled`)).toMatch(/^ok .* 2 series, 2 malformed lines \(line 3: /);
    expect(lineOf(res.stdout, 'scrape', `${fakes.url}/failing`)).toMatch(/^FAIL .* HTTP 503: exporter overloaded$/);
    expect(lineOf(res.stdout, 'scrape', `${fakes.url}/hang`)).toMatch(/^FAIL .* timed out after 500 ms/);
    expect(lineOf(res.stdout, 'log file')).toMatch(/^FAIL .* no file matches$/);
    expect(lineOf(res.stdout, 'log command', 'no-such-program-xyz')).toMatch(/^FAIL .* not found on PATH$/);
    expect(res.stdout.trim().split('\n').at(-1)).toBe('6 of 13 checks failed');
  });

  it('keeps credentials out of the report, even when a server echoes them back', async () => {
    const profile = join(dir, 'loki.yaml');
    writeFileSync(profile, [
      `extends: ${fixtureProfile('fast')}`,
      'logs:',
      '  loki:',
      `    url: ${fakes.url}`,
      '    basic_auth: { username: tenant1, password: wrong-pass-99 }',
    ].join('\n'));
    const res = await runCli(['doctor', '--profile', profile, '--prometheus', '',
      '--alertmanager', `http://admin:am-secret-77@127.0.0.1:${deadPort}`]);
    expect(res.code).toBe(1);
    expect(lineOf(res.stdout, 'loki')).toMatch(/^FAIL .* HTTP 401: no access for Basic \*\*\*$/);
    expect(lineOf(res.stdout, 'alertmanager')).toMatch(/connection refused/);
    const encoded = Buffer.from('tenant1:wrong-pass-99').toString('base64');
    for (const secret of ['wrong-pass-99', encoded, 'am-secret-77']) expect(res.stdout).not.toContain(secret);
    const good = join(dir, 'loki-good.yaml');
    writeFileSync(good, `extends: ${fixtureProfile('fast')}\nlogs:\n  loki:\n    url: ${fakes.url}\n    basic_auth: { username: tenant1, password: loki-pass-42 }\n`);
    const ok = await runCli(['doctor', '--profile', good, '--prometheus', '']);
    expect(lineOf(ok.stdout, 'loki')).toMatch(/^ok .* 2 labels$/);
    expect(ok.code).toBe(0);
  });

  it('test-runs the pipeline-health queries per product when the profile asks for them', async () => {
    const profile = join(dir, 'pipeline.yaml');
    writeFileSync(profile, `extends: ${fixtureProfile('fast')}\npipeline:\n  queries: true\n  products: [vector, prometheus]\n`);
    const res = await runCli(['doctor', '--profile', profile, '--prometheus', tsdb.url]);
    expect(res.code).toBe(0);
    expect(lineOf(res.stdout, 'query group', 'pipeline vector')).toMatch(/^ok .* \d+ queries, 0 series \(no data for this product\)$/);
    expect(lineOf(res.stdout, 'query group', 'pipeline prometheus')).toMatch(/^ok .* \d+ queries, \d+ series/);
  });

  it('prints one JSON document with --json', async () => {
    const res = await runCli(['doctor', '--profile', fixtureProfile('fast'), '--prometheus', tsdb.url, '--scrape', `http://127.0.0.1:${deadPort}/metrics`, '--json']);
    expect(res.code).toBe(1);
    const doc = JSON.parse(res.stdout);
    expect(doc).toMatchObject({ profile: 'fast', ok: false, failed: 1 });
    const scrape = doc.checks.find((c: { check: string }) => c.check === 'scrape');
    expect(scrape).toMatchObject({ ok: false, target: `http://127.0.0.1:${deadPort}/metrics` });
    expect(typeof scrape.latency_ms).toBe('number');
    expect(doc.checks.find((c: { check: string }) => c.check === 'prometheus')).toMatchObject({ ok: true, detail: expect.stringMatching(/^version /) });
  });

  it('exits 2 with the file and field named when the profile is bad', async () => {
    const profile = join(dir, 'bad.yaml');
    writeFileSync(profile, 'name: bad\nrefresh: often\n');
    const res = await runCli(['doctor', '--profile', profile]);
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain(`${profile}: refresh`);
  });
});
