// The shipped demo profile, pointed at a running demo: every source field filled, so whatever the runtime wires finds its data.
import { describe, expect, it } from 'vitest';
import { demoProfile } from '../../src/app/demo-session.js';

describe('demoProfile', () => {
  it('points Prometheus, the scrape and pipeline targets, the log file and the deploys file at the demo', async () => {
    const server = { url: 'http://127.0.0.1:41234', files: { dir: '/tmp/d', logFile: '/tmp/d/app.log', deploysFile: '/tmp/d/deploys.jsonl', close() {} } };
    const p = await demoProfile(server, {});
    expect(p.name).toBe('demo');
    expect(p.prometheus?.url).toBe('http://127.0.0.1:41234');
    expect(p.scrape.targets).toEqual(['http://127.0.0.1:41234/metrics']);
    expect(p.pipeline.targets).toEqual(['http://127.0.0.1:41234/vector/metrics']);
    expect(p.pipeline).toMatchObject({ queries: false, products: ['vector'] });
    expect(p.logs.files).toEqual(['/tmp/d/app.log']);
    expect(p.deploys.file).toBe('/tmp/d/deploys.jsonl');
    expect(new RegExp(p.deploys.logPattern!).exec('deploy: payments generation 2 rolled out')?.groups?.version).toBe('generation 2');
    expect(p.thresholds).toEqual({ errorRateWarn: 0.01, errorRateCrit: 0.05, p99SloSeconds: 0.5 });
  });
});
