// The suspects against a real Prometheus with a known truth: five payments pods, one with a p99 of 2.5 s among
// pods at 250 ms, and a deployment generation step one minute before the error ratio rises from 0.1% to 5%.
// `watch --once --json` must rank that change and that pod first, with those numbers.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBinary } from '../helpers/binaries.js';
import { fixtureProfile, runCli, tempStateDir } from '../helpers/cli.js';
import { startTsdb, type TsdbServer } from '../helpers/tsdb-server.js';

const PODS = ['payments-hot-1', 'payments-a', 'payments-b', 'payments-c', 'payments-d'];
const RPS = 20;
/** Shares of requests per latency bucket: 99% at or under 2.5 s for the hot pod, 250 ms for the others. */
const HOT: Array<[string, number]> = [['0.1', 0], ['0.25', 0], ['1', 0.5], ['2.5', 0.99], ['5', 1], ['+Inf', 1]];
const PEER: Array<[string, number]> = [['0.1', 0.5], ['0.25', 0.99], ['1', 1], ['2.5', 1], ['5', 1], ['+Inf', 1]];

/** A /metrics target whose counters follow the truth: the generation and error ratio switch at the given moments. */
function truthExporter(startMs: number, truth: { generationAt: number | null; riseAt: number | null }) {
  return (): string => {
    const now = Date.now();
    const t = (now - startMs) / 1000;
    const calm = truth.riseAt === null ? t : Math.min(t, (truth.riseAt - startMs) / 1000);
    const hot = Math.max(0, t - calm);
    const lines = ['# TYPE http_requests_total counter'];
    for (const pod of PODS) {
      const errors = RPS * (0.001 * calm + 0.05 * hot);
      lines.push(`http_requests_total{service="payments",pod="${pod}",status="500"} ${errors}`);
      lines.push(`http_requests_total{service="payments",pod="${pod}",status="200"} ${RPS * t - errors}`);
    }
    lines.push('# TYPE http_request_duration_seconds histogram');
    for (const pod of PODS) {
      for (const [le, share] of pod === 'payments-hot-1' ? HOT : PEER) lines.push(`http_request_duration_seconds_bucket{service="payments",pod="${pod}",le="${le}"} ${RPS * t * share}`);
      lines.push(`http_request_duration_seconds_count{service="payments",pod="${pod}"} ${RPS * t}`);
      lines.push(`http_request_duration_seconds_sum{service="payments",pod="${pod}"} ${RPS * t * 0.3}`);
    }
    const generation = truth.generationAt !== null && now >= truth.generationAt ? 2 : 1;
    lines.push('# TYPE kube_deployment_status_observed_generation gauge', `kube_deployment_status_observed_generation{deployment="payments",namespace="prod"} ${generation}`);
    return `${lines.join('\n')}\n`;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const prometheus = requireBinary('prometheus', 'prometheus');
describe.skipIf(!prometheus)('suspects against a real Prometheus with a known truth', () => {
  let server: Server;
  let tsdb: TsdbServer;
  const truth = { generationAt: null as number | null, riseAt: null as number | null };
  const dir = mkdtempSync(join(tmpdir(), 'incident-why-prom-'));
  const profile = join(dir, 'k8s.yaml');
  const stateDir = tempStateDir();

  beforeAll(async () => {
    const body = truthExporter(Date.now() - 60_000, truth);
    server = createServer((_req, res) => res.end(body()));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    tsdb = await startTsdb('prometheus', prometheus as string, [`127.0.0.1:${(server.address() as AddressInfo).port}`]);
    writeFileSync(profile, [
      `extends: ${fixtureProfile('fast')}`, 'name: k8s', 'deploys:', '  queries: [\'kube_deployment_status_observed_generation{deployment="$service"}\']',
    ].join('\n'));
    // A calm stretch, the generation step, a minute, the rise, and long enough after it for the rise to be plain.
    await sleep(20_000);
    truth.generationAt = Date.now();
    await sleep(60_000);
    truth.riseAt = Date.now();
    await sleep(25_000);
  }, 180_000);
  afterAll(async () => {
    await tsdb?.stop();
    await new Promise((r) => server?.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('--once --json ranks the generation step and the slow pod first, with the lag, the rates and the p99s', async () => {
    const res = await runCli(['watch', '--service', 'payments', '--profile', profile, '--prometheus', tsdb.url, '--window', '5m', '--once', '--json', '--state-dir', stateDir]);
    expect(res.code).toBe(0);
    const doc = JSON.parse(res.stdout);
    const [first, second, ...rest] = doc.panels.suspects;
    expect([first.kind, first.subject, second.kind, second.subject]).toEqual(['change', 'payments generation 2', 'pod', 'payments-hot-1']);
    expect(rest).toEqual([]);
    // The marker sits on the step that first shows generation 2; the rise on the first point past 1.1% (a few seconds
    // after the switch, as rate() over 4 s catches up): a lag of about a minute either way.
    const lag = Number(/^deployed (\d+) s before errors rose 0\.1% -> 5\.0%$/.exec(first.evidence)?.[1]);
    expect(lag).toBeGreaterThanOrEqual(55);
    expect(lag).toBeLessThanOrEqual(70);
    expect(first.at).toBe(doc.panels.deploys[0].at);
    expect(Math.abs(Date.parse(first.at) - (truth.generationAt as number))).toBeLessThan(doc.step_s * 1000 + 2000);
    expect(second.evidence).toBe('p99 2.50 s vs 250 ms median of 4 peers');
    expect(first.score).toBeGreaterThan(second.score);
  });

  it('the plain frame says it on the Why line', async () => {
    const res = await runCli(['watch', '--service', 'payments', '--profile', profile, '--prometheus', tsdb.url, '--window', '5m', '--once', '--ascii', '--state-dir', stateDir]);
    expect(res.stdout.split('\n')[2]).toMatch(/^Why deploy payments generation 2 \d+s before rise \. payments-hot-1 p99 10x peers$/);
  });
});
