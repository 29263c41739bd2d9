// The health verdict of one pipeline component, with a one-line reason an on-call engineer can act on.
import type { PipelineProduct, Verdict } from './pipeline-types.js';
import { DELIVERING_KINDS, UNIT_NOUN } from './pipeline-reading.js';

/** One row of the pipeline panel; the snake_case names are the JSON snapshot's. Rates are per second, null when unknown. */
export interface PipelineRow {
  id: string;
  kind: string;
  type: string;
  product: PipelineProduct;
  in_per_s: number | null;
  out_per_s: number | null;
  errors_per_s: number | null;
  /** Unintended drops (and refusals) per second: this is loss. */
  discarded_per_s: number | null;
  /** Drops on purpose (filters, sampling) per second: not loss. */
  intentional_discarded_per_s: number | null;
  /** Buffer or queue fill 0..1. */
  buffer_fill: number | null;
  /** Share of time busy 0..1 (Vector). */
  utilization: number | null;
  /** 1 when the last scrape of a Prometheus target succeeded, 0 when it failed. */
  up: number | null;
  /** Named problems per second ("rule evaluation failures"). */
  problems_per_s: Record<string, number>;
  verdict: Verdict;
  reason: string;
  /** Loss per second (discarded + errors), oldest first, one point per reading. */
  loss_history: number[];
  /** Time of the last reading, epoch milliseconds. */
  last_seen: number;
}

/** A row before its verdict is known. */
export type PipelineRowData = Omit<PipelineRow, 'verdict' | 'reason'>;

/** Limits that turn readings into verdicts; the field names match the profile's `pipeline` section. */
export interface PipelineThresholds {
  /** Discarding more than this many units per second is failing. */
  discardFailPerS: number;
  /** More errors per second than this is degraded. */
  errorDegradedPerS: number;
  /** Buffer fill 0..1 from which a component is degraded. */
  bufferDegraded: number;
  /** Buffer fill 0..1 from which a component is failing. */
  bufferFailing: number;
  /** A sink sending less than this share of what it received is degraded. */
  outInDegraded: number;
  /** Utilization 0..1 from which a component is degraded. */
  utilizationDegraded: number;
  /** Named problems (rule failures, dropped notifications, ...) above this rate per second are degraded. */
  problemDegradedPerS: number;
  /** No reading for longer than this (milliseconds) makes the verdict unknown ... */
  staleAfterMs: number;
  /** ... or for longer than this many refresh intervals, whichever is longer. */
  staleRefreshes: number;
  /** Refresh interval in milliseconds. */
  refreshMs: number;
}

/** Thresholds used where the profile sets none. */
export const defaultPipelineThresholds: PipelineThresholds = {
  discardFailPerS: 0,
  errorDegradedPerS: 0,
  bufferDegraded: 0.75,
  bufferFailing: 0.9,
  outInDegraded: 0.95,
  utilizationDegraded: 0.95,
  problemDegradedPerS: 0,
  staleAfterMs: 30_000,
  staleRefreshes: 3,
  refreshMs: 5000,
};

/** Defaults overridden by whichever fields `overrides` defines (a profile's `pipeline` section fits as is). */
export function pipelineThresholds(overrides: Partial<Record<keyof PipelineThresholds, unknown>> = {}): PipelineThresholds {
  const out = { ...defaultPipelineThresholds };
  for (const key of Object.keys(out) as Array<keyof PipelineThresholds>) {
    const v = overrides[key];
    if (typeof v === 'number' && Number.isFinite(v)) out[key] = v;
  }
  return out;
}

/** A rate for a reason: whole numbers from 10 up, one decimal from 1, two significant digits below. */
export function formatRate(v: number): string {
  if (v >= 10) return String(Math.round(v));
  if (v >= 1) return String(Number(v.toFixed(1)));
  if (v >= 0.01) return String(Number(v.toPrecision(2)));
  return v > 0 ? '<0.01' : '0';
}

/** A 0..1 share as a whole percentage, rounded down so that "100%" means full (tolerant of float error). */
export function formatPercent(share: number): string {
  return `${Math.floor(share * 100 + 1e-9)}%`;
}

/** A silence as "45 s", "12 min" or "3 h". */
export function formatAge(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  if (s < 120 * 60) return `${Math.round(s / 60)} min`;
  return `${Math.round(s / 3600)} h`;
}

const RANK: Record<Verdict, number> = { ok: 0, unknown: 1, degraded: 2, failing: 3 };

/** How bad a verdict is, for sorting: failing 3, degraded 2, unknown 1, ok 0. */
export function verdictRank(v: Verdict): number {
  return RANK[v];
}

function findings(row: PipelineRowData, t: PipelineThresholds): Array<[Verdict, string]> {
  const noun = UNIT_NOUN[row.product];
  const out: Array<[Verdict, string]> = [];
  if (row.up === 0) out.push(['failing', 'target down']);
  if (row.discarded_per_s !== null && row.discarded_per_s > t.discardFailPerS) {
    const verb = row.kind === 'receiver' ? 'refusing' : 'discarding';
    out.push(['failing', `${verb} ${formatRate(row.discarded_per_s)} ${noun}/s`]);
  }
  if (row.buffer_fill !== null && row.buffer_fill >= t.bufferFailing) out.push(['failing', `buffer ${formatPercent(row.buffer_fill)} full`]);
  else if (row.buffer_fill !== null && row.buffer_fill >= t.bufferDegraded) out.push(['degraded', `buffer ${formatPercent(row.buffer_fill)} full`]);
  if (row.errors_per_s !== null && row.errors_per_s > t.errorDegradedPerS) out.push(['degraded', `${formatRate(row.errors_per_s)} errors/s`]);
  const { in_per_s: inS, out_per_s: outS } = row;
  if (DELIVERING_KINDS.has(row.kind) && inS !== null && outS !== null && inS > 0 && outS / inS < t.outInDegraded) {
    out.push(['degraded', `sending ${formatPercent(outS / inS)} of received`]);
  }
  if (row.utilization !== null && row.utilization >= t.utilizationDegraded) out.push(['degraded', `utilization ${formatPercent(row.utilization)}`]);
  for (const [phrase, rate] of Object.entries(row.problems_per_s)) {
    if (rate > t.problemDegradedPerS) out.push(['degraded', `${phrase} ${formatRate(rate)}/s`]);
  }
  return out;
}

function okReason(row: PipelineRowData): string {
  if (row.up === 1) return 'up';
  if (row.in_per_s !== null) return `${formatRate(row.in_per_s)} ${UNIT_NOUN[row.product]}/s, no loss`;
  return 'no loss';
}

/** The verdict of a row at time `now` (epoch milliseconds): stale data is unknown, otherwise the worst finding wins. */
export function verdictFor(row: PipelineRowData, thresholds: PipelineThresholds, now: number): { verdict: Verdict; reason: string } {
  const staleMs = Math.max(thresholds.staleAfterMs, thresholds.staleRefreshes * thresholds.refreshMs);
  const silentMs = now - row.last_seen;
  if (silentMs > staleMs) return { verdict: 'unknown', reason: `no data for ${formatAge(silentMs)}` };
  let worst: [Verdict, string] | undefined;
  for (const f of findings(row, thresholds)) if (!worst || RANK[f[0]] > RANK[worst[0]]) worst = f;
  if (worst) return { verdict: worst[0], reason: worst[1] };
  const measured = [row.in_per_s, row.out_per_s, row.errors_per_s, row.discarded_per_s, row.up].some((v) => v !== null)
    || Object.keys(row.problems_per_s).length > 0;
  if (!measured) return { verdict: 'unknown', reason: 'waiting for a second reading' };
  return { verdict: 'ok', reason: okReason(row) };
}
