// The proxy a request takes: proxy_url first, then the environment, with NO_PROXY matched as curl matches it.
import { describe, expect, it } from 'vitest';
import { chooseProxy, noProxyMatches } from '../../../src/model/net/proxy-choice.js';

describe('noProxyMatches (curl semantics)', () => {
  const cases: Array<[string, string, boolean]> = [
    ['example.com', 'example.com', true],
    ['api.example.com', 'example.com', true],
    ['api.example.com', '.example.com', true],
    ['example.com', '.example.com', true],
    ['notexample.com', 'example.com', false],
    ['example.com.evil', 'example.com', false],
    ['API.Example.COM', 'example.com', true],
    ['example.com.', 'example.com', true],
    ['anything.internal', '*', true],
    ['anything.internal', 'a.b, *', false],
    ['prom.internal', 'grafana.internal, prom.internal', true],
    ['prom.internal', 'grafana.internal prom.internal', true],
    ['10.1.2.3', '10.0.0.0/8', true],
    ['11.1.2.3', '10.0.0.0/8', false],
    ['127.0.0.1', '127.0.0.1', true],
    ['127.0.0.2', '127.0.0.1', false],
    ['127.0.0.1', '0.0.1', false],
    ['[::1]', '::1', true],
    ['fd00::5', 'fd00::/8', true],
    ['fe80::5', 'fd00::/8', false],
    ['prom.internal', '', false],
  ];
  it.each(cases)('%s against NO_PROXY=%j is %s', (host, list, want) => {
    expect(noProxyMatches(host, list)).toBe(want);
  });
});

describe('chooseProxy', () => {
  it('uses https_proxy for https and http_proxy for http, lower case before upper case', () => {
    const env = { https_proxy: 'http://lower:3128', HTTPS_PROXY: 'http://upper:3128', HTTP_PROXY: 'http://plain:3128' };
    expect(chooseProxy('https://prom.internal/api', env)).toEqual({ proxy: 'http://lower:3128', from: 'https_proxy' });
    expect(chooseProxy('http://prom.internal/api', env)).toEqual({ proxy: 'http://plain:3128', from: 'HTTP_PROXY' });
    expect(chooseProxy('wss://loki.internal/tail', env)).toEqual({ proxy: 'http://lower:3128', from: 'https_proxy' });
  });

  it('falls back to all_proxy and takes a proxy without a scheme as http://', () => {
    expect(chooseProxy('https://prom.internal', { ALL_PROXY: 'gate:8080' })).toEqual({ proxy: 'http://gate:8080', from: 'ALL_PROXY' });
  });

  it('NO_PROXY (either case) bypasses the environment proxy and says so', () => {
    expect(chooseProxy('https://prom.internal', { HTTPS_PROXY: 'http://p:1', NO_PROXY: '.internal' })).toEqual({ proxy: null, from: 'NO_PROXY' });
    expect(chooseProxy('https://prom.internal', { HTTPS_PROXY: 'http://p:1', no_proxy: 'prom.internal' })).toEqual({ proxy: null, from: 'no_proxy' });
    expect(chooseProxy('https://prom.external', { HTTPS_PROXY: 'http://p:1', no_proxy: 'prom.internal' }).proxy).toBe('http://p:1');
  });

  it('proxy_url wins over the environment and NO_PROXY', () => {
    expect(chooseProxy('https://prom.internal', { HTTPS_PROXY: 'http://p:1', NO_PROXY: '*' }, 'http://own:3128')).toEqual({ proxy: 'http://own:3128', from: 'proxy_url' });
  });

  it('no proxy variables: direct', () => {
    expect(chooseProxy('https://prom.internal', { HTTPS_PROXY: '  ' })).toEqual({ proxy: null, from: null });
  });
});
