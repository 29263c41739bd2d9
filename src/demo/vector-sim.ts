// Vector's self-metrics for the demo pipeline: file source -> remap -> loki sink (losing events) and S3 sink.
import { cumulative, ramp, rateAt, stepAt, weighted, type Wobble } from './curves.js';
import type { DemoTimeline } from './scenario.js';

/** One Vector component's counters and gauges at one moment; counters are exact (fractional) totals. */
export interface VectorComponent {
  id: string;
  kind: 'source' | 'transform' | 'sink';
  type: string;
  received: number;
  sent: number;
  errors: number;
  discarded: number;
  /** Events in the component's buffer, and its capacity in events (sinks only). */
  buffer?: { events: number; maxEvents: number };
  /** Share of time the component was busy, 0..1. */
  utilization: number;
}

const LOG_VOLUME: Wobble = { mean: 4800, amplitude: 0.1, periodS: 420, phase: 0.5 };
const UNIT: Wobble = { mean: 1, amplitude: 0, periodS: 1, phase: 0 };
const LOKI_BUFFER = 500;
const ARCHIVE_BUFFER = 10_000;

/** Vector components at `atMs` (epoch milliseconds) on the demo timeline. */
export function vectorComponents(tl: DemoTimeline, atMs: number): VectorComponent[] {
  const t = Math.max(0, (atMs - tl.originMs) / 1000);
  const lossS = (tl.lossMs - tl.originMs) / 1000;
  const lines = cumulative(LOG_VOLUME, t);
  const discardShare = ramp(0, 0.025, lossS, lossS + 120, 4);
  const errorsPerS = ramp(0, 1.5, lossS, lossS + 120, 4);
  // Continuous gauges, so that `sent` (received minus lost minus buffered) never steps backwards.
  const filling = Math.min(1, Math.max(0, (t - lossS) / 360));
  const lokiBuffered = LOKI_BUFFER * (0.04 + 0.9 * filling + 0.02 * Math.sin(t / 17));
  const discarded = weighted(LOG_VOLUME, discardShare, t);
  const losing = stepAt(discardShare, t) > 0;
  const archiveBuffered = ARCHIVE_BUFFER * (0.09 + 0.01 * Math.sin(t / 23));
  return [
    { id: 'app_logs', kind: 'source', type: 'file', received: lines, sent: lines, errors: 0, discarded: 0, utilization: 0.12 },
    { id: 'parse', kind: 'transform', type: 'remap', received: lines, sent: lines, errors: 0, discarded: 0, utilization: 0.31 },
    {
      id: 'loki_out', kind: 'sink', type: 'loki',
      received: lines,
      sent: Math.max(0, lines - discarded - lokiBuffered),
      errors: weighted(UNIT, errorsPerS, t),
      discarded,
      buffer: { events: Math.round(lokiBuffered), maxEvents: LOKI_BUFFER },
      utilization: losing ? 0.97 : 0.58,
    },
    {
      id: 'archive', kind: 'sink', type: 'aws_s3',
      received: lines,
      sent: Math.max(0, lines - archiveBuffered),
      errors: 0,
      discarded: 0,
      buffer: { events: Math.round(archiveBuffered), maxEvents: ARCHIVE_BUFFER },
      utilization: 0.2 + 0.05 * Math.sin(t / 31),
    },
  ];
}

/** Log events per second entering the pipeline at `atMs`. */
export function logVolumeAt(tl: DemoTimeline, atMs: number): number {
  return rateAt(LOG_VOLUME, Math.max(0, (atMs - tl.originMs) / 1000));
}
