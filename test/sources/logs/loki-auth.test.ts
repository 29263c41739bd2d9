import { describe, expect, it } from 'vitest';
import { LokiCredentialsError, resolveLokiAccess } from '../../../src/sources/logs/loki-auth.js';

describe('resolveLokiAccess', () => {
  it('turns URL userinfo into basic auth and removes it from the base URL', async () => {
    const got = await resolveLokiAccess('https://ops:p%40ss-word@loki.example/prefix');
    expect(got.baseUrl).toBe('https://loki.example/prefix');
    expect(got.headers.authorization).toBe(`Basic ${Buffer.from('ops:p@ss-word').toString('base64')}`);
    expect(got.secrets).toContain('p@ss-word');
    expect(got.secrets).toContain('p%40ss-word');
  });

  it('reads a token file without its trailing newline and adds the tenant', async () => {
    const got = await resolveLokiAccess('http://loki:3100', { tenant: 't1', bearerToken: { file: '/x' } }, {}, async () => 'abc123\n');
    expect(got.headers).toEqual({ authorization: 'Bearer abc123', 'x-scope-orgid': 't1' });
    expect(got.secrets).toEqual(['abc123']);
  });

  it.each([
    { name: 'an unreadable file', creds: { bearerToken: { file: '/run/secrets/none' } }, message: 'Loki bearer token: cannot read /run/secrets/none (ENOENT)' },
    { name: 'a missing variable', creds: { username: 'u', password: { env: 'LOKI_PW' } }, message: 'Loki password: environment variable LOKI_PW is not set' },
    { name: 'both kinds', creds: { password: { value: 'pw1' }, bearerToken: { value: 'tok' } }, message: 'Loki: both basic auth and a bearer token given' },
  ])('refuses $name with a stable code', async ({ creds, message }) => {
    const readFile = async () => {
      throw Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' });
    };
    const err = await resolveLokiAccess('http://loki:3100', creds, {}, readFile).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LokiCredentialsError);
    expect((err as LokiCredentialsError).code).toBe('INC_LOKI_CREDENTIALS');
    expect((err as Error).message).toBe(message);
  });

  it('refuses a URL that is not http(s) without echoing its password', async () => {
    const err = await resolveLokiAccess('ftp://u:hunter22@x').catch((e: unknown) => e);
    expect((err as { code?: string }).code).toBe('INC_LOKI_URL');
    const bad = await resolveLokiAccess('not a url with hunter22').catch((e: unknown) => e);
    expect((bad as { code?: string }).code).toBe('INC_LOKI_URL');
    expect((err as Error).message).not.toContain('hunter22');
  });
});
