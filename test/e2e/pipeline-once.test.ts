// Pipeline health through the built CLI: Vector's self-metrics scraped directly from the demo's simulated Vector
// (a loki sink discarding events with its buffer nearly full), read twice for rates, shown with verdicts and reasons.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../src/demo/server.js';
import { runCli, tempStateDir } from '../helpers/cli.js';
import { freePort } from '../helpers/tsdb-server.js';

describe('pipeline health, scraped directly', () => {
  let demo: DemoServer;
  const stateDir = tempStateDir();
  beforeAll(async () => {
    demo = await startDemoServer();
  });
  afterAll(async () => {
    await demo?.close();
  });

  it('gives every Vector component a row, and the discarding sink a failing verdict with its reason', async () => {
    const r = await runCli(['watch', '--service', 'payments', '--profile', 'vector', '--prometheus', '', '--pipeline', demo.pipelineUrl, '--once', '--json', '--state-dir', stateDir]);
    const doc = JSON.parse(r.stdout);
    const byId = Object.fromEntries(doc.panels.pipeline.components.map((c: { id: string }) => [c.id, c]));
    expect(byId.loki_out).toMatchObject({ kind: 'sink', type: 'loki', product: 'vector', verdict: 'failing' });
    expect(byId.loki_out.discarded_per_s).toBeGreaterThan(50);
    expect(byId.loki_out.reason).toMatch(/^discarding \d+ events\/s/);
    expect(byId.loki_out.buffer_fill).toBeGreaterThan(0.9);
    expect(byId.archive).toMatchObject({ verdict: 'ok' });
    expect(doc.panels.pipeline.components[0].id).toBe('loki_out');
    expect(doc.sources).toContainEqual(expect.objectContaining({ name: 'pipeline', kind: 'pipeline', state: 'up' }));
  });

  it('draws the panel in the text frame with the verdict as a word', async () => {
    const r = await runCli(['watch', '--service', 'payments', '--profile', 'vector', '--prometheus', '', '--pipeline', demo.pipelineUrl, '--once', '--state-dir', stateDir]);
    expect(r.stdout).toMatch(/Pipeline health {2}1 failing/);
    expect(r.stdout).toMatch(/^FAILING +loki_out .* discarding \d+ events\/s/m);
  });

  it('says why when the target is down', async () => {
    const dead = `http://127.0.0.1:${await freePort()}/metrics`;
    const r = await runCli(['watch', '--service', 'payments', '--profile', 'vector', '--prometheus', '', '--pipeline', dead, '--once', '--json', '--state-dir', stateDir]);
    const doc = JSON.parse(r.stdout);
    expect(r.code).toBe(1);
    expect(doc.sources).toContainEqual(expect.objectContaining({ name: 'pipeline', state: 'down', error: expect.stringContaining('connection refused') }));
    expect(doc.panels.pipeline.components).toEqual([]);
  });
});
