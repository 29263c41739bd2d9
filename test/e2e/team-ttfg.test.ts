// The team's TTFG: sessions push it to a real Pushgateway when they end, a real Prometheus scrapes it (honor_labels),
// and `incident sessions --prometheus URL --json` reads every session back per host and service.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBinary } from '../helpers/binaries.js';
import { fixtureProfile, runCli, tempStateDir } from '../helpers/cli.js';
import { startExporter, type Exporter } from '../helpers/exporter.js';
import { startPushgateway, type Pushgateway } from '../helpers/pushgateway.js';
import { freePort, startTsdb, waitFor, type TsdbServer } from '../helpers/tsdb-server.js';

const prometheus = requireBinary('prometheus', 'prometheus');
const pushgatewayBin = requireBinary('prometheus-pushgateway', 'prometheus-pushgateway');

describe.skipIf(!prometheus || !pushgatewayBin)('TTFG pushed to a Pushgateway and read back', () => {
  let exporter: Exporter;
  let gateway: Pushgateway;
  let tsdb: TsdbServer;
  const stateDir = tempStateDir();

  beforeAll(async () => {
    exporter = await startExporter();
    gateway = await startPushgateway(pushgatewayBin!);
    tsdb = await startTsdb('prometheus', prometheus!, [`127.0.0.1:${exporter.port}`, gateway.address], { honorLabels: true });
  }, 60_000);
  afterAll(async () => {
    await tsdb?.stop();
    await gateway?.stop();
    await exporter?.close();
  });

  const session = (service: string, push: string, dir = stateDir) =>
    runCli(['watch', '--service', service, '--profile', fixtureProfile('fast'), '--prometheus', tsdb.url, '--once', '--json', '--state-dir', dir, '--push-ttfg', push]);
  const lastRecord = (dir: string) => JSON.parse(readFileSync(join(dir, 'sessions.jsonl'), 'utf8').trim().split('\n').pop()!);

  it('after two sessions end, sessions --prometheus --json reports both TTFGs under this host', async () => {
    const first = await session('payments', gateway.url);
    expect(first.stderr).toBe('');
    const a = JSON.parse(first.stdout).ttfg_ms as number;
    expect(lastRecord(stateDir).ttfg_push).toEqual({ to: gateway.url, error: null });
    const second = await session('checkout', gateway.url);
    expect(second.stderr).toBe('');
    const b = JSON.parse(second.stdout).ttfg_ms as number;
    expect(typeof a).toBe('number');
    expect(typeof b).toBe('number');

    const doc = await waitFor(async () => {
      const res = await runCli(['sessions', '--prometheus', tsdb.url, '--since', '1h', '--json']);
      const d = JSON.parse(res.stdout);
      return d.sessions === 2 ? d : null;
    }, 20_000, 'both sessions in Prometheus');
    const host = hostname();
    expect(doc.groups.map((g: any) => [g.host, g.service, g.sessions, g.ttfg_p50_ms, g.ttfg_p95_ms])).toEqual([
      [host, 'checkout', 1, b, b],
      [host, 'payments', 1, a, a],
    ]);
    expect(doc.groups[1].ttfg_ms.map((s: any) => [s.ttfg_ms, s.profile])).toEqual([[a, 'fast']]);

    // The pushed group carries the other metrics too, labelled as the issue names them.
    const info = await tsdb.api('/api/v1/query', { query: `incident_session_info{service="payments"}` });
    expect(info.result[0].metric).toMatchObject({ job: 'incident', host, service: 'payments', profile: 'fast', version: '0.1.0', end_reason: 'once' });
    const duration = await tsdb.api('/api/v1/query', { query: `incident_session_duration_seconds{service="payments"}` });
    expect(Number(duration.result[0].value[1])).toBeGreaterThan(0);
  }, 60_000);

  it('a later session of the same host and service is one more session, not a replacement', async () => {
    const before = JSON.parse((await runCli(['sessions', '--prometheus', tsdb.url, '--since', '1h', '--json'])).stdout);
    const payments = before.groups.find((g: any) => g.service === 'payments');
    // Pushes of one host and service are told apart at 15 s steps.
    await new Promise((r) => setTimeout(r, 16_000));
    const again = await session('payments', gateway.url);
    const c = JSON.parse(again.stdout).ttfg_ms as number;
    const doc = await waitFor(async () => {
      const d = JSON.parse((await runCli(['sessions', '--prometheus', tsdb.url, '--since', '1h', '--json'])).stdout);
      return d.groups.find((g: any) => g.service === 'payments')?.sessions === 2 ? d : null;
    }, 40_000, 'the second payments session');
    const g = doc.groups.find((x: any) => x.service === 'payments');
    expect(g.ttfg_ms.map((s: any) => s.ttfg_ms)).toEqual([payments.ttfg_ms[0].ttfg_ms, c]);
  }, 90_000);

  it('a Pushgateway that refuses is recorded in the session line, not a crash', async () => {
    const dir = tempStateDir();
    const closed = `http://127.0.0.1:${await freePort()}`;
    const res = await session('payments', closed, dir);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout).service).toBe('payments');
    expect(res.stderr).toBe(`incident: TTFG not pushed: connection refused (${closed})\n`);
    expect(lastRecord(dir).ttfg_push).toEqual({ to: closed, error: `connection refused (${closed})` });
  });

  it('a Pushgateway that never answers costs at most the 1 s bound, recorded as a timeout', async () => {
    const dir = tempStateDir();
    const silent: Server = createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
    try {
      const res = await session('payments', url, dir);
      expect(res.code).toBe(0);
      expect(lastRecord(dir).ttfg_push).toEqual({ to: url, error: `timed out after 1000 ms (${url})` });
    } finally {
      silent.close();
    }
  });
});
