// Step and $rate_interval follow the Grafana rule; templates expand and escape.
import { describe, expect, it } from 'vitest';
import { expandQuery, rateIntervalMs, stepForWidth } from '../../src/config/template.js';

describe('stepForWidth', () => {
  it.each([
    [900_000, 60, 15_000],
    [900_000, 91, 10_000],
    [300_000, 1000, 1000],
    [30 * 86_400_000, 80, 32_400_000],
    [86_400_000 * 400, 100_000, 3_142_000],
  ])('window %d ms over %d columns -> %d ms', (windowMs, cols, want) => {
    expect(stepForWidth(windowMs, cols)).toBe(want);
    expect(windowMs / stepForWidth(windowMs, cols)).toBeLessThanOrEqual(11_000);
  });
});

describe('rateIntervalMs', () => {
  it.each([
    [15_000, 15_000, 60_000],
    [60_000, 15_000, 75_000],
    [1000, 1000, 4000],
  ])('step %d, scrape %d -> %d', (step, scrape, want) => expect(rateIntervalMs(step, scrape)).toBe(want));
});

describe('expandQuery', () => {
  it('substitutes every variable and escapes the service name', () => {
    const q = expandQuery('rate(x{service="$service",pod$pod_matcher}[$rate_interval]) offset $window step $step', {
      service: 'pay"ments', windowMs: 900_000, stepMs: 15_000, scrapeIntervalMs: 15_000,
    });
    expect(q).toBe('rate(x{service="pay\\"ments",pod=~".+"}[60s]) offset 900s step 15s');
  });
  it('leaves unknown $words alone', () => {
    expect(expandQuery('$unknown $service', { service: 's', windowMs: 60_000, stepMs: 1000, scrapeIntervalMs: 1000 })).toBe('$unknown s');
  });
});

describe('pod scope', () => {
  const vars = { service: 'payments', pod: 'pay-"3"', podLabel: 'pod', windowMs: 900_000, stepMs: 15_000, scrapeIntervalMs: 15_000 };
  const errorRate = 'sum(rate(http_requests_total{service="$service",status=~"5.."}[$rate_interval])) / sum(rate(http_requests_total{ service = "$service"}[$rate_interval]))';

  it('adds the pod matcher beside every service matcher of a template that does not name the pod', () => {
    expect(expandQuery(errorRate, vars)).toBe(
      'sum(rate(http_requests_total{service="payments",pod="pay-\\"3\\"",status=~"5.."}[60s])) / sum(rate(http_requests_total{ service = "payments",pod="pay-\\"3\\""}[60s]))',
    );
  });

  it('leaves a template that names the pod itself, a query without a pod, and one without the pod label alone', () => {
    expect(expandQuery('up{job="x",instance=~"$pod"}', vars)).toBe('up{job="x",instance=~"pay-\\"3\\""}');
    expect(expandQuery('m{app="$service",pod$pod_matcher}', vars)).toBe('m{app="payments",pod="pay-\\"3\\""}');
    expect(expandQuery(errorRate, { ...vars, pod: undefined })).not.toContain('pod=');
    expect(expandQuery('kube_deployment_status_observed_generation{deployment="$service"}', { ...vars, podLabel: undefined })).toBe('kube_deployment_status_observed_generation{deployment="payments"}');
  });
});

describe('Grafana variables', () => {
  it('takes $__rate_interval, $__interval, $__range and the ${name} form as our own', () => {
    const vars = { service: 'payments', windowMs: 900_000, stepMs: 15_000, scrapeIntervalMs: 15_000 };
    expect(expandQuery('rate(x{service="${service}"}[$__rate_interval]) / $__interval / $__range / ${__rate_interval} $unknown', vars))
      .toBe('rate(x{service="payments"}[60s]) / 15s / 900s / 60s $unknown');
  });
});
