// The suspect rules, one function each, on plain numbers: every threshold is named in suspect.ts and the README.
import { lag, pct, secs } from './evidence-format.js';
import type { Rise } from './rise.js';
import {
  ALERT_SCORE, CHANGE_MAX_LAG_MS, DOMINANT_MIN_ERRORS, DOMINANT_SHARE, P99_FAR_FACTOR, P99_FAR_MIN_GAP_S,
  P99_MIN_PEERS, score2, TRUST_DEGRADED_SCORE, TRUST_FAILING_SCORE, type Suspect,
} from './suspect.js';

/** A deploy or config change: when (epoch ms) and what. */
export interface ChangeInput {
  at: number;
  label: string;
}

/**
 * change: the deploy nearest before the rise, at most CHANGE_MAX_LAG_MS before it; one up to `slackMs` after the
 * rise's point still counts (a point or minute covers the time before it). Score 0.5 + 0.5 x (1 - lag / max lag).
 */
export function changeSuspect(rise: Rise | null, changes: readonly ChangeInput[], slackMs: number): Suspect | null {
  if (!rise) return null;
  let best: ChangeInput | null = null;
  for (const c of changes) {
    if (c.at > rise.at + slackMs || rise.at - c.at > CHANGE_MAX_LAG_MS) continue;
    if (!best || c.at > best.at) best = c;
  }
  if (!best) return null;
  const ms = Math.max(0, rise.at - best.at);
  const when = ms === 0 ? 'as' : `${lag(ms)} before`;
  return {
    kind: 'change', subject: best.label, at: best.at, score: score2(0.5 + 0.5 * (1 - ms / CHANGE_MAX_LAG_MS)),
    evidence: `deployed ${when} errors rose ${pct(rise.before)} -> ${pct(rise.after)}`,
    brief: `deploy ${best.label} ${ms === 0 ? 'at rise' : `${lag(ms).replace(' s', 's')} before rise`}`,
  };
}

/** One p99 reading of a pod (or node, zone): seconds, and when it was read (epoch ms) or null. */
export interface LatencyInput {
  name: string;
  seconds: number;
  at: number | null;
  /** The reading is a floor (the p99 fell past the histogram's highest bucket): said `>=`. */
  atLeast?: boolean;
}

/**
 * pod by latency: each pod whose p99 is at least P99_FAR_FACTOR times the median of the others' and P99_FAR_MIN_GAP_S
 * above it, among at least P99_MIN_PEERS others. Score 0.4 + 0.15 x log2(p99 / median), at most 0.95.
 */
export function latencySuspects(pods: readonly LatencyInput[], label = 'pod'): Suspect[] {
  const finite = pods.filter((p) => Number.isFinite(p.seconds));
  if (finite.length < P99_MIN_PEERS + 1) return [];
  const out: Suspect[] = [];
  for (const p of finite) {
    const peers = finite.filter((q) => q !== p).map((q) => q.seconds).sort((a, b) => a - b);
    const mid = peers.length >> 1;
    const median = peers.length % 2 ? peers[mid] : (peers[mid - 1] + peers[mid]) / 2;
    if (p.seconds < P99_FAR_FACTOR * median || p.seconds - median < P99_FAR_MIN_GAP_S) continue;
    const ratio = median > 0 ? p.seconds / median : 1024;
    const floor = p.atLeast ? '>=' : '';
    out.push({
      kind: 'pod', subject: p.name, label, at: p.at, score: score2(Math.min(0.95, 0.4 + 0.15 * Math.log2(ratio))),
      evidence: `p99 ${floor}${secs(p.seconds)} vs ${secs(median)} median of ${peers.length} peers`,
      brief: `${label === 'pod' ? '' : `${label} `}${p.name} p99 ${ratio >= 1000 ? '>1000' : `${floor}${Math.round(ratio)}`}x peers`,
    });
  }
  return out;
}

/** Error lines counted by a key (pod or masked message): the top key, its count, all errors, and how many keys exist. */
export interface ErrorShareInput {
  top: { key: string; errors: number; at: number | null } | null;
  /** Error lines counted, whatever their key (lines without one included). */
  total: number;
  /** Keys seen among all lines counted (errors or not), when known. */
  keys?: number;
}

/**
 * pod by errors: the pod with the most error lines, when errors are elevated (a rise, or the error rate at its warn
 * threshold), it has at least DOMINANT_SHARE of them (and 1.5 times its fair share among the pods seen), over at
 * least DOMINANT_MIN_ERRORS lines, with two pods or more seen. Score 0.3 + 0.6 x share.
 */
export function podErrorSuspect(c: ErrorShareInput, elevated: boolean, label = 'pod'): Suspect | null {
  if (!elevated || !c.top || c.total < DOMINANT_MIN_ERRORS) return null;
  if (c.keys !== undefined && c.keys < 2) return null;
  const share = c.top.errors / c.total;
  if (share < DOMINANT_SHARE || (c.keys !== undefined && share < 1.5 / c.keys)) return null;
  return {
    kind: 'pod', subject: c.top.key, label, at: c.top.at, score: score2(0.3 + 0.6 * share), evidence: `${pct(share)} of error lines (${c.top.errors} of ${c.total})`,
    brief: `${label === 'pod' ? '' : `${label} `}${c.top.key} ${pct(share)} of errors`,
  };
}

/**
 * dependency: the masked error message with the most lines, when errors are elevated and it has at least
 * DOMINANT_SHARE of the error lines, over at least DOMINANT_MIN_ERRORS lines. Score 0.3 + 0.45 x share.
 */
export function dependencySuspect(c: ErrorShareInput, elevated: boolean): Suspect | null {
  if (!elevated || !c.top || c.total < DOMINANT_MIN_ERRORS) return null;
  const share = c.top.errors / c.total;
  if (share < DOMINANT_SHARE) return null;
  return {
    kind: 'dependency', subject: c.top.key, at: c.top.at, score: score2(0.3 + 0.45 * share),
    evidence: `${pct(share)} of errors (${c.top.errors} of ${c.total} lines)`, brief: `errors ${pct(share)} "${c.top.key}"`,
  };
}

/** Pod suspects naming the same pod become one: the evidence joined, the best score plus 0.05. */
export function mergePodSuspects(list: readonly Suspect[]): Suspect[] {
  const out: Suspect[] = [];
  for (const s of list) {
    const same = out.findIndex((o) => o.kind === 'pod' && s.kind === 'pod' && o.subject === s.subject && o.label === s.label);
    if (same < 0) out.push(s);
    else {
      const o = out[same];
      out[same] = { ...o, score: score2(Math.max(o.score, s.score) + 0.05), evidence: `${o.evidence}; ${s.evidence}`, at: o.at ?? s.at };
    }
  }
  return out;
}

/** An alert as the rule needs it: name, state, since (epoch ms), severity. */
export interface AlertInput {
  name: string;
  state: string;
  since: number;
  severity?: string;
}

/** alert: every alert firing in scope, oldest first: ALERT_SCORE, less 0.01 per place after the oldest. */
export function alertSuspects(alerts: readonly AlertInput[], now: number): Suspect[] {
  return alerts.filter((a) => a.state === 'firing').sort((a, b) => a.since - b.since).map((a, i) => ({
    kind: 'alert', subject: a.name, at: a.since,
    score: score2(ALERT_SCORE - 0.01 * Math.min(i, 10)),
    evidence: `firing for ${lag(now - a.since)}${a.severity ? ` (${a.severity})` : ''}`,
    brief: `alert ${a.name} firing ${lag(now - a.since).replace(' s', 's')}`,
  }));
}

/** A pipeline component as the rule needs it (a pipeline panel row). */
export interface ComponentInput {
  id: string;
  kind: string;
  type: string;
  product: string;
  verdict: string;
  reason: string;
  /** Last reading, epoch ms. */
  last_seen: number;
}

const LOG_SINKS = /loki|elastic|opensearch|splunk|clickhouse|datadog_logs|file|s3|gcs|blob|kafka|logs|syslog|http/i;
const METRIC_SINKS = /prometheus|remote_write|metrics|statsd|influx|otlp/i;

/** What a component's trouble means for the screen, in words an on-call engineer can act on. */
export function trustMeaning(c: ComponentInput): string {
  if (c.product === 'prometheus') {
    if (/rule/i.test(c.reason)) return 'alerts may not fire';
    if (/notification/i.test(c.reason)) return 'alerts may not reach anyone';
    return 'graphs may have gaps';
  }
  if (/buffer|queue/i.test(c.reason)) return 'data arrives late, then is lost';
  if (/source|receiver|input/.test(c.kind)) return 'events are lost at the edge: counts understate';
  if (METRIC_SINKS.test(c.type)) return 'graphs fed through it understate';
  if (LOG_SINKS.test(c.type)) return 'log counts understate';
  return 'counts through it understate';
}

/** trust: each failing (TRUST_FAILING_SCORE) or degraded (TRUST_DEGRADED_SCORE) pipeline component. */
export function trustSuspects(components: readonly ComponentInput[]): Suspect[] {
  return components.filter((c) => c.verdict === 'failing' || c.verdict === 'degraded').map((c) => ({
    kind: 'trust', subject: c.id, at: c.last_seen,
    score: c.verdict === 'failing' ? TRUST_FAILING_SCORE : TRUST_DEGRADED_SCORE,
    evidence: `${c.reason}: ${trustMeaning(c)}`,
    brief: `${c.id} ${c.reason}`,
  }));
}
