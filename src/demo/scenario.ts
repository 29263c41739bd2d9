// The cast and the timeline of the simulated incident behind `incident demo`.

/** One simulated pod: its service, name and traffic shape. */
export interface DemoPod {
  service: string;
  pod: string;
  /** Mean request rate in requests per second. */
  rps: number;
  /** Phase of the traffic wobble in radians, so pods do not move in lockstep. */
  phase: number;
}

/** The services of the demo fleet. */
export const DEMO_SERVICES = ['payments', 'checkout', 'search'] as const;

/** The pod that turns slow and starts failing after the payments deploy. */
export const HOT_POD = 'payments-hot-1';

/** The pods of the demo fleet, 3 or 4 per service. */
export const DEMO_PODS: readonly DemoPod[] = [
  { service: 'payments', pod: 'payments-7c9f-a', rps: 42, phase: 0.3 },
  { service: 'payments', pod: 'payments-7c9f-b', rps: 40, phase: 1.9 },
  { service: 'payments', pod: HOT_POD, rps: 38, phase: 4.1 },
  { service: 'checkout', pod: 'checkout-5d2b-a', rps: 25, phase: 0.8 },
  { service: 'checkout', pod: 'checkout-5d2b-b', rps: 27, phase: 2.6 },
  { service: 'checkout', pod: 'checkout-5d2b-c', rps: 24, phase: 5.0 },
  { service: 'search', pod: 'search-9a41-a', rps: 60, phase: 1.1 },
  { service: 'search', pod: 'search-9a41-b', rps: 58, phase: 3.3 },
  { service: 'search', pod: 'search-9a41-c', rps: 61, phase: 4.7 },
  { service: 'search', pod: 'search-9a41-d', rps: 55, phase: 5.9 },
];

/** Upper bounds of the latency histogram buckets in seconds (+Inf is added when written). */
export const DEMO_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Label of the deploy that starts the incident. */
export const DEPLOY_LABEL = 'payments generation 2';

/** Moments of the incident as epoch milliseconds, all derived from the moment the demo started. */
export interface DemoTimeline {
  /** When every simulated process started counting (counters are 0 here). */
  originMs: number;
  /** When the demo started: the console opens on an incident already under way. */
  startMs: number;
  /** The payments deploy ("payments generation 2"). */
  deployMs: number;
  /** When the hot pod's trouble is at full strength (ramps from the deploy). */
  peakMs: number;
  /** When the Vector loki sink started discarding events. */
  lossMs: number;
}

/** The timeline for a demo started at `startMs` (epoch milliseconds): deploy 4 min before, loss from 6 min before. */
export function demoTimeline(startMs: number): DemoTimeline {
  return {
    originMs: startMs - 3 * 3600_000,
    startMs,
    deployMs: startMs - 4 * 60_000,
    peakMs: startMs - 3 * 60_000,
    lossMs: startMs - 6 * 60_000,
  };
}
