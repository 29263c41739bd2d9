// The direct scrape source through the built CLI: rates and p99 computed client-side from a live exporter with no
// Prometheus at all, fallback to the scrape when Prometheus is down, and bad targets as visible states.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempStateDir } from '../helpers/cli.js';
import { startExporter, type Exporter } from '../helpers/exporter.js';
import { freePort } from '../helpers/tsdb-server.js';

describe('watch --scrape --once', () => {
  let exporter: Exporter;
  let bad: Server;
  let badUrl = '';
  const stateDir = tempStateDir();
  const dir = mkdtempSync(join(tmpdir(), 'incident-scrape-'));
  const profile = join(dir, 'fast-scrape.yaml');
  writeFileSync(profile, 'name: fast-scrape\nextends: default\nscrape:\n  interval: 1s\n  timeout: 2s\n');
  const once = (...args: string[]) => runCli(['watch', '--service', 'payments', '--profile', profile, '--once', '--json', '--state-dir', stateDir, ...args]);

  beforeAll(async () => {
    exporter = await startExporter();
    bad = createServer((req, res) => {
      if (req.url === '/500') res.writeHead(500).end('oops');
      else res.writeHead(200, { 'content-type': 'text/plain' }).end('<html>not metrics</html>\n');
    });
    await new Promise<void>((r) => bad.listen(0, '127.0.0.1', r));
    badUrl = `http://127.0.0.1:${(bad.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await exporter?.close();
    await new Promise((r) => bad?.close(r));
  });

  it('computes the error ratio and p99 per pod itself, with no Prometheus', async () => {
    const r = await once('--prometheus', '', '--scrape', `${exporter.url}/metrics`);
    const doc = JSON.parse(r.stdout);
    expect(r.code).toBe(0);
    expect(doc.panels.error_rate.origin).toBe('scrape');
    expect(doc.panels.error_rate.current).toBeCloseTo(0.05, 6);
    const bars = Object.fromEntries(doc.panels.p99.bars.map((b: { label: string; seconds: number }) => [b.label, b.seconds]));
    // payments-hot-1: 98% of requests are under 2.5 s, so the 0.99 quantile lands in +Inf and answers 2.5, as Prometheus does.
    expect(bars['payments-hot-1']).toBeCloseTo(2.5, 9);
    expect(bars['payments-2']).toBeCloseTo(0.5, 6);
    // ... which is a floor, and the JSON says so; payments-2's 500ms is a reading.
    const floor = Object.fromEntries(doc.panels.p99.bars.map((b: { label: string; at_least: boolean }) => [b.label, b.at_least]));
    expect(floor).toEqual({ 'payments-hot-1': true, 'payments-2': false });
    expect(doc.sources).toEqual([expect.objectContaining({ name: 'scrape', kind: 'scrape', state: 'up' })]);
    expect(doc.ttfg_ms).toBeGreaterThan(0);
  });

  it('falls back to the scrape when Prometheus is down', async () => {
    const dead = `http://127.0.0.1:${await freePort()}`;
    const r = await once('--prometheus', dead, '--scrape', `${exporter.url}/metrics`);
    const doc = JSON.parse(r.stdout);
    expect(doc.panels.error_rate.origin).toBe('scrape');
    expect(doc.panels.error_rate.current).toBeCloseTo(0.05, 6);
    expect(doc.sources.find((s: { name: string }) => s.name === 'prometheus')).toMatchObject({ state: 'down' });
  });

  it('shows failing targets in the state and keeps the good one', async () => {
    const r = await once('--prometheus', '', '--scrape', `${exporter.url}/metrics,${badUrl}/500,${badUrl}/html`);
    const doc = JSON.parse(r.stdout);
    const scrape = doc.sources.find((s: { name: string }) => s.name === 'scrape');
    expect(scrape.state).toBe('degraded');
    expect(scrape.error).toContain(`HTTP 500 from ${badUrl}/500`);
    expect(scrape.error).toContain(`no samples from ${badUrl}/html`);
    expect(doc.panels.error_rate.current).toBeCloseTo(0.05, 6);
  });

  it('refuses a body over the cap as a visible error, not an out-of-memory', async () => {
    const capped = join(dir, 'capped.yaml');
    writeFileSync(capped, 'name: capped\nextends: default\nscrape:\n  interval: 1s\n  max_bytes: 1024\n');
    const r = await runCli(['watch', '--service', 'payments', '--profile', capped, '--prometheus', '', '--scrape', `${exporter.url}/metrics`, '--once', '--json', '--state-dir', stateDir]);
    const doc = JSON.parse(r.stdout);
    expect(r.code).toBe(1);
    expect(doc.sources[0]).toMatchObject({ name: 'scrape', state: 'down' });
    expect(doc.sources[0].error).toMatch(/answer larger than 1 KiB/);
  });

  it('names the flag when a scrape URL is not http', async () => {
    const r = await runCli(['watch', '--service', 'payments', '--scrape', 'localhost:9100/metrics', '--once']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^incident: --scrape: "localhost:9100\/metrics" is not an http/);
  });
});
