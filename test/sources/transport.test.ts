// One pool per (TLS settings, proxy) pair, shared by every request that uses it; the default pool without either.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeDefaultDispatcher, defaultDispatcher, loadUndici } from '../../src/sources/http-get.js';
import { dispatcherFor, setProxyEnvironment, transportPoolCount } from '../../src/sources/transport.js';

beforeAll(async () => {
  await loadUndici();
});
afterEach(async () => {
  setProxyEnvironment(process.env);
  await closeDefaultDispatcher();
});

const tls = (caFile: string) => ({ tls: { caFile, ca: 'PEM', insecureSkipVerify: false } });

describe('dispatcherFor', () => {
  it('gives the default pool when neither TLS settings nor a proxy apply', () => {
    setProxyEnvironment({});
    expect(dispatcherFor('https://prom.internal/api/v1/query')).toBe(defaultDispatcher());
    expect(transportPoolCount()).toBe(0);
  });

  it('shares one pool between endpoints and requests with equal TLS settings, another for other settings', () => {
    setProxyEnvironment({});
    const a = dispatcherFor('https://prom.internal/api/v1/query', tls('/ca.pem'));
    const b = dispatcherFor('https://alerts.internal/api/v2/alerts', tls('/ca.pem'));
    const c = dispatcherFor('https://prom.internal/api/v1/query', tls('/other.pem'));
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    expect(a).not.toBe(defaultDispatcher());
    expect(transportPoolCount()).toBe(2);
  });

  it('one pool per proxy from the environment; NO_PROXY hosts keep the default pool', () => {
    setProxyEnvironment({ https_proxy: 'http://gate:3128', no_proxy: 'direct.internal' });
    const one = dispatcherFor('https://prom.internal/x');
    expect(dispatcherFor('https://loki.internal/y')).toBe(one);
    expect(dispatcherFor('https://direct.internal/z')).toBe(defaultDispatcher());
    expect(dispatcherFor('http://prom.internal/x')).toBe(defaultDispatcher());
    expect(transportPoolCount()).toBe(1);
  });

  it('closeDefaultDispatcher lets go of every kept pool', async () => {
    setProxyEnvironment({});
    dispatcherFor('https://prom.internal', tls('/ca.pem'));
    await closeDefaultDispatcher();
    expect(transportPoolCount()).toBe(0);
  });
});
