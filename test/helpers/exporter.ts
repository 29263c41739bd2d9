// A small /metrics exporter with known error ratios and latency histograms; values grow linearly with time.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One simulated pod: requests per second, error ratio, and how its latency spreads over buckets. */
export interface PodSpec {
  service: string;
  pod: string;
  rps: number;
  errorRatio: number;
  /** Fraction of requests per bucket upper bound (seconds); the rest go to +Inf. */
  latency: Array<[number, number]>;
}

/** A running exporter. */
export interface Exporter {
  url: string;
  port: number;
  pods: PodSpec[];
  /** Extra exposition text appended to every scrape (e.g. deploy generations). */
  extra: { text: string };
  /** The epoch ms its counters count from (60 s before it started); stepped updates fall on whole steps after it. */
  startedMs: number;
  close(): Promise<void>;
}

/** Renders the exposition for the pods at `elapsedS` seconds since start. */
export function renderExposition(pods: PodSpec[], elapsedS: number): string {
  const lines = [
    '# HELP http_requests_total Requests served.',
    '# TYPE http_requests_total counter',
  ];
  for (const p of pods) {
    const total = p.rps * elapsedS;
    lines.push(`http_requests_total{service="${p.service}",pod="${p.pod}",status="200"} ${total * (1 - p.errorRatio)}`);
    lines.push(`http_requests_total{service="${p.service}",pod="${p.pod}",status="500"} ${total * p.errorRatio}`);
  }
  lines.push('# HELP http_request_duration_seconds Request latency.', '# TYPE http_request_duration_seconds histogram');
  for (const p of pods) {
    const total = p.rps * elapsedS;
    let cumulative = 0;
    for (const [le, share] of p.latency) {
      cumulative += share;
      lines.push(`http_request_duration_seconds_bucket{service="${p.service}",pod="${p.pod}",le="${le}"} ${total * cumulative}`);
    }
    lines.push(`http_request_duration_seconds_bucket{service="${p.service}",pod="${p.pod}",le="+Inf"} ${total}`);
    lines.push(`http_request_duration_seconds_sum{service="${p.service}",pod="${p.pod}"} ${total * 0.1}`);
    lines.push(`http_request_duration_seconds_count{service="${p.service}",pod="${p.pod}"} ${total}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Default pods: payments at 5% errors with one slow pod, checkout at 1%. */
export const DEFAULT_PODS: PodSpec[] = [
  { service: 'payments', pod: 'payments-hot-1', rps: 40, errorRatio: 0.05, latency: [[0.1, 0.5], [0.5, 0.3], [1, 0.1], [2.5, 0.08]] },
  { service: 'payments', pod: 'payments-2', rps: 60, errorRatio: 0.05, latency: [[0.1, 0.9], [0.5, 0.09], [1, 0.01], [2.5, 0]] },
  { service: 'checkout', pod: 'checkout-1', rps: 20, errorRatio: 0.01, latency: [[0.1, 0.95], [0.5, 0.05], [1, 0], [2.5, 0]] },
];

/** How the exporter publishes: continuously (the default) or in steps, like a target that updates once a second. */
export interface ExporterOptions {
  /** Counters change only every this many milliseconds, each step holding everything up to it. */
  updateEveryMs?: number;
  /** Put the time of the last update on every sample, in milliseconds (Vector's prometheus_exporter does). */
  stampSamples?: boolean;
  /** More exposition text for `elapsedS` seconds since start (after the stepping), e.g. Vector self-metrics. */
  extraAt?: (elapsedS: number) => string;
}

/** Appends ` <ms>` to every sample line of an exposition. */
function stamped(text: string, ms: number): string {
  return text.split('\n').map((l) => (l && !l.startsWith('#') ? `${l} ${ms}` : l)).join('\n');
}

/** Starts the exporter on an ephemeral loopback port. */
export async function startExporter(pods: PodSpec[] = DEFAULT_PODS, options: ExporterOptions = {}): Promise<Exporter> {
  const started = Date.now() - 60_000;
  const extra = { text: '' };
  const server: Server = createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
    const step = options.updateEveryMs;
    const sinceMs = Date.now() - started;
    const publishedMs = step ? Math.floor(sinceMs / step) * step : sinceMs;
    const body = renderExposition(pods, publishedMs / 1000) + (options.extraAt?.(publishedMs / 1000) ?? '');
    res.end((options.stampSamples ? stamped(body, started + publishedMs) : body) + extra.text);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    pods,
    extra,
    startedMs: started,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** Vector self-metrics of one loki sink that has received `inPerS` events a second and discarded `discardedPerS`. */
export function vectorSinkExposition(elapsedS: number, inPerS: number, discardedPerS: number): string {
  const labels = 'component_id="loki_out",component_kind="sink",component_type="loki"';
  return [
    '# TYPE vector_component_received_events_total counter',
    `vector_component_received_events_total{${labels}} ${inPerS * elapsedS}`,
    '# TYPE vector_component_sent_events_total counter',
    `vector_component_sent_events_total{${labels}} ${(inPerS - discardedPerS) * elapsedS}`,
    '# TYPE vector_component_discarded_events_total counter',
    `vector_component_discarded_events_total{${labels},intentional="false"} ${discardedPerS * elapsedS}`,
    '',
  ].join('\n');
}
