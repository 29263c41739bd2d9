// Suspects from what the console holds at a moment: the error-rate series, deploys, p99 bars, log lines in scope,
// alerts in scope and the pipeline rows.
import { scopeAlerts } from '../alerts-deploys/alert-scope.js';
import { pickMetricView, type ConsoleState } from '../console-state/console-state.js';
import { isError, sameService, type LogBuffer } from '../logs/log-buffer.js';
import type { LogLine } from '../logs/log-line.js';
import { normaliseMessage } from '../summary/summary-normalise.js';
import { findRise, type RatioPoint, type Rise } from './rise.js';
import {
  alertSuspects, changeSuspect, dependencySuspect, latencySuspects, mergePodSuspects, podErrorSuspect, trustSuspects,
  type ComponentInput, type ErrorShareInput,
} from './rules.js';
import { rankSuspects, type Suspect } from './suspect.js';

/** Everything the live rules read; `now` in epoch ms (the replay time during a replay), `windowMs` the window's length (log lines are counted over it when errors did not rise). */
export interface ConsoleSuspectInput {
  state: ConsoleState;
  service: string;
  pod?: string;
  now: number;
  windowMs: number;
  labels: { service: string; pod: string };
  /** The error-rate warn threshold (0..1): at or above it, errors count as elevated without a rise. */
  errorRateWarn: number;
  logs?: LogBuffer;
  pipeline?: readonly ComponentInput[];
}

/** Most log lines the error-share rules look at (the newest in scope). */
export const MAX_LINES_READ = 20_000;

/** The error-rate series as drawn (it spans the window shown, whatever + and - made it), up to `now`. */
function errorSeries(state: ConsoleState, now: number): RatioPoint[] {
  const points = pickMetricView(state, 'error_rate')?.series[0]?.points ?? [];
  return points.map(([s, v]) => ({ at: s * 1000, ratio: v })).filter((p) => p.at <= now);
}

/** Spacing of the series' points in ms (the step), 60 s when it has fewer than two. */
function stepOf(points: readonly RatioPoint[]): number {
  return points.length >= 2 ? Math.max(1000, points[1].at - points[0].at) : 60_000;
}

/** Each error line's masked message, worked out once in the line's life (masking costs microseconds a line). */
const masked = new WeakMap<LogLine, string>();

function maskedMessage(l: LogLine): string {
  let m = masked.get(l);
  if (m === undefined) masked.set(l, (m = normaliseMessage(l.message)));
  return m;
}

/** Error lines since `since` counted by pod and by masked message, and the pods seen among all lines. */
function logShares(logs: LogBuffer, i: ConsoleSuspectInput, since: number): { pods: ErrorShareInput; messages: ErrorShareInput } {
  const service = i.service;
  // A line naming the scoped service exactly is the common case; the looser match only for the others.
  const inScope = service ? (l: LogLine) => l.service === undefined || l.service === service || sameService(l, service) : undefined;
  const lines = logs.tail(MAX_LINES_READ, 0, { test: inScope, pod: i.pod, until: i.now });
  const byPod = new Map<string, { errors: number; at: number }>();
  const byMessage = new Map<string, { errors: number; at: number }>();
  const podsSeen = new Set<string>();
  let total = 0;
  for (const l of lines) {
    if (l.at < since) continue;
    if (l.pod) podsSeen.add(l.pod);
    if (!isError(l)) continue;
    total++;
    const bump = (m: Map<string, { errors: number; at: number }>, key: string) => {
      const c = m.get(key);
      if (c) {
        c.errors++;
        c.at = Math.max(c.at, l.at);
      } else m.set(key, { errors: 1, at: l.at });
    };
    if (l.pod) bump(byPod, l.pod);
    bump(byMessage, maskedMessage(l));
  }
  const top = (m: Map<string, { errors: number; at: number }>) => {
    let best: ErrorShareInput['top'] = null;
    for (const [key, c] of m) if (!best || c.errors > best.errors || (c.errors === best.errors && key < best.key)) best = { key, errors: c.errors, at: c.at };
    return best;
  };
  return { pods: { top: top(byPod), total, keys: podsSeen.size }, messages: { top: top(byMessage), total } };
}

/** The suspects at `now`, best first (empty: no clear suspect). */
export function consoleSuspects(i: ConsoleSuspectInput): Suspect[] {
  const series = errorSeries(i.state, i.now);
  const rise: Rise | null = findRise(series);
  const last = [...series].reverse().find((p) => p.ratio !== null && Number.isFinite(p.ratio));
  const elevated = rise !== null || (last?.ratio ?? 0) >= i.errorRateWarn;
  const out: Suspect[] = [];
  const deploys = Object.values(i.state.deploys).flat().filter((d) => d.at <= i.now);
  const change = changeSuspect(rise, deploys, stepOf(series));
  if (change) out.push(change);
  // Drilled down to one pod there are no peers to compare with: the pod rules speak at the service's scope.
  const pods: Suspect[] = [];
  if (!i.pod) {
    const p99 = pickMetricView(i.state, 'p99');
    pods.push(...latencySuspects((p99?.series ?? []).map((s) => ({
      name: s.labels[i.labels.pod] ?? (Object.entries(s.labels).map(([k, v]) => `${k}=${v}`).join(',') || i.service),
      seconds: s.points[s.points.length - 1]?.[1] ?? Number.NaN,
      at: p99 ? (p99.asOf ?? p99.at) : null,
      atLeast: s.atLeast === true,
    }))));
  }
  if (i.logs) {
    const shares = logShares(i.logs, i, rise?.at ?? i.now - i.windowMs);
    if (!i.pod) {
      const pod = podErrorSuspect(shares.pods, elevated);
      if (pod) pods.push(pod);
    }
    const dep = dependencySuspect(shares.messages, elevated);
    if (dep) out.push(dep);
  }
  out.push(...mergePodSuspects(pods));
  const { inScope } = scopeAlerts(Object.values(i.state.alerts).flat(), {
    service: i.service, pod: i.pod, serviceLabel: i.labels.service, podLabel: i.labels.pod,
  });
  out.push(...alertSuspects(inScope, i.now));
  out.push(...trustSuspects(i.pipeline ?? []));
  return rankSuspects(out);
}
