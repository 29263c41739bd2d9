// Identical Prometheus requests go out once: a local server counts what arrives while panels ask at the same time.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resolveProfile } from '../../../src/config/resolve-profile.js';
import type { SourceEvent } from '../../../src/model/console-state/events.js';
import { buildSources } from '../../../src/sources/metrics/build-sources.js';
import { PrometheusApi } from '../../../src/sources/metrics/prometheus-api.js';
import { FakeClock } from '../../runtime/fake-clock.js';
import { waitFor } from '../collect-events.js';

const MATRIX = JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [] } });
const VECTOR = JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric: { alertname: 'HighErrorRate', alertstate: 'firing' }, value: [1, '1'] }] } });

let server: Server;
let url = '';
let seen: string[] = [];
/** Requests held back until the test lets them go, so callers can pile up on one in flight. */
let held: Array<() => void> = [];
let hold = false;
let failNext = false;

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    seen.push(req.url ?? '');
    const answer = () => {
      if (failNext) {
        failNext = false;
        res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'error', errorType: 'timeout', error: 'query timed out' }));
      } else res.writeHead(200, { 'content-type': 'application/json' }).end(req.url?.includes('query_range') ? MATRIX : VECTOR);
    };
    if (hold) held.push(answer);
    else answer();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  seen = [];
  held = [];
  hold = false;
  failNext = false;
});

const target = () => ({ url, headers: {}, timeoutMs: 5000, secrets: [] });
const release = () => {
  hold = false;
  for (const go of held.splice(0)) go();
};

describe('PrometheusApi single flight', () => {
  it('sends identical requests made together once and gives every caller the answer', async () => {
    const api = new PrometheusApi(target());
    hold = true;
    const asks = [api.query('ALERTS', 100), api.query('ALERTS', 100), api.query('ALERTS', 100)];
    await waitFor(() => held.length === 1, 'the first request');
    release();
    const answers = await Promise.all(asks);
    expect(seen).toEqual(['/api/v1/query?query=ALERTS&time=100']);
    for (const a of answers) expect(a.data).toEqual([{ labels: { alertname: 'HighErrorRate', alertstate: 'firing' }, value: 1 }]);
  });

  it('sends requests that differ in any parameter separately', async () => {
    const api = new PrometheusApi(target());
    await Promise.all([api.query('ALERTS', 100), api.query('ALERTS', 101), api.query('up', 100), api.queryRange('up', 0, 90, 15), api.queryRange('up', 0, 90, 30)]);
    expect([...seen].sort()).toEqual([
      '/api/v1/query?query=ALERTS&time=100',
      '/api/v1/query?query=ALERTS&time=101',
      '/api/v1/query?query=up&time=100',
      '/api/v1/query_range?query=up&start=0&end=90&step=15',
      '/api/v1/query_range?query=up&start=0&end=90&step=30',
    ]);
  });

  it('keeps an answer for the rest of the round (shareMs), then asks again', async () => {
    let now = 0;
    const api = new PrometheusApi(target(), { now: () => now, shareMs: 1000 });
    await api.query('ALERTS', 100);
    now = 900;
    await api.query('ALERTS', 100);
    expect(seen).toHaveLength(1);
    now = 1901;
    await api.query('ALERTS', 100);
    expect(seen).toHaveLength(2);
  });

  it('does not keep a failure: the next caller asks again', async () => {
    const api = new PrometheusApi(target(), { now: () => 0 });
    failNext = true;
    await expect(api.query('ALERTS', 100)).rejects.toThrow('query timed out');
    const again = await api.query('ALERTS', 100);
    expect(again.data).toHaveLength(1);
    expect(seen).toHaveLength(2);
  });

  it('lets one caller give up without cancelling the request for the others', async () => {
    const api = new PrometheusApi(target());
    hold = true;
    const quitter = new AbortController();
    const gaveUp = api.query('ALERTS', 100, quitter.signal);
    const stays = api.query('ALERTS', 100, new AbortController().signal);
    await waitFor(() => held.length === 1, 'the request');
    quitter.abort();
    await expect(gaveUp).rejects.toMatchObject({ code: 'INC_CANCELED' });
    release();
    expect((await stays).data).toHaveLength(1);
    expect(seen).toHaveLength(1);
  });
});

describe('buildSources', () => {
  it('shares one client between panels: the p99 panel and the alerts panel asking the same query send it once', async () => {
    // A minute between scrapes: the unfinished step (9 s) never asks for a newest value of its own.
    const profile = resolveProfile({ prometheus: { url }, refresh: 3_600_000, scrape_interval: 60_000, queries: { error_rate: 'ERR', p99: 'ALERTS' } }, 't', '(test)');
    const clock = new FakeClock(Date.UTC(2026, 11, 6, 4, 40, 0, 500));
    const sources = buildSources(profile, () => ({ service: 'payments', windowMs: 900_000, columns: 100 }), clock)
      .filter((s) => s.name === 'prometheus' || s.name === 'alerts');
    expect(sources.map((s) => s.name).sort()).toEqual(['alerts', 'prometheus']);
    const events: SourceEvent[] = [];
    hold = true;
    for (const s of sources) s.start((e) => events.push(e));
    // The round's requests: the error-rate range, the p99 and the alerts' ALERTS (one request), ALERTS_FOR_STATE.
    await waitFor(() => held.length === 3, 'the round');
    release();
    await waitFor(() => events.filter((e) => e.type === 'status' && e.state !== 'connecting').length === 2, 'both panels');
    await Promise.all(sources.map((s) => s.stop()));
    const t = Math.floor(clock.now() / 1000);
    expect(seen.map((u) => u.replace(/\?.*/, '') + ' ' + new URLSearchParams(u.replace(/^[^?]*\?/, '')).get('query')).sort()).toEqual([
      // The empty error-rate range makes the source ask for its value at now, after the range's answer.
      '/api/v1/query ALERTS', '/api/v1/query ALERTS_FOR_STATE', '/api/v1/query ERR', '/api/v1/query_range ERR',
    ]);
    expect(seen.filter((u) => u === `/api/v1/query?query=ALERTS&time=${t}`)).toHaveLength(1);
    expect(events.some((e) => e.type === 'alerts' && e.alerts.length === 1)).toBe(true);
    expect(events.some((e) => e.type === 'samples' && e.panel === 'p99' && e.series.length === 1)).toBe(true);
  });
});
