// Services and pods for the picker, from a real Prometheus scraping an exporter; selectors and the cap.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveProfile } from '../../../src/config/resolve-profile.js';
import { capValues, listLabelValues, loadPickerValues, listPods, listServices, podsMatch, servicesMatch } from '../../../src/sources/metrics/label-values.js';
import { PrometheusApi } from '../../../src/sources/metrics/prometheus-api.js';
import { requireBinary } from '../../helpers/binaries.js';
import { startExporter, type Exporter } from '../../helpers/exporter.js';
import { startTsdb, type TsdbServer } from '../../helpers/tsdb-server.js';

const plainProfile = resolveProfile({}, 'plain', '(test)');
const k8s = resolveProfile({ labels: { service: 'app', pod: 'pod_name', namespace: 'ns' }, queries: { pods: 'kube_pod_info{app="$service",ns="$namespace"}' } }, 'k8s', '(test)');

describe('selectors', () => {
  it.each([
    ['services, no template', servicesMatch(plainProfile), '{service!=""}'],
    ['services in a namespace', servicesMatch(plainProfile, { namespace: 'prod' }), '{namespace="prod",service!=""}'],
    ['services from the profile template', servicesMatch(resolveProfile({ queries: { services: 'up{job="$namespace"}' } }, 'p', '(t)'), { namespace: 'a"b' }), 'up{job="a\\"b"}'],
    ['pods with the profile labels', podsMatch(resolveProfile({ labels: { service: 'app', pod: 'pod_name' } }, 'p', '(t)'), { service: 'payments' }), '{app="payments",pod_name!=""}'],
    ['pods in a namespace, quotes escaped', podsMatch(plainProfile, { service: 'pay"ments', namespace: 'prod' }), '{namespace="prod",service="pay\\"ments",pod!=""}'],
    ['pods from the profile template', podsMatch(k8s, { service: 'payments', namespace: 'prod' }), 'kube_pod_info{app="payments",ns="prod"}'],
  ])('%s', (_name, got, want) => {
    expect(got).toBe(want);
  });
});

describe('capValues', () => {
  it('sorts, drops empty values, keeps the first `limit`, counts them all', () => {
    expect(capValues(['b', '', 'a', 'c'], 2)).toEqual({ values: ['a', 'b'], total: 3 });
  });
  it('copes with 50,000 values', () => {
    const raw = Array.from({ length: 50_000 }, (_, i) => `pod-${49_999 - i}`);
    const r = capValues(raw, 5000);
    expect(r.total).toBe(50_000);
    expect(r.values.length).toBe(5000);
    expect(r.values[0]).toBe('pod-0');
  });
});

const binary = requireBinary('prometheus', 'prometheus');
describe.skipIf(!binary)('against a real Prometheus', () => {
  let exporter: Exporter;
  let tsdb: TsdbServer;
  let api: PrometheusApi;

  beforeAll(async () => {
    exporter = await startExporter();
    tsdb = await startTsdb('prometheus', binary!, [`127.0.0.1:${exporter.port}`]);
    api = new PrometheusApi({ url: tsdb.url, headers: {}, timeoutMs: 5000, secrets: [] });
  }, 60_000);
  afterAll(async () => {
    await tsdb?.stop();
    await exporter?.close();
  });

  it('lists the services', async () => {
    const r = await listServices(api, plainProfile);
    expect(r).toMatchObject({ values: ['checkout', 'payments'], total: 2 });
    expect(typeof r.latencyMs).toBe('number');
  });

  it('lists the pods of one service', async () => {
    expect(await listPods(api, plainProfile, { service: 'payments' })).toMatchObject({ values: ['payments-2', 'payments-hot-1'], total: 2 });
    expect(await listPods(api, plainProfile, { service: 'nonexistent' })).toMatchObject({ values: [], total: 0 });
  });

  it('keeps at most `limit` values and counts the rest', async () => {
    expect(await listLabelValues(api, 'pod', '{service!=""}', 2)).toMatchObject({ values: ['checkout-1', 'payments-2'], total: 3 });
  });

  it('answers the picker with a values action, services without a service in scope, pods with one', async () => {
    expect(await loadPickerValues(api, plainProfile, {})).toEqual({ type: 'values', values: ['checkout', 'payments'], total: 2 });
    expect(await loadPickerValues(api, plainProfile, { service: 'checkout' })).toEqual({ type: 'values', values: ['checkout-1'], total: 1 });
  });

  it('answers with a failed action, never a throw, when Prometheus is unreachable', async () => {
    const dead = new PrometheusApi({ url: 'http://127.0.0.1:1', headers: {}, timeoutMs: 2000, secrets: [] });
    expect(await loadPickerValues(dead, plainProfile, {})).toEqual({ type: 'failed', error: expect.stringMatching(/connection refused/) });
  });

  it('rejects a bad selector with the server\'s reason', async () => {
    await expect(listLabelValues(api, 'pod', '{service=}')).rejects.toMatchObject({ code: 'INC_PROM_API', errorType: 'bad_data' });
  });
});
