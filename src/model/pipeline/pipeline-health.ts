// Per-component pipeline health over time: rates from cumulative counters, a short loss history, verdicts.
import type { PipelineSample } from './pipeline-types.js';
import { componentKey, type PipelineReading } from './pipeline-reading.js';
import {
  pipelineThresholds, verdictFor, verdictRank,
  type PipelineRow, type PipelineRowData, type PipelineThresholds,
} from './pipeline-verdict.js';

export {
  defaultPipelineThresholds, pipelineThresholds, verdictFor,
  type PipelineRow, type PipelineThresholds,
} from './pipeline-verdict.js';

/** Options of a PipelineTracker. */
export interface PipelineTrackerOptions {
  /** Verdict thresholds; missing fields take the defaults. */
  thresholds?: Partial<PipelineThresholds>;
  /** Loss history points kept per component (default 120: ten minutes at a 5 s refresh). */
  historyLength?: number;
  /** A component with no reading for this long (milliseconds, default 15 min) is dropped from the rows. */
  forgetAfterMs?: number;
}

type Counter = [total: keyof PipelineReading, perS: keyof PipelineReading, column: RateColumn];
type RateColumn = 'in_per_s' | 'out_per_s' | 'errors_per_s' | 'discarded_per_s' | 'intentional_discarded_per_s';

const COUNTERS: Counter[] = [
  ['inTotal', 'inPerS', 'in_per_s'],
  ['outTotal', 'outPerS', 'out_per_s'],
  ['errorsTotal', 'errorsPerS', 'errors_per_s'],
  ['discardedTotal', 'discardedPerS', 'discarded_per_s'],
  ['intentionalDiscardedTotal', 'intentionalDiscardedPerS', 'intentional_discarded_per_s'],
];

interface Track {
  prev?: PipelineReading;
  row: PipelineRowData;
}

/** Per-second rate between two readings of a cumulative counter; a decrease is a reset, counted from zero. */
export function counterRate(prev: number | undefined, cur: number | undefined, seconds: number): number | null {
  if (cur === undefined || prev === undefined || !(seconds > 0)) return null;
  return (cur >= prev ? cur - prev : cur) / seconds;
}

/** Seconds between two readings: by the target's own sampling times when both carry one, else by reading times. */
function spanSeconds(prev: PipelineReading, cur: PipelineReading): number {
  if (prev.sampledAt !== undefined && cur.sampledAt !== undefined) return (cur.sampledAt - prev.sampledAt) / 1000;
  return (cur.at - prev.at) / 1000;
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function problemRates(prev: PipelineReading | undefined, cur: PipelineReading, seconds: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [phrase, total] of Object.entries(cur.problemTotals ?? {})) {
    const rate = counterRate(prev?.problemTotals?.[phrase], total, seconds);
    if (rate !== null) out[phrase] = rate;
  }
  for (const [phrase, rate] of Object.entries(cur.problemPerS ?? {})) if (Number.isFinite(rate)) out[phrase] = rate;
  return out;
}

/**
 * Keeps pipeline components over time. Feed it readings with apply(); time is whatever `at` the readings carry,
 * so the tracker never reads a clock. rows(now) gives the panel's rows, worst first.
 */
export class PipelineTracker {
  private readonly tracks = new Map<string, Track>();
  private readonly thresholds: PipelineThresholds;
  private readonly historyLength: number;
  private readonly forgetAfterMs: number;

  constructor(options: PipelineTrackerOptions = {}) {
    this.thresholds = pipelineThresholds(options.thresholds);
    this.historyLength = Math.max(1, options.historyLength ?? 120);
    this.forgetAfterMs = options.forgetAfterMs ?? 15 * 60_000;
  }

  /** Applies readings (cumulative totals, ready-made rates, or both; ready-made rates win). Older readings than the last are ignored. */
  apply(samples: ReadonlyArray<PipelineSample | PipelineReading>): void {
    let latest = -Infinity;
    for (const sample of samples) {
      this.applyOne(sample);
      latest = Math.max(latest, sample.at);
    }
    for (const [key, t] of this.tracks) if (latest - t.row.last_seen > this.forgetAfterMs) this.tracks.delete(key);
  }

  private applyOne(cur: PipelineReading): void {
    const key = componentKey(cur);
    const track = this.tracks.get(key);
    // A reading that restarts the rate span keeps its counters for the next one but gives no rate of its own.
    const prev = cur.restartsRate ? undefined : track?.prev;
    if (track?.prev && cur.at <= track.prev.at) return;
    const seconds = prev ? spanSeconds(prev, cur) : 0;
    const row: PipelineRowData = {
      id: cur.id,
      kind: cur.kind,
      type: cur.type,
      product: cur.product,
      in_per_s: null,
      out_per_s: null,
      errors_per_s: null,
      discarded_per_s: null,
      intentional_discarded_per_s: null,
      buffer_fill: num(cur.bufferFill) ?? null,
      utilization: num(cur.utilization) ?? null,
      up: num(cur.up) ?? null,
      problems_per_s: problemRates(prev, cur, seconds),
      loss_history: track?.row.loss_history ?? [],
      last_seen: cur.at,
    };
    for (const [total, perS, column] of COUNTERS) {
      row[column] = num(cur[perS]) ?? counterRate(num(prev?.[total]), num(cur[total]), seconds);
    }
    if (row.discarded_per_s !== null || row.errors_per_s !== null) {
      row.loss_history.push((row.discarded_per_s ?? 0) + (row.errors_per_s ?? 0));
      if (row.loss_history.length > this.historyLength) row.loss_history.splice(0, row.loss_history.length - this.historyLength);
    }
    this.tracks.set(key, { prev: cur, row });
  }

  /** The rows at time `now` (epoch milliseconds): failing first, then degraded, unknown, ok; ties by product, kind, id. */
  rows(now: number): PipelineRow[] {
    const rows = [...this.tracks.values()].map(({ row }) => ({
      ...row,
      problems_per_s: { ...row.problems_per_s },
      loss_history: [...row.loss_history],
      ...verdictFor(row, this.thresholds, now),
    }));
    const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    return rows.sort((a, b) => verdictRank(b.verdict) - verdictRank(a.verdict)
      || order(a.product, b.product) || order(a.kind, b.kind) || order(a.id, b.id));
  }

  /** Number of components currently tracked. */
  get size(): number {
    return this.tracks.size;
  }
}
