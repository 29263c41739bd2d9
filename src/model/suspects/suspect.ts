// What a suspect is, the thresholds its rules use, and how a list of them is ranked and printed as JSON.

/** What a suspect points at: a deploy, a pod (or node, zone), an error message, an alert, or the pipeline itself. */
export type SuspectKind = 'change' | 'pod' | 'dependency' | 'alert' | 'trust';

/** One ranked suspect. Text fields are raw (made safe when drawn). */
export interface Suspect {
  kind: SuspectKind;
  /** What is suspected: a deploy label, a pod name, a masked message, an alert name, a component id. */
  subject: string;
  /** How strongly the evidence points at it, 0..1 (two decimals); the README gives the formula per rule. */
  score: number;
  /** The numbers it rests on, in one phrase. */
  evidence: string;
  /** A short form for the Why line ("deploy v2.4.1 40s before rise", "pod payments-hot-1 p99 10x peers"). */
  brief: string;
  /** The moment the evidence points at (a deploy, an alert's start, the reading), epoch ms, or null. */
  at: number | null;
  /** For a pod suspect, the label it names (the profile's pod label, or its node or zone label). */
  label?: string;
}

/** What the Why line says when no rule passes its threshold. */
export const NO_CLEAR_SUSPECT = 'no clear suspect';

/** A deploy counts as the change behind a rise only when it came at most this long before it (ms). */
export const CHANGE_MAX_LAG_MS = 10 * 60_000;
/** A pod's p99 is far from its peers at this many times their median ... */
export const P99_FAR_FACTOR = 3;
/** ... and at least this many seconds above it ... */
export const P99_FAR_MIN_GAP_S = 0.1;
/** ... among at least this many peers. */
export const P99_MIN_PEERS = 2;
/** A pod, or a message, carries most errors from this share of error lines (0..1) ... */
export const DOMINANT_SHARE = 0.5;
/** ... counted over at least this many error lines. */
export const DOMINANT_MIN_ERRORS = 5;
/** Score of a failing pipeline component, and of a degraded one. */
export const TRUST_FAILING_SCORE = 0.8;
export const TRUST_DEGRADED_SCORE = 0.5;
/** Score of the oldest firing alert in scope; each younger one scores 0.01 less (at most 0.1 less). */
export const ALERT_SCORE = 0.4;

/** A score rounded to two decimals and kept in 0..1. */
export const score2 = (x: number): number => Math.round(Math.max(0, Math.min(1, x)) * 100) / 100;

/** Suspects best first: by score, then by kind in the order of the README, then oldest first, then by subject. */
export function rankSuspects(list: readonly Suspect[]): Suspect[] {
  const order: SuspectKind[] = ['change', 'pod', 'dependency', 'trust', 'alert'];
  return [...list].sort((a, b) => b.score - a.score || order.indexOf(a.kind) - order.indexOf(b.kind)
    || (a.at ?? Infinity) - (b.at ?? Infinity) || (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0));
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The JSON shape of a suspect (`panels.suspects[]`, `suspects[]` of the summary): `at` in RFC 3339 or null. */
export function suspectJson(s: Suspect): { kind: SuspectKind; subject: string; score: number; evidence: string; at: string | null } {
  return { kind: s.kind, subject: s.subject, score: s.score, evidence: s.evidence, at: s.at !== null && Number.isFinite(s.at) ? iso(s.at) : null };
}
