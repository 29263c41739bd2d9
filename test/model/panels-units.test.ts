// Grafana unit names formatted for a terminal cell, and threshold levels and legends of custom panels.
import { describe, expect, it } from 'vitest';
import { legendLabel, panelLevel, uniqueIds } from '../../src/model/panels/custom-panel.js';
import { formatUnit } from '../../src/model/panels/units.js';

describe('formatUnit', () => {
  it.each([
    [0.0234, 'percentunit', '2.34%'],
    [0.5, 'percentunit', '50%'],
    [87.25, 'percent', '87.3%'],
    [0.25, 's', '250ms'],
    [2.5, 's', '2.5s'],
    [90, 's', '1.5m'],
    [7200, 's', '2h'],
    [42, 'ms', '42ms'],
    [1500, 'ms', '1.5s'],
    [0.000004, 's', '4µs'],
    [1536, 'bytes', '1.5KiB'],
    [3 * 1024 ** 3, 'bytes', '3GiB'],
    [1500, 'decbytes', '1.5kB'],
    [12.5, 'reqps', '12.5 req/s'],
    [12_500, 'reqps', '12.5k req/s'],
    [2_000_000, 'Bps', '2MB/s'],
    [1234, 'short', '1.23 K'],
    [5_000_000, 'short', '5 Mil'],
    [17, 'short', '17'],
    [0.333333, '', '0.333'],
    [3, 'none', '3'],
    [4, 'widgets', '4 widgets'],
    [9, 'suffix: pods', '9 pods'],
  ])('%s in %s is %s', (value, unit, text) => {
    expect(formatUnit(value, unit)).toBe(text);
  });

  it('says n/a for no value and keeps infinities readable', () => {
    expect(formatUnit(null, 's')).toBe('n/a');
    expect(formatUnit(Number.POSITIVE_INFINITY, 's')).toBe('+Inf');
  });
});

describe('panelLevel', () => {
  it('higher is worse when crit is above warn', () => {
    const t = { warn: 0.01, crit: 0.05 };
    expect([0.001, 0.01, 0.03, 0.05, 0.2].map((v) => panelLevel(v, t))).toEqual(['ok', 'warn', 'warn', 'crit', 'crit']);
  });
  it('lower is worse when crit is below warn (free disk, replicas)', () => {
    const t = { warn: 20, crit: 5 };
    expect([50, 20, 10, 5, 1].map((v) => panelLevel(v, t))).toEqual(['ok', 'warn', 'warn', 'crit', 'crit']);
  });
  it('a panel without thresholds has no level', () => {
    expect(panelLevel(3, {})).toBeNull();
  });
});

describe('legendLabel and ids', () => {
  it('fills {{label}} from the series, or lists the labels', () => {
    expect(legendLabel('{{pod}} on {{node}}', { pod: 'a-1', node: 'n2' })).toBe('a-1 on n2');
    expect(legendLabel(undefined, { __name__: 'up', job: 'x' })).toBe('x');
    expect(legendLabel(undefined, { a: '1', b: '2' })).toBe('a=1,b=2');
    expect(legendLabel(undefined, {})).toBe('value');
  });
  it('gives unique ids from titles', () => {
    expect(uniqueIds(['Ledger 5xx ratio', 'Queue depth', 'Queue depth'])).toEqual(['ledger-5xx-ratio', 'queue-depth', 'queue-depth-2']);
  });
});
