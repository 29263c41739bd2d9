import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LokiSource, type LokiOptions } from '../../../src/sources/logs/loki.js';
import { Collected, plainParse, waitFor } from '../collect-events.js';
import { FakeLoki, type FakeEntry } from '../fake-loki.js';

const T0 = 1795357757000000000n;
const ns = (offsetMs: number) => (T0 + BigInt(offsetMs) * 1_000_000n).toString();
const payments = { app: 'payments', pod: 'payments-1' };
const checkout = { service: 'checkout', pod: 'checkout-7' };
const entry = (offsetMs: number, line: string, labels: Record<string, string> = payments): FakeEntry => ({ ns: ns(offsetMs), line, labels });

let loki: FakeLoki;
let running: LokiSource[] = [];
beforeEach(async () => {
  loki = await new FakeLoki().start();
});
afterEach(async () => {
  for (const s of running) await s.stop();
  running = [];
  await loki.close();
});

function watch(extra: Partial<LokiOptions> = {}): { src: LokiSource; c: Collected } {
  const c = new Collected();
  const src = new LokiSource({ url: loki.url, query: '{app="payments"}', parse: plainParse, backoff: { initialMs: 10, maxMs: 100, factor: 2 }, batchMs: 2, ...extra });
  running.push(src);
  src.start(c.emit);
  return { src, c };
}

const reasons = (c: Collected) => c.statuses().map((s) => `${s.state}: ${s.error ?? ''}`);

describe('LokiSource', () => {
  it('backfills with query_range, oldest first, with nanosecond timestamps and stream labels', async () => {
    loki.entries = [entry(1, 'error: first', payments), entry(2, 'second', checkout), entry(3, 'third')];
    const { c } = watch({ backfillLimit: 50 });
    await waitFor(() => c.lines().length === 3, 'the backfill');
    expect(c.lines()).toEqual(['error: first', 'second', 'third']);
    const [first, second] = c.batches()[0].lines;
    expect(first).toMatchObject({ ns: ns(1), at: Number(T0 / 1_000_000n) + 1, timed: true, service: 'payments', pod: 'payments-1', level: 'error' });
    expect(second).toMatchObject({ ns: ns(2), service: 'checkout', pod: 'checkout-7' });
    const q = loki.requests.find((r) => r.path === '/loki/api/v1/query_range');
    expect(q?.params.get('query')).toBe('{app="payments"}');
    expect(q?.params.get('direction')).toBe('backward');
    expect(q?.params.get('limit')).toBe('50');
    expect(q?.params.get('start')).toMatch(/^\d{19}$/);
    expect(q?.params.get('end')).toMatch(/^\d{19}$/);
    expect(c.statuses().find((s) => s.state === 'up')?.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('tails live lines after the backfill, starting where the backfill ended', async () => {
    loki.entries = [entry(1, 'old')];
    const { c } = watch();
    const tail = await loki.tail(0);
    const params = loki.requests.find((r) => r.path === '/loki/api/v1/tail')?.params;
    expect(params?.get('start')).toBe(ns(1));
    expect(params?.get('delay_for')).toBe('0');
    expect(params?.get('limit')).toBe('100');
    loki.push(tail, [entry(5, 'live-1'), entry(6, 'live-2')]);
    await waitFor(() => c.lines().length === 3, 'live lines');
    expect(c.lines()).toEqual(['old', 'live-1', 'live-2']);
    expect(c.lastStatus()?.state).toBe('up');
  });

  it('reconnects after the server closes with 1011 and resumes without repeating lines', async () => {
    const { c } = watch();
    const first = await loki.tail(0);
    loki.push(first, [entry(100, 'a'), entry(200, 'b'), entry(200, 'c', checkout)]);
    await waitFor(() => c.lines().length === 3, 'three lines');
    first.close(1011, 'reached tail max duration limit');
    // The reconnection gets everything from the last timestamp again, then new lines.
    const second = await loki.tail(1);
    expect(loki.requests.filter((r) => r.path === '/loki/api/v1/tail')[1].params.get('start')).toBe(ns(200));
    loki.push(second, [entry(200, 'd, same nanosecond'), entry(300, 'e')]);
    await waitFor(() => c.lines().length >= 5, 'the resumed lines');
    expect(c.lines()).toEqual(['a', 'b', 'c', 'd, same nanosecond', 'e']);
    expect(reasons(c)).toContain('down: tail closed by the server (1011: reached tail max duration limit), reconnecting in 10ms');
    await waitFor(() => c.lastStatus()?.state === 'up', 'up again');
  });

  it('counts dropped_entries as lines the source lost', async () => {
    const { c } = watch();
    const tail = await loki.tail(0);
    loki.push(tail, [entry(1, 'kept')], 3);
    loki.push(tail, [], 2);
    await waitFor(() => c.dropped() === 5, 'five dropped');
    expect(c.lines()).toEqual(['kept']);
  });

  it('shows a plain-text error body as the reason and retries', async () => {
    loki.queryRange = () => ({ status: 400, body: 'parse error at line 1, col 5: syntax error: unexpected IDENTIFIER\n' });
    const { c } = watch();
    await waitFor(() => reasons(c).filter((r) => r.startsWith('down')).length >= 2, 'two failed attempts');
    expect(reasons(c)).toContain('down: backfill failed: HTTP 400: parse error at line 1, col 5: syntax error: unexpected IDENTIFIER, reconnecting in 10ms');
    loki.queryRange = null;
    await waitFor(() => loki.tails.length === 1, 'the tail after recovery');
  });

  it('explains a refused tail handshake with the body query_range returns', async () => {
    loki.refuseTail = { status: 401, body: 'no org id' };
    loki.queryRange = (p) =>
      p.get('limit') === '1'
        ? { status: 401, body: 'no org id\n' }
        : { status: 200, body: '{"status":"success","data":{"resultType":"streams","result":[]}}' };
    const { c } = watch();
    await waitFor(() => reasons(c).some((r) => r.startsWith('down: tail connection failed: HTTP 401: no org id, reconnecting in')), 'the refusal reason');
    expect(loki.tails).toHaveLength(0);
  });

  it('does not accept a query that returns numbers rather than lines', async () => {
    loki.queryRange = () => ({ status: 200, body: '{"status":"success","data":{"resultType":"matrix","result":[]}}' });
    const { c } = watch({ query: 'rate({app="payments"}[1m])' });
    await waitFor(() => c.lastStatus()?.state === 'down', 'down');
    expect(c.lastStatus()?.error).toMatch(/not log lines/);
  });

  it.each([
    {
      name: 'basic auth in the URL',
      opts: (url: string) => ({ url: url.replace('http://', 'http://ops:s3cr3t-pa55@'), credentials: { tenant: 'team-a' } }),
      secrets: ['s3cr3t-pa55', Buffer.from('ops:s3cr3t-pa55').toString('base64')],
      header: `Basic ${Buffer.from('ops:s3cr3t-pa55').toString('base64')}`,
    },
    {
      name: 'a bearer token from the environment',
      opts: (url: string) => ({ url, env: { LOKI_TOKEN: 'tok-9f8e7d6c' }, credentials: { bearerToken: { env: 'LOKI_TOKEN' } } }),
      secrets: ['tok-9f8e7d6c'],
      header: 'Bearer tok-9f8e7d6c',
    },
    {
      name: 'a password from a file',
      opts: (url: string) => ({ url, readFile: async () => 'filepass-42\n', credentials: { username: 'ops', password: { file: '/run/secrets/loki' } } }),
      secrets: ['filepass-42', Buffer.from('ops:filepass-42').toString('base64')],
      header: `Basic ${Buffer.from('ops:filepass-42').toString('base64')}`,
    },
  ])('sends $name and never shows it', async ({ opts, secrets, header }) => {
    const echo = secrets[0];
    loki.queryRange = (p) => (p.get('limit') === '1' ? { status: 200, body: '{}' } : { status: 401, body: `invalid credentials ${echo} for ${header}` });
    const { c } = watch(opts(loki.url));
    await waitFor(() => reasons(c).some((r) => r.startsWith('down: backfill failed: HTTP 401')), 'the auth failure');
    loki.queryRange = null;
    const tail = await loki.tail(0);
    loki.push(tail, [entry(1, `line mentioning ${echo}`)]);
    await waitFor(() => c.lines().length === 1, 'a line');
    const q = loki.requests.find((r) => r.path === '/loki/api/v1/query_range');
    expect(q?.headers.authorization).toBe(header);
    expect(loki.requests.find((r) => r.path === '/loki/api/v1/tail')?.headers.authorization).toBe(header);
    const everything = JSON.stringify(c.events);
    for (const s of secrets) expect(everything).not.toContain(s);
    expect(everything).toContain('invalid credentials ***');
  });

  it('sends the tenant header and reports a missing token variable without retrying', async () => {
    const { c } = watch({ credentials: { tenant: 'team-a', bearerToken: { env: 'NOT_SET_ANYWHERE' } }, env: {} });
    await waitFor(() => c.lastStatus()?.state === 'down', 'down');
    expect(c.lastStatus()?.error).toBe('Loki bearer token: environment variable NOT_SET_ANYWHERE is not set');
    expect(loki.requests).toHaveLength(0);
    const { c: c2 } = watch({ credentials: { tenant: 'team-a' } });
    await waitFor(() => c2.lastStatus()?.state === 'up', 'up');
    expect(loki.requests[0].headers['x-scope-orgid']).toBe('team-a');
  });
});
