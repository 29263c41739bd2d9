// A real Prometheus holding six hours of past data, written by `promtool tsdb create-blocks-from openmetrics` before
// it starts: payments' deployment generation steps from 4 to 5, and one minute later its error ratio goes from 0.1%
// to 8%; HighErrorRate fires two minutes after the rise. Nothing is scraped: the past is all it has.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from './tsdb-server.js';

/** Length of the history, in seconds. */
export const HISTORY_S = 6 * 3600;

/** Seconds between two stored samples. */
export const SAMPLE_S = 15;

/** Requests per second of payments, all pods together. */
const RPS = 100;

/** A Prometheus serving the history, with its known moments in Unix seconds. */
export interface HistoryPrometheus {
  url: string;
  /** When the generation steps from 4 to 5. */
  deployS: number;
  /** When the error ratio rises from 0.001 to 0.08 (one minute after the deploy). */
  riseS: number;
  /** First and last stored sample. */
  startS: number;
  endS: number;
  /** The OpenMetrics file the blocks were written from, in bytes. */
  bytes: number;
  stop(): Promise<void>;
}

/** The history as OpenMetrics text (families grouped, samples in time order, `# EOF`). */
export function historyText(startS: number, endS: number, deployS: number, riseS: number): string {
  const out: string[] = [];
  const times: number[] = [];
  for (let t = startS; t <= endS; t += SAMPLE_S) times.push(t);
  const ratio = (t: number) => (t >= riseS ? 0.08 : 0.001);
  // Counters grow by rate x interval; the error ratio holds exactly within each sample interval.
  const counter = (name: string, labels: string, share: (t: number) => number) => {
    let v = 0;
    for (const t of times) {
      out.push(`${name}{${labels}} ${v} ${t}`);
      v += RPS * share(t + SAMPLE_S) * SAMPLE_S;
    }
  };
  out.push('# TYPE http_requests_total counter');
  counter('http_requests_total', 'job="app",service="payments",pod="payments-0",status="500"', (t) => ratio(t));
  counter('http_requests_total', 'job="app",service="payments",pod="payments-0",status="200"', (t) => 1 - ratio(t));
  // After the rise one in ten requests of payments-0 takes over a second.
  const buckets: Array<[string, (t: number) => number]> = [
    ['0.1', (t) => (t >= riseS ? 0.5 : 0.9)], ['0.5', (t) => (t >= riseS ? 0.8 : 0.99)], ['1', (t) => (t >= riseS ? 0.9 : 1)], ['2.5', () => 1], ['+Inf', () => 1],
  ];
  for (const [le, share] of buckets) counter('http_request_duration_seconds_bucket', `job="app",service="payments",pod="payments-0",le="${le}"`, share);
  out.push('# TYPE kube_deployment_status_observed_generation gauge');
  for (const t of times) out.push(`kube_deployment_status_observed_generation{job="app",deployment="payments",namespace="prod"} ${t >= deployS ? 5 : 4} ${t}`);
  out.push('# TYPE ALERTS gauge');
  for (const t of times) if (t >= riseS + 120) out.push(`ALERTS{alertname="HighErrorRate",alertstate="firing",service="payments",severity="critical"} 1 ${t}`);
  out.push('# EOF');
  return `${out.join('\n')}\n`;
}

/** Writes the blocks and starts Prometheus on them; the deploy is `deployAgoS` seconds before now. */
export async function startHistoryPrometheus(binary: string, promtool: string, deployAgoS = 3 * 3600): Promise<HistoryPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'incident-history-'));
  const nowS = Math.floor(Date.now() / 1000 / SAMPLE_S) * SAMPLE_S;
  const endS = nowS - 60;
  const startS = endS - HISTORY_S;
  const deployS = Math.floor((nowS - deployAgoS) / 60) * 60;
  const riseS = deployS + 60;
  const text = historyText(startS, endS, deployS, riseS);
  writeFileSync(join(dir, 'history.om'), text);
  execFileSync(promtool, ['tsdb', 'create-blocks-from', 'openmetrics', join(dir, 'history.om'), join(dir, 'data')], { stdio: 'ignore' });
  writeFileSync(join(dir, 'prometheus.yml'), 'global:\n  scrape_interval: 15s\nscrape_configs: []\n');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(binary, [
    `--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, '--storage.tsdb.retention.time=30d',
    `--web.listen-address=127.0.0.1:${port}`, '--log.level=error',
  ], { stdio: 'ignore' });
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(async () => (await fetch(`${url}/-/ready`)).ok, 30_000, 'prometheus on the history');
    await waitFor(async () => {
      const q = new URLSearchParams({ query: 'count_over_time(kube_deployment_status_observed_generation[7h])', time: String(nowS) });
      const body = (await (await fetch(`${url}/api/v1/query?${q}`)).json()) as { data?: { result?: Array<{ value: [number, string] }> } };
      return Number(body.data?.result?.[0]?.value[1] ?? 0) > 1000;
    }, 30_000, 'the blocks to load');
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, deployS, riseS, startS, endS, bytes: Buffer.byteLength(text), stop };
}
