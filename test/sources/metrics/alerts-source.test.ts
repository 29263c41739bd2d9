// The alerts source against a real Alertmanager (firing, silenced, down with last alerts kept) and the Prometheus ALERTS fallback.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resolveProfile } from '../../../src/config/resolve-profile.js';
import type { Alert, AlertsEvent, SourceEvent, StatusEvent } from '../../../src/model/console-state/events.js';
import { alertsSource } from '../../../src/sources/metrics/alerts-source.js';
import { systemClock } from '../../../src/sources/system-clock.js';
import type { PolledSource } from '../../../src/sources/source.js';
import { startAlertmanager, type AlertmanagerServer } from '../../helpers/alertmanager-server.js';
import { requireBinary } from '../../helpers/binaries.js';
import { waitFor } from '../collect-events.js';

const TOKEN = 'sekrit-alert-token-42';

class Events {
  readonly all: SourceEvent[] = [];
  readonly emit = (e: SourceEvent) => void this.all.push(e);
  statuses = () => this.all.filter((e): e is StatusEvent => e.type === 'status');
  lastStatus = () => this.statuses().at(-1);
  lastAlerts = () => this.all.filter((e): e is AlertsEvent => e.type === 'alerts').at(-1)?.alerts;
  count = () => this.all.length;
}

const byName = (alerts: Alert[] | undefined, name: string) => alerts?.find((a) => a.name === name);

async function post(url: string, body: unknown): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`POST ${url}: ${res.status} ${await res.text()}`);
  return res.json().catch(() => null);
}

let running: PolledSource | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

const binary = requireBinary('prometheus-alertmanager', 'prometheus-alertmanager');
describe.skipIf(!binary)('against a real Alertmanager', () => {
  let am: AlertmanagerServer;
  beforeAll(async () => {
    am = await startAlertmanager(binary as string, [
      'inhibit_rules:',
      '  - source_matchers: [alertname="ClusterDown"]',
      '    target_matchers: [alertname="PaymentsLatency"]',
      '    equal: [service]',
      '',
    ].join('\n'));
    const startsAt = new Date(Date.now() - 4 * 60_000).toISOString();
    await post(`${am.url}/api/v2/alerts`, [
      { labels: { alertname: 'HighErrorRate', severity: 'critical', service: 'payments' }, annotations: { summary: '5xx above 5%' }, startsAt },
      { labels: { alertname: 'DiskAlmostFull', severity: 'warning', service: 'payments' }, annotations: { summary: 'disk 91%' }, startsAt },
      { labels: { alertname: 'ClusterDown', severity: 'critical', service: 'payments' }, startsAt },
      { labels: { alertname: 'PaymentsLatency', severity: 'warning', service: 'payments' }, startsAt },
    ]);
    const now = Date.now();
    await post(`${am.url}/api/v2/silences`, {
      matchers: [{ name: 'alertname', value: 'DiskAlmostFull', isRegex: false, isEqual: true }],
      startsAt: new Date(now - 1000).toISOString(), endsAt: new Date(now + 3_600_000).toISOString(), createdBy: 'test', comment: 'known',
    });
  }, 30_000);
  afterAll(async () => am?.stop());

  it('shows firing, silenced and inhibited alerts as such; Alertmanager down keeps them and says why', async () => {
    const profile = resolveProfile({ alertmanager: { url: am.url, bearer_token: TOKEN }, refresh: 3_600_000 }, 't', '(test)');
    const source = alertsSource(profile, systemClock) as PolledSource;
    running = source;
    const ev = new Events();
    source.start(ev.emit);
    // Alertmanager marks a new alert unprocessed until its dispatcher has seen it.
    const states = () => ['HighErrorRate', 'DiskAlmostFull', 'ClusterDown', 'PaymentsLatency'].map((n) => byName(ev.lastAlerts(), n)?.state);
    await waitFor(() => {
      if (states().join() === 'firing,silenced,firing,inhibited') return true;
      source.refresh();
      return false;
    }, 'firing, silenced and inhibited alerts', 15_000);
    const firing = byName(ev.lastAlerts(), 'HighErrorRate') as Alert;
    expect(firing).toMatchObject({ severity: 'critical', summary: '5xx above 5%', labels: { service: 'payments' } });
    expect(Math.abs(firing.since - (Date.now() - 4 * 60_000))).toBeLessThan(60_000);
    expect(ev.lastAlerts()?.map((a) => a.name)).toEqual(['ClusterDown', 'HighErrorRate', 'DiskAlmostFull', 'PaymentsLatency']);
    expect(ev.lastStatus()).toMatchObject({ state: 'up', kind: 'alertmanager', source: 'alerts' });

    await am.stop();
    const before = ev.lastAlerts();
    const alertEvents = ev.all.filter((e) => e.type === 'alerts').length;
    source.refresh();
    await waitFor(() => ev.lastStatus()?.state === 'down', 'status down', 10_000);
    const down = ev.lastStatus() as StatusEvent;
    expect(down.error).toMatch(/alertmanager: connection refused/);
    expect(down.error).toMatch(/last good/);
    expect(JSON.stringify(ev.all)).not.toContain(TOKEN);
    expect(ev.all.filter((e) => e.type === 'alerts').length).toBe(alertEvents);
    expect(ev.lastAlerts()).toBe(before);
  }, 30_000);
});

/** A stand-in HTTP server answering each path with a fixed status and body. */
async function fakeServer(routes: Record<string, (query: URLSearchParams) => [number, string, string?]>): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const route = routes[u.pathname];
    const [status, body, type] = route ? route(u.searchParams) : [404, 'not found'];
    res.writeHead(status, { 'content-type': type ?? 'application/json' }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const vector = (result: unknown[]) => JSON.stringify({ status: 'success', data: { resultType: 'vector', result } });

describe('bad answers and the Prometheus fallback', () => {
  const servers: Server[] = [];
  afterAll(() => servers.forEach((s) => s.close()));

  async function run(profileInput: Parameters<typeof resolveProfile>[0]): Promise<Events> {
    const source = alertsSource(resolveProfile({ refresh: 3_600_000, ...profileInput }, 't', '(test)'), systemClock) as PolledSource;
    running = source;
    const ev = new Events();
    source.start(ev.emit);
    await waitFor(() => ['up', 'degraded', 'down'].includes(ev.lastStatus()?.state ?? ''), 'a status', 5000);
    return ev;
  }

  it('Alertmanager answering HTML or a JSON error string is down with a reason', async () => {
    const html = await fakeServer({ '/api/v2/alerts': () => [502, '<html><title>Bad Gateway</title></html>', 'text/html'] });
    const str = await fakeServer({ '/api/v2/alerts': () => [400, '"bad filter"'] });
    const obj = await fakeServer({ '/api/v2/alerts': () => [200, '{"data":[]}'] });
    servers.push(html.server, str.server, obj.server);
    expect((await run({ alertmanager: { url: html.url } })).lastStatus()?.error).toMatch(/HTTP 502, text\/html: Bad Gateway/);
    await running?.stop();
    expect((await run({ alertmanager: { url: str.url } })).lastStatus()?.error).toMatch(/HTTP 400: bad filter/);
    await running?.stop();
    const never = (await run({ alertmanager: { url: obj.url } })).lastStatus();
    expect(never).toMatchObject({ state: 'down', error: expect.stringMatching(/expected a list of alerts/) });
    // Nothing was ever shown: there is no last good list to speak of.
    expect(never?.error).not.toMatch(/last good/);
  });

  it('falls back to Prometheus ALERTS with ALERTS_FOR_STATE start times and says so', async () => {
    const prom = await fakeServer({
      '/api/v1/query': (q) => [200, q.get('query') === 'ALERTS'
        ? vector([
          { metric: { __name__: 'ALERTS', alertname: 'SlowP99', alertstate: 'pending', severity: 'warning', service: 'payments' }, value: [1795357757, '1'] },
          { metric: { __name__: 'ALERTS', alertname: 'HighErrorRate', alertstate: 'firing', severity: 'critical', service: 'payments' }, value: [1795357757, '1'] },
        ])
        : vector([{ metric: { __name__: 'ALERTS_FOR_STATE', alertname: 'HighErrorRate', severity: 'critical', service: 'payments' }, value: [1795357757, '1795357500'] }])],
    });
    const closed = await fakeServer({});
    servers.push(prom.server, closed.server);
    await new Promise((r) => closed.server.close(r));
    const ev = await run({ alertmanager: { url: closed.url }, prometheus: { url: prom.url } });
    expect(ev.lastStatus()).toMatchObject({ state: 'degraded', kind: 'prometheus-alerts' });
    expect(ev.lastStatus()?.error).toMatch(/^alertmanager: connection refused .*; showing Prometheus ALERTS$/);
    expect(ev.lastAlerts()).toEqual([
      { name: 'HighErrorRate', state: 'firing', since: 1795357500_000, severity: 'critical', labels: { alertname: 'HighErrorRate', severity: 'critical', service: 'payments' } },
      { name: 'SlowP99', state: 'pending', since: expect.any(Number), severity: 'warning', labels: { alertname: 'SlowP99', severity: 'warning', service: 'payments' } },
    ]);
    await running?.stop();
    const only = await run({ prometheus: { url: prom.url } });
    expect(only.lastStatus()).toMatchObject({ state: 'up', kind: 'prometheus-alerts' });
  });

  it('is null when neither Alertmanager nor Prometheus is configured', () => {
    expect(alertsSource(resolveProfile({}, 't', '(test)'), systemClock)).toBeNull();
  });
});
