import { describe, expect, it } from 'vitest';
import { applyCommonFlags } from '../../src/cli/flags.js';
import { applySourceFlags } from '../../src/cli/source-flags.js';
import { readsStdin } from '../../src/sources/logs/log-sources.js';
import { UserError } from '../../src/config/errors.js';
import { resolveProfile } from '../../src/config/resolve-profile.js';

const base = () => resolveProfile({ prometheus: { url: 'http://localhost:9090' }, logs: { files: ['/var/log/app.log'] } }, 'test', 'test.yaml');

describe('applySourceFlags', () => {
  it('adds log files, commands and stdin to what the profile has', () => {
    const p = applySourceFlags(base(), { logs: ['a.log', '-'], logsCmd: ['kubectl logs -f -l app=$service'] });
    expect(p.logs.files).toEqual(['/var/log/app.log', 'a.log', '-']);
    expect(p.logs.commands).toEqual([{ cmd: 'kubectl logs -f -l app=$service', shell: false }]);
    expect(readsStdin(p)).toBe(true);
    expect(readsStdin(base())).toBe(false);
  });

  it('splits comma-separated scrape URLs and checks each', () => {
    const p = applySourceFlags(base(), { scrape: ['http://a:1/metrics, http://b:2/metrics', 'http://c:3/metrics'] });
    expect(p.scrape.targets).toEqual(['http://a:1/metrics', 'http://b:2/metrics', 'http://c:3/metrics']);
    expect(() => applySourceFlags(base(), { scrape: ['ftp://x/metrics'] })).toThrow(/--scrape: "ftp:\/\/x\/metrics" is not an http/);
    expect(() => applySourceFlags(base(), { scrape: [','] })).toThrow(/--scrape: no URL given/);
  });

  it('sets Loki and Alertmanager endpoints, keeping the profile selector', () => {
    const p = applySourceFlags(base(), { loki: 'http://loki:3100', alertmanager: 'http://am:9093' });
    expect(p.logs.loki).toMatchObject({ url: 'http://loki:3100', selector: '{app="$service"}', limit: 500 });
    expect(p.alertmanager).toMatchObject({ url: 'http://am:9093' });
  });

  it('refuses stdin twice and empty values, naming the flag', () => {
    const err = (() => {
      try {
        applySourceFlags(base(), { logs: ['-', '-'] });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toBe('--logs: "-" (stdin) given more than once');
    expect(() => applySourceFlags(base(), { logsCmd: [' '] })).toThrow('--logs-cmd: is empty');
    expect(() => applySourceFlags(base(), { deploysFile: '' })).toThrow('--deploys-file: is empty');
  });

  it('leaves the profile untouched when no flag is given', () => {
    const p = base();
    expect(applySourceFlags(p, {})).toEqual(p);
  });
});

describe('--prometheus ""', () => {
  it('turns Prometheus off', () => {
    expect(applyCommonFlags(base(), { prometheus: '' }).prometheus).toBeUndefined();
  });
});
