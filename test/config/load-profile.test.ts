// Profile loading: shipped defaults, extends, ${ENV} interpolation, and one clear error per bad profile.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProfileError, UserError } from '../../src/config/errors.js';
import { expandedSize, loadProfile } from '../../src/config/load-profile.js';

const dir = mkdtempSync(join(tmpdir(), 'incident-profiles-'));
const write = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};
const load = (name: string | undefined, env: NodeJS.ProcessEnv = {}) => loadProfile({ name, cwd: dir, env: { HOME: dir, ...env } });

describe('loadProfile', () => {
  it('loads the shipped default with its conventions', async () => {
    const p = await load(undefined);
    expect(p.name).toBe('default');
    expect(p.prometheus?.url).toBe('http://localhost:9090');
    expect(p.queries.errorRate).toContain('http_requests_total{service="$service",status=~"5.."}');
    expect(p.thresholds).toEqual({ errorRateWarn: 0.01, errorRateCrit: 0.05, p99SloSeconds: 0.5 });
    expect(p.windowMs).toBe(900_000);
  });

  it('extends a shipped profile and interpolates environment variables, keeping the token out of the URL', async () => {
    const file = write('team.yaml', 'name: team\nextends: default\nprometheus:\n  url: ${PROM_URL}\n  bearer_token: ${PROM_TOKEN}\nwindow: 30m\n');
    const p = await load(file, { PROM_URL: 'http://prom:9090', PROM_TOKEN: 's3cr3t-token' });
    expect(p.prometheus).toMatchObject({ url: 'http://prom:9090', headers: { authorization: 'Bearer s3cr3t-token' } });
    expect(p.prometheus?.secrets).toContain('s3cr3t-token');
    expect(p.windowMs).toBe(1_800_000);
    expect(p.queries.p99).toContain('histogram_quantile(0.99');
  });

  const bad: Array<[string, string, RegExp]> = [
    ['unknown key', 'name: x\nwindw: 5m\n', /bad-0\.yaml: windw: unknown key/],
    ['wrong type', 'name: x\ntop_k: many\n', /bad-1\.yaml: top_k: expected a number, got string "many"/],
    ['unparseable YAML', 'name: x\nqueries: [unclosed\n', /bad-2\.yaml: not valid YAML/],
    ['bad duration', 'name: x\nrefresh: soon\n', /bad-3\.yaml: refresh: expected a duration/],
    ['missing env var', 'name: x\nprometheus:\n  url: ${NOPE_URL}\n', /bad-4\.yaml: prometheus\.url: environment variable NOPE_URL is not set/],
    ['bad url', 'name: x\nprometheus:\n  url: ftp://x\n', /bad-5\.yaml: prometheus\.url: expected an http/],
    ['empty query', 'name: x\nqueries:\n  error_rate: ""\n', /bad-6\.yaml: queries\.error_rate: expected a non-empty string/],
  ];
  bad.forEach(([what, text, message], i) => {
    it(`rejects a profile with ${what}, naming the file and field`, async () => {
      const file = write(`bad-${i}.yaml`, text);
      const err = await load(file).catch((e) => e);
      expect(err).toBeInstanceOf(ProfileError);
      expect(err.message).toMatch(message);
      expect(err.message.split('\n')).toHaveLength(1);
    });
  });

  it('suggests the nearest key for a typo', async () => {
    const err = await load(write('typo.yaml', 'name: x\nthresholds:\n  error_rate_wran: 0.02\n')).catch((e) => e);
    expect(err.hint).toBe('did you mean "error_rate_warn"?');
  });

  it('names the missing profile and lists the known ones', async () => {
    const err = await load('nonesuch').catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toBe('--profile: no profile named "nonesuch"');
    expect(err.hint).toContain('default');
  });
});

describe('YAML alias bombs', () => {
  const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
  for (let i = 0; i < 9; i++) {
    const prev = String.fromCharCode(97 + i);
    const next = String.fromCharCode(98 + i);
    bomb.push(`${next}: &${next} [${Array(10).fill(`*${prev}`).join(',')}]`);
  }

  it('counts what aliases would expand to without expanding them', () => {
    const shared = { k: [1, 2, 3] };
    expect(expandedSize({ a: shared, b: shared }, 1000)).toBe(11);
    const deep: unknown[] = [];
    let level: unknown = 'leaf';
    for (let i = 0; i < 30; i++) level = [level, level];
    deep.push(level);
    expect(expandedSize(deep, 1_000_000)).toBe(1_000_001);
  });

  it('refuses a 1 KB alias bomb as a profile, naming the file, at once', async () => {
    const file = write('bomb.yaml', `name: bomb\nextends: default\n${bomb.join('\n')}\n`);
    expect(Buffer.byteLength(readFileSync(file))).toBeLessThan(1500);
    const err = await load(file).catch((e: unknown) => e as UserError);
    expect(err).toBeInstanceOf(ProfileError);
    expect((err as UserError).message).toBe(`${file}: expands to more than 100,000 values through YAML aliases`);
  });
});
