// The demo server over real HTTP on loopback: valid expositions, Prometheus API shapes, log files that grow and vanish on close.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../src/demo/server.js';
import { parseExposition } from '../../src/model/exposition/exposition.js';
import { extractPipeline } from '../../src/model/pipeline/pipeline-extract.js';
import { waitFor } from '../helpers/tsdb-server.js';

describe('startDemoServer', () => {
  let demo: DemoServer;
  beforeAll(async () => {
    demo = await startDemoServer({ logEveryMs: 50 });
  });
  afterAll(async () => {
    await demo?.close();
  });

  const get = async (path: string) => {
    const res = await fetch(`${demo.url}${path}`);
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
  };

  it('listens on 127.0.0.1', () => {
    expect(demo.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves the fleet /metrics as text 0.0.4 that parses with no problems', async () => {
    const r = await get('/metrics');
    expect(r.status).toBe(200);
    expect(r.type).toContain('version=0.0.4');
    const exp = parseExposition(r.body, r.type);
    expect(exp.errors).toEqual([]);
    expect(exp.types.get('http_requests_total')).toBe('counter');
    expect(exp.types.get('http_request_duration_seconds')).toBe('histogram');
    const pods = new Set(exp.samples.filter((s) => s.name === 'http_requests_total').map((s) => s.labels.pod));
    expect(pods.size).toBe(10);
    expect(exp.samples.find((s) => s.name === 'kube_deployment_metadata_generation' && s.labels.deployment === 'payments')?.value).toBe(2);
  });

  it('serves Vector\'s /metrics, which the pipeline extractor reads as four components with a discarding loki sink', async () => {
    const r = await get('/vector/metrics');
    const exp = parseExposition(r.body, r.type);
    expect(exp.errors).toEqual([]);
    const readings = extractPipeline(exp.samples, Date.now());
    expect(readings.map((c) => c.id).sort()).toEqual(['app_logs', 'archive', 'loki_out', 'parse']);
    const loki = readings.find((c) => c.id === 'loki_out')!;
    expect(loki).toMatchObject({ product: 'vector', kind: 'sink', type: 'loki' });
    expect(loki.discardedTotal).toBeGreaterThan(0);
    expect(loki.bufferFill).toBeGreaterThan(0.75);
  });

  it('answers query_range in the documented matrix shape', async () => {
    const now = Math.floor(Date.now() / 1000);
    const query = 'sum(rate(http_requests_total{service="payments",status=~"5.."}[60s])) / sum(rate(http_requests_total{service="payments"}[60s]))';
    const r = await get(`/api/v1/query_range?${new URLSearchParams({ query, start: String(now - 300), end: String(now), step: '30' })}`);
    expect(r.status).toBe(200);
    expect(r.type).toContain('application/json');
    const doc = JSON.parse(r.body);
    expect(doc).toMatchObject({ status: 'success', data: { resultType: 'matrix' } });
    expect(doc.data.result[0].values).toHaveLength(11);
    expect(doc.data.result[0].values[10]).toEqual([now, expect.stringMatching(/^0\.\d+/)]);
  });

  it('accepts queries sent as a POST form, as Prometheus does', async () => {
    const res = await fetch(`${demo.url}/api/v1/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ query: 'ALERTS' }).toString(),
    });
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { data: { resultType: string; result: Array<{ metric: Record<string, string> }> } };
    expect(doc.data.resultType).toBe('vector');
    expect(doc.data.result.map((r) => r.metric.alertname)).toContain('VectorSinkDiscarding');
  });

  it('answers an unknown query and an unknown path with Prometheus-shaped errors', async () => {
    const bad = await get('/api/v1/query?query=up');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ status: 'error', errorType: 'bad_data' });
    const missing = await get('/api/v1/series');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toMatchObject({ status: 'error', errorType: 'not_found' });
  });

  it('backfills the log file and keeps appending to it; the deploys file names the payments deploy', async () => {
    const first = readFileSync(demo.files.logFile, 'utf8');
    expect(first.split('\n').length).toBeGreaterThan(500);
    expect(first).toContain('deploy: payments generation 2 rolled out');
    const size = statSync(demo.files.logFile).size;
    await waitFor(async () => (statSync(demo.files.logFile).size > size ? true : null), 10_000, 'log file to grow');
    const deploys = readFileSync(demo.files.deploysFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(deploys.at(-1)).toMatchObject({ label: 'payments generation 2' });
  });
});

describe('DemoServer.close', () => {
  it('stops answering and removes its files', async () => {
    const demo = await startDemoServer();
    const dir = demo.files.dir;
    expect(existsSync(demo.files.logFile)).toBe(true);
    await demo.close();
    await demo.close();
    expect(existsSync(dir)).toBe(false);
    await expect(fetch(`${demo.url}/metrics`)).rejects.toThrow();
  });
});
