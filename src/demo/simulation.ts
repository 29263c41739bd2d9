// The simulated incident as a pure function of time: request counters, latency histograms and the pipeline.
import { cumulative, integrator, jitter, latencyCdf, latencyMean, ramp, rateAt, stepAt, type Latency, type Step, type Wobble } from './curves.js';
import { DEMO_BUCKETS, DEMO_PODS, HOT_POD, demoTimeline, type DemoPod, type DemoTimeline } from './scenario.js';
import { vectorComponents, type VectorComponent } from './vector-sim.js';

/** Cumulative counters of one pod at one moment; exact (fractional) values, floor them for an exposition. */
export interface PodCounters {
  service: string;
  pod: string;
  /** Requests by HTTP status code ("200", "500", "503"). */
  requests: Record<string, number>;
  /** Cumulative histogram buckets: `le` in seconds (Infinity last) and the count at or below it. */
  buckets: Array<{ le: number; count: number }>;
  /** Sum of observed latencies in seconds. */
  sum: number;
  count: number;
}

interface PodModel {
  pod: DemoPod;
  traffic: Wobble;
  errors500: Step[];
  errors503: Step[];
  latency: Array<{ fromS: number; value: Latency }>;
  /** Precomputed integrals: 5xx by status, each bucket (le order, +Inf last) and the latency sum, as functions of seconds. */
  count500: (tS: number) => number;
  count503: (tS: number) => number;
  bucketCounts: Array<(tS: number) => number>;
  latencySum: (tS: number) => number;
}

const RAMP_STEPS = 6;
/** Error shares wobble every minute for this long after the origin (seconds): the incident's past and 12 hours ahead. */
const NOISE_UNTIL_S = 15 * 3600;

function modelPod(pod: DemoPod, index: number, tl: DemoTimeline): PodModel {
  const traffic: Wobble = { mean: pod.rps, amplitude: 0.15, periodS: 240 + pod.phase * 20, phase: pod.phase };
  const deployS = (tl.deployMs - tl.originMs) / 1000;
  const peakS = (tl.peakMs - tl.originMs) / 1000;
  const median = 0.04 + 0.004 * pod.phase;
  const calm = { share500: 0.0015, share503: 0.0004, median };
  let after = calm;
  if (pod.pod === HOT_POD) after = { share500: 0.06, share503: 0.16, median: 0.7 };
  else if (pod.service === 'payments') after = { share500: 0.008, share503: 0.004, median: median * 1.6 };
  const latency = ramp(calm.median, after.median, deployS, peakS, RAMP_STEPS, true)
    .map((s) => ({ fromS: s.fromS, value: { median: s.value, shape: 3.2 } }));
  const errors500 = jitter(ramp(calm.share500, after.share500, deployS, peakS, RAMP_STEPS), index * 2, 60, NOISE_UNTIL_S, 0.35);
  const errors503 = jitter(ramp(calm.share503, after.share503, deployS, peakS, RAMP_STEPS), index * 2 + 1, 60, NOISE_UNTIL_S, 0.35);
  const over = (value: (d: Latency) => number) => integrator(traffic, latency.map((s) => ({ fromS: s.fromS, value: value(s.value) })));
  return {
    pod,
    traffic,
    errors500,
    errors503,
    latency,
    count500: integrator(traffic, errors500),
    count503: integrator(traffic, errors503),
    bucketCounts: [...DEMO_BUCKETS, Infinity].map((le) => over((d) => latencyCdf(d, le))),
    latencySum: over(latencyMean),
  };
}

/** The whole simulated incident, anchored at the moment the demo started. */
export class DemoSimulation {
  /** When things happen, as epoch milliseconds. */
  readonly timeline: DemoTimeline;
  private readonly models: PodModel[];

  /** `startMs`: the moment the demo starts (epoch milliseconds); the deploy and the loss lie a few minutes before it. */
  constructor(startMs: number) {
    this.timeline = demoTimeline(startMs);
    this.models = DEMO_PODS.map((p, i) => modelPod(p, i, this.timeline));
  }

  /** Seconds since the simulated processes started, for `atMs` (epoch milliseconds). */
  private seconds(atMs: number): number {
    return Math.max(0, (atMs - this.timeline.originMs) / 1000);
  }

  /** Counters of every pod at `atMs` (epoch milliseconds). */
  fleet(atMs: number): PodCounters[] {
    const t = this.seconds(atMs);
    return this.models.map((m) => {
      const total = cumulative(m.traffic, t);
      const e500 = m.count500(t);
      const e503 = m.count503(t);
      const buckets = m.bucketCounts.map((count, i) => ({ le: i < DEMO_BUCKETS.length ? DEMO_BUCKETS[i] : Infinity, count: count(t) }));
      const sum = m.latencySum(t);
      return {
        service: m.pod.service,
        pod: m.pod.pod,
        requests: { '200': Math.max(0, total - e500 - e503), '500': e500, '503': e503 },
        buckets,
        sum,
        count: buckets[buckets.length - 1].count,
      };
    });
  }

  /** Instantaneous state of one pod at `atMs`: request rate (per second), 5xx share by status, latency distribution. */
  podState(pod: string, atMs: number): { rps: number; share500: number; share503: number; latency: Latency } | undefined {
    const m = this.models.find((x) => x.pod.pod === pod);
    if (!m) return undefined;
    const t = this.seconds(atMs);
    const latency = m.latency.filter((s) => s.fromS <= t).pop()?.value ?? m.latency[0].value;
    return { rps: rateAt(m.traffic, t), share500: stepAt(m.errors500, t), share503: stepAt(m.errors503, t), latency };
  }

  /** Deployment generation of a service at `atMs`: payments goes from 1 to 2 at the deploy. */
  generation(service: string, atMs: number): number {
    if (service !== 'payments') return 1;
    return atMs >= this.timeline.deployMs ? 2 : 1;
  }

  /** Vector's self-metrics at `atMs`: a file source, a remap transform, a loki sink that loses events, an S3 sink. */
  pipeline(atMs: number): VectorComponent[] {
    return vectorComponents(this.timeline, atMs);
  }
}
