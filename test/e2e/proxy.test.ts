// Through a real forward proxy (tinyproxy on loopback): plain HTTP forwarded, https tunnelled with CONNECT, NO_PROXY
// honoured, proxy_url overriding the environment, and a proxy's credentials never shown.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBinary } from '../helpers/binaries.js';
import { runCli, tempStateDir } from '../helpers/cli.js';
import { startTinyproxy, type Tinyproxy } from '../helpers/tinyproxy.js';
import { makeTestCa, startTlsPrometheus, type TestCa, type TlsPrometheus } from '../helpers/tls-prometheus.js';

const prometheus = requireBinary('prometheus', 'prometheus');
const tinyproxy = requireBinary('tinyproxy', 'tinyproxy');
const openssl = requireBinary('openssl', 'openssl');

/** The environment with every proxy variable removed, then `set` added. */
const proxyEnv = (set: Record<string, string>) => ({
  http_proxy: undefined, HTTP_PROXY: undefined, https_proxy: undefined, HTTPS_PROXY: undefined, all_proxy: undefined, ALL_PROXY: undefined,
  no_proxy: undefined, NO_PROXY: undefined, ...set,
});

describe.skipIf(!prometheus || !tinyproxy || !openssl)('through tinyproxy', () => {
  let ca: TestCa;
  let plain: TlsPrometheus;
  let secure: TlsPrometheus;
  let proxy: Tinyproxy;
  let guarded: Tinyproxy;
  const stateDir = tempStateDir();

  beforeAll(async () => {
    ca = makeTestCa();
    [plain, secure, proxy, guarded] = await Promise.all([
      startTlsPrometheus(prometheus!, ca, 'plain'), startTlsPrometheus(prometheus!, ca, false),
      startTinyproxy(tinyproxy!), startTinyproxy(tinyproxy!, { user: 'oncall', password: 'pr0xy-s3cret-pass' }),
    ]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([plain?.stop(), secure?.stop(), proxy?.stop(), guarded?.stop()]);
  });

  const profile = (name: string, url: string, extra = '') => {
    const file = join(ca.dir, `${name}.yaml`);
    writeFileSync(file, `name: ${name}\nextends: default\nprometheus:\n  url: ${url}\n${url.startsWith('https') ? `  tls:\n    ca_file: ${ca.ca}\n` : ''}${extra}`);
    return file;
  };
  const once = async (file: string, env: Record<string, string | undefined>) => {
    const res = await runCli(['watch', '--service', 'payments', '--profile', file, '--once', '--json', '--state-dir', stateDir], env);
    return JSON.parse(res.stdout).sources.find((s: { name: string }) => s.name === 'prometheus');
  };
  const port = (url: string) => new URL(url).port;

  it('plain http goes to the proxy as absolute-URI requests (HTTP_PROXY)', async () => {
    const before = proxy.requests().length;
    const source = await once(profile('http', plain.url), proxyEnv({ HTTP_PROXY: proxy.url }));
    expect(source).toMatchObject({ state: 'up', error: null });
    const seen = proxy.requests().slice(before);
    expect(seen.some((r) => r.startsWith(`GET ${plain.url}/api/v1/query_range?`))).toBe(true);
    expect(seen.some((r) => r.startsWith('CONNECT'))).toBe(false);
  });

  it('https goes through a CONNECT tunnel (https_proxy), the certificate checked against tls.ca_file', async () => {
    const before = proxy.requests().length;
    const source = await once(profile('https', secure.url), proxyEnv({ https_proxy: proxy.url }));
    expect(source).toMatchObject({ state: 'up', error: null });
    const seen = proxy.requests().slice(before);
    // Queries sent at the same moment open a tunnel each (one request per connection at a time).
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen)).toEqual(new Set([`CONNECT 127.0.0.1:${port(secure.url)} HTTP/1.1`]));
  });

  it('NO_PROXY exempts the host: direct, and the proxy sees nothing', async () => {
    const before = proxy.requests().length;
    const source = await once(profile('bypass', plain.url), proxyEnv({ HTTP_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.0/8' }));
    expect(source).toMatchObject({ state: 'up', error: null });
    expect(proxy.requests().slice(before)).toEqual([]);
  });

  it('proxy_url with credentials overrides the environment; doctor names the route without the password', async () => {
    const before = guarded.requests().length;
    const withAuth = guarded.url.replace('http://', 'http://oncall:pr0xy-s3cret-pass@');
    const file = profile('own-proxy', secure.url, `  proxy_url: ${withAuth}\n`);
    const source = await once(file, proxyEnv({ HTTPS_PROXY: proxy.url, NO_PROXY: '*' }));
    expect(source).toMatchObject({ state: 'up', error: null });
    expect(new Set(guarded.requests().slice(before))).toEqual(new Set([`CONNECT 127.0.0.1:${port(secure.url)} HTTP/1.1`]));
    const res = await runCli(['doctor', '--profile', file], proxyEnv({}));
    expect(res.stdout + res.stderr).not.toContain('pr0xy-s3cret-pass');
    const route = res.stdout.split('\n').find((l) => /\broute\b/.test(l));
    expect(route).toContain(`prometheus via proxy http://127.0.0.1:${port(guarded.url)} (proxy_url)`);
    expect(res.stdout.split('\n').find((l) => /\btls\b/.test(l))).toContain(`subject CN=prom.internal; issuer CN=incident test ca; expires `);
  });

  it('a proxy refusing the credentials is a failure whose message does not carry them', async () => {
    const wrong = guarded.url.replace('http://', 'http://oncall:not-the-pr0xy-pass@');
    const source = await once(profile('bad-proxy-auth', plain.url, `  proxy_url: ${wrong}\n`), proxyEnv({}));
    expect(source.state).toBe('down');
    expect(source.error).toContain('HTTP 401');
    expect(source.error).not.toContain('not-the-pr0xy-pass');
  });
});
