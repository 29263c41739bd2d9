// The Grafana import on small dashboards made for each rule: variables, units, thresholds, rows, built-ins, skips.
import { describe, expect, it } from 'vitest';
import { importDashboard } from '../../../src/config/grafana/import-dashboard.js';
import { panelThresholds, panelUnit } from '../../../src/config/grafana/grafana-panels.js';
import { planVariables, translateQuery } from '../../../src/config/grafana/grafana-variables.js';
import { profileYaml } from '../../../src/config/grafana/profile-yaml.js';

const variables = [
  { type: 'datasource', name: 'ds', query: 'prometheus' },
  { type: 'query', name: 'app', query: 'label_values(http_requests_total{env="prod"}, app)' },
  { type: 'query', name: 'instance', query: 'label_values(up, instance)', includeAll: true, multi: true },
  { type: 'query', name: 'node', query: 'label_values(up, node)' },
  { type: 'custom', name: 'quantile', query: '0.99,0.9', current: { value: '0.99' } },
  { type: 'constant', name: 'env', query: 'prod' },
  { type: 'interval', name: 'iv', auto: true, current: { value: '$__auto_interval_iv' } },
];

describe('translateQuery', () => {
  const plan = planVariables(variables);
  it.each([
    ['rate(x{app="$app"}[$__rate_interval])', 'rate(x{app="$service"}[$rate_interval])'],
    ['rate(x{app="${app}"}[$__interval])', 'rate(x{app="$service"}[$step])'],
    ['increase(x{app="[[app]]"}[$__range])', 'increase(x{app="$service"}[$window])'],
    ['x{instance="$instance"}', 'x{instance=~".*"}'],
    ['x{instance!="$instance"}', 'x{instance!~".*"}'],
    ['x{node="$node"}', 'x{node=~".+"}'],
    ['histogram_quantile($quantile, y{env="$env"})', 'histogram_quantile(0.99, y{env="prod"})'],
    ['x{env=~"${env:regex}"}', 'x{env=~"prod"}'],
    ['rate(x[$iv])', 'rate(x[$rate_interval])'],
  ])('%s -> %s', (from, to) => {
    expect(translateQuery(from, plan)).toEqual({ query: to });
  });
  it('refuses what it cannot translate, saying why', () => {
    expect(translateQuery('x{a="$nope"}', plan)).toEqual({ why: 'uses $nope, which the dashboard does not define' });
    expect(translateQuery('x / $__range_s', plan)).toEqual({ why: "uses Grafana's $__range_s, which has no equivalent here" });
  });
  it('takes the service variable by --service-var over the names it knows', () => {
    const byFlag = planVariables(variables, 'node');
    expect(translateQuery('x{node="$node",app="$app"}', byFlag)).toEqual({ query: 'x{node="$service",app=~".+"}' });
    expect(byFlag.service).toEqual({ variable: 'node', label: 'node', metric: 'up' });
  });
});

describe('units and thresholds', () => {
  it('reads the unit from field defaults, a graph axis or a singlestat format', () => {
    expect(panelUnit({ fieldConfig: { defaults: { unit: 'percentunit' } } })).toBe('percentunit');
    expect(panelUnit({ yaxes: [{ format: 'ms' }] })).toBe('ms');
    expect(panelUnit({ format: 'none' })).toBe('');
  });
  it('reads thresholds from steps, a singlestat string and graph colour modes', () => {
    expect(panelThresholds({ fieldConfig: { defaults: { thresholds: { steps: [{ value: null, color: 'green' }, { value: 0.01, color: 'orange' }, { value: 0.05, color: 'red' }] } } } })).toEqual({ warn: 0.01, crit: 0.05 });
    expect(panelThresholds({ fieldConfig: { defaults: { thresholds: { steps: [{ value: null, color: 'green' }, { value: 80, color: 'red' }] } } } })).toEqual({ crit: 80 });
    expect(panelThresholds({ thresholds: '70,90' })).toEqual({ warn: 70, crit: 90 });
    expect(panelThresholds({ thresholds: [{ value: 5, colorMode: 'critical' }, { value: 2, colorMode: 'warning' }] })).toEqual({ warn: 2, crit: 5 });
  });
});

describe('importDashboard', () => {
  const dashboard = {
    dashboard: {
      title: 'Payments / Overview', uid: 'pay1', templating: { list: variables },
      panels: [
        { type: 'stat', title: 'Queue depth', gridPos: { x: 12, y: 0 }, datasource: '$ds', targets: [{ expr: 'sum(queue_depth{app="$app"})' }], fieldConfig: { defaults: { unit: 'short' } } },
        { type: 'timeseries', title: 'Error rate', gridPos: { x: 0, y: 0 }, targets: [{ expr: 'sum(rate(http_requests_total{app="$app",code=~"5.."}[$__rate_interval])) / sum(rate(http_requests_total{app="$app"}[$__rate_interval]))' }] },
        { type: 'row', title: 'Latency', gridPos: { y: 8 }, collapsed: true, panels: [
          { type: 'graph', title: 'p99', gridPos: { y: 9 }, targets: [{ expr: 'histogram_quantile(0.99, sum by (le) (rate(d_bucket{app="$app"}[5m])))' }] },
          { type: 'bargauge', title: 'Slowest pods', gridPos: { y: 9 }, targets: [{ expr: 'topk(5, p99_by_pod{app="$app"})', legendFormat: '{{pod}}' }] },
          { type: 'heatmap', title: 'Latency heatmap', gridPos: { y: 10 }, targets: [{ expr: 'd_bucket' }] },
        ] },
        { type: 'timeseries', title: 'Logs volume', gridPos: { y: 20 }, datasource: { type: 'loki', uid: 'l1' }, targets: [{ expr: 'sum(count_over_time({app="x"}[1m]))' }] },
        { type: 'text', title: 'Runbook', gridPos: { y: 21 } },
        { type: 'table', title: 'Versions', gridPos: { y: 22 }, targets: [{ expr: 'build_info{app="$app"}', hide: true }, { expr: 'count by (version) (build_info{app="$app"})', legendFormat: 'v' }] },
      ],
    },
  };
  const imp = importDashboard(dashboard, 'pay.json');

  it('converts in reading order, rows as groups, built-ins taken from the panels that clearly are them', () => {
    expect(imp.panels.map((p) => [p.title, p.type, p.group ?? null, p.priority])).toEqual([
      ['Queue depth', 'stat', null, 1],
      ['Slowest pods', 'bars', 'Latency', 102],
      ['Versions', 'table', 'Latency', 3],
    ]);
    expect(imp.builtins.errorRate).toBe('sum(rate(http_requests_total{app="$service",code=~"5.."}[$rate_interval])) / sum(rate(http_requests_total{app="$service"}[$rate_interval]))');
    expect(imp.builtins.p99).toBe('histogram_quantile(0.99, sum by (le) (rate(d_bucket{app="$service"}[5m])))');
    expect(imp.service).toEqual({ variable: 'app', label: 'app', metric: 'http_requests_total{env="prod"}' });
    expect(imp.panels[1].legend).toBe('{{pod}}');
  });

  it('lists every panel it did not convert with its reason', () => {
    expect(imp.skipped).toEqual([
      { title: 'Latency heatmap', reason: 'heatmap panels are not drawn here (the p99 panel shows latency)', group: 'Latency' },
      { title: 'Logs volume', reason: 'another data source (loki)', group: 'Latency' },
      { title: 'Runbook', reason: 'text panels carry no query', group: 'Latency' },
    ]);
  });

  it('writes YAML with the skips as comments and the service label for the picker', () => {
    const yaml = profileYaml(imp, 'pay.json');
    expect(yaml).toContain('#   - Latency / Runbook: text panels carry no query\n');
    expect(yaml).toContain('labels:\n  service: "app"\n');
    expect(yaml).toContain('queries:\n  services: "http_requests_total{env=\\"prod\\"}"\n');
    expect(yaml).toContain('  - title: "Slowest pods"\n    type: bars\n    query: "topk(5, p99_by_pod{app=\\"$service\\"})"\n    legend: "{{pod}}"\n    priority: 102\n    group: "Latency"\n');
  });

  it('refuses what is not a dashboard, and an unknown --service-var', () => {
    expect(() => importDashboard([], 'x.json')).toThrow(/x.json: not a Grafana dashboard/);
    expect(() => importDashboard(dashboard, 'pay.json', { serviceVar: 'svc' })).toThrow(/--service-var svc: the dashboard has no such variable/);
  });
});
