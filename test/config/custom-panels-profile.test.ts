// Custom panels in a profile: resolved with ids and defaults; a bad panel is one error naming the file and the field.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProfileError } from '../../src/config/errors.js';
import { loadProfile } from '../../src/config/load-profile.js';

const dir = mkdtempSync(join(tmpdir(), 'incident-panels-'));
const load = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return loadProfile({ name: file, cwd: dir, env: { HOME: dir } });
};

describe('panels: in a profile', () => {
  it('resolves each panel with an id from its title and the defaults', async () => {
    const p = await load('ok.yaml', [
      'extends: default', 'name: ledger', 'panels:',
      '  - title: Ledger 5xx ratio', '    type: timeseries', '    query: sum(rate(ledger_requests_total{code=~"5..",caller="$service"}[$rate_interval]))',
      '    unit: percentunit', '    thresholds: { warn: 0.01, crit: 0.05 }', '    legend: "{{pod}}"',
      '  - title: Queue depth', '    query: max(queue_depth)', '    priority: 1',
    ].join('\n'));
    expect(p.panels).toEqual([
      { id: 'ledger-5xx-ratio', title: 'Ledger 5xx ratio', type: 'timeseries', query: 'sum(rate(ledger_requests_total{code=~"5..",caller="$service"}[$rate_interval]))', unit: 'percentunit', thresholds: { warn: 0.01, crit: 0.05 }, legend: '{{pod}}', priority: 10 },
      { id: 'queue-depth', title: 'Queue depth', type: 'timeseries', query: 'max(queue_depth)', unit: '', thresholds: {}, priority: 1 },
    ]);
  });

  const bad: Array<[string, string, RegExp]> = [
    ['a type it does not know', '  - title: A\n    type: pie\n    query: up\n', /bad-0\.yaml: panels\[0\]\.type: expected one of timeseries, stat, bars, table, got string "pie"/],
    ['a missing query', '  - title: A\n    type: stat\n', /bad-1\.yaml: panels\[0\]\.query: is required/],
    ['a misspelt key', '  - title: A\n    query: up\n    unti: s\n', /bad-2\.yaml: panels\[0\]\.unti: unknown key/],
    ['a threshold that is not a number', '  - title: A\n    query: up\n    thresholds: { warn: high }\n', /bad-3\.yaml: panels\[0\]\.thresholds\.warn: expected a number/],
    ['a missing title', '  - query: up\n', /bad-4\.yaml: panels\[0\]\.title: is required/],
  ];
  it.each(bad.map((b, i) => [...b, i] as const))('refuses %s', async (_what, panels, message, i) => {
    const err = await load(`bad-${i}.yaml`, `name: x\npanels:\n${panels}`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProfileError);
    expect((err as Error).message).toMatch(message);
  });
});
