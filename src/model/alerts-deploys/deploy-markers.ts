// Deploy markers from range-query series, {"at","label"} JSON lines and log lines; pure, time arrives as data.
import type { DeployMarker, Series } from '../console-state/events.js';
import type { LogLine } from '../logs/log-line.js';
import { epochMsByMagnitude } from '../logs/log-timestamp.js';

/** Longest marker label kept, in characters. */
export const DEPLOY_LABEL_MAX = 80;

/** The deploy line pattern when the profile names none (`deploys.log_pattern`), for archives replayed and summarised. */
export const DEFAULT_DEPLOY_LOG_PATTERN = 'deployed version (?<version>\\S+)';

/** How far ahead of `now` a marker may be before it counts as "in the future" (clock skew), in milliseconds. */
export const FUTURE_TOLERANCE_MS = 60_000;

/**
 * A marker label on one line (line breaks, tabs and runs of spaces become one space), cut to DEPLOY_LABEL_MAX.
 * Other controls stay for the terminal gate (model/text/safe-text) to show as text.
 */
export function cleanLabel(text: string): string {
  const one = text.replace(/[ \t\n]+/g, ' ').trim();
  return one.length > DEPLOY_LABEL_MAX ? `${one.slice(0, DEPLOY_LABEL_MAX - 1)}…` : one;
}

/** Epoch milliseconds from a number whose unit is told by its size (shared with the log parser). */
export { epochMsByMagnitude };

const RFC3339 = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(?:[.,](\d+))?([Zz]|[+-]\d{2}:?\d{2})$/;

/** Epoch milliseconds from an RFC 3339 string (zone required) or an epoch in s/ms/us/ns as a number or numeric string; null otherwise. */
export function parseMarkerTime(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? epochMsByMagnitude(value) : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return parseMarkerTime(Number(text));
  const m = RFC3339.exec(text);
  if (!m) return null;
  const zone = m[4].toUpperCase() === 'Z' ? 'Z' : m[4].length === 5 ? `${m[4].slice(0, 3)}:${m[4].slice(3)}` : m[4];
  const ms = Date.parse(`${m[1]}T${m[2]}.${(m[3] ?? '0').padEnd(3, '0').slice(0, 3)}${zone}`);
  return Number.isFinite(ms) ? ms : null;
}

/** Markers read from text, plus what was refused: unreadable lines and lines dated in the future. */
export interface ParsedMarkers {
  markers: DeployMarker[];
  garbage: number;
  future: number;
}

/** Reads `{"at": ..., "label": ...}` lines (blank lines ignored); `now` in epoch ms decides what is in the future. */
export function parseDeployLines(text: string, now: number, source: string): ParsedMarkers {
  const out: ParsedMarkers = { markers: [], garbage: 0, future: 0 };
  for (const raw of text.split('\n')) {
    const lineText = raw.trim();
    if (lineText === '') continue;
    let doc: unknown;
    try {
      doc = JSON.parse(lineText);
    } catch {
      out.garbage += 1;
      continue;
    }
    const rec = doc && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>) : {};
    const at = parseMarkerTime(rec.at);
    const label = typeof rec.label === 'string' ? cleanLabel(rec.label) : '';
    if (at === null || label === '') out.garbage += 1;
    else if (at > now + FUTURE_TOLERANCE_MS) out.future += 1;
    else out.markers.push({ at, label, source });
  }
  return out;
}

/** A short description of what was refused ("2 unreadable lines, 1 in the future"), or null when nothing was. */
export function describeRefused(p: Pick<ParsedMarkers, 'garbage' | 'future'>): string | null {
  const parts: string[] = [];
  if (p.garbage > 0) parts.push(`${p.garbage} unreadable line${p.garbage === 1 ? '' : 's'}`);
  if (p.future > 0) parts.push(`${p.future} in the future`);
  return parts.length ? parts.join(', ') : null;
}

/** Options for reading markers out of series; failed syncs are left out unless asked for. */
export interface SeriesMarkerOptions {
  includeFailed?: boolean;
  /** How to read every series; by default each series tells by its name or a `phase` label. */
  kind?: 'counter' | 'generation' | 'revision';
  /** First step of the range query (unix seconds): a revision series starting later appeared in the window. */
  rangeStartS?: number;
}

const FAILED_PHASES = new Set(['Failed', 'Error', 'Running', 'Terminating']);

const nameOf = (labels: Record<string, string>): string =>
  labels.deployment ?? labels.name ?? labels.app ?? labels.service ?? labels.exported_name ?? labels.__name__ ?? 'deploy';

/** How a series is read when not told: `_info` series carry a revision label, counters count, the rest are generations. */
function kindOf(labels: Record<string, string>): NonNullable<SeriesMarkerOptions['kind']> {
  if (/_info$/.test(labels.__name__ ?? '')) return 'revision';
  return /(_total|_count)$/.test(labels.__name__ ?? '') || labels.phase !== undefined ? 'counter' : 'generation';
}

const revisionOf = (labels: Record<string, string>): string | undefined => labels.revision ?? labels.version ?? labels.image_tag;

const formatValue = (v: number): string => (Number.isInteger(v) ? String(v) : v.toFixed(2));

/**
 * Markers from range-query series (points: [unix seconds, value]): a counter (name ending _total or _count,
 * or a series with a `phase` label such as argocd_app_sync_total) marks each increase as "<app> sync";
 * anything else is generation-like and marks each change of value as "<deployment> generation N".
 * An `_info` series with a revision (or version) label, such as Flux's gotk_resource_info, marks where it
 * appears after `opts.rangeStartS` as "<name> <revision>".
 * The marker sits at the first step showing the new value. Counter resets and the first point mark nothing.
 * `opts.kind` overrides the guess (aggregations drop __name__).
 */
export function markersFromSeries(series: Series[], source: string, opts: SeriesMarkerOptions = {}): DeployMarker[] {
  const generations: DeployMarker[] = [];
  const syncs: DeployMarker[] = [];
  for (const s of series) {
    const kind = opts.kind ?? kindOf(s.labels);
    const counter = kind === 'counter';
    if (counter && !opts.includeFailed && FAILED_PHASES.has(s.labels.phase ?? '')) continue;
    const name = cleanLabel(nameOf(s.labels));
    if (kind === 'revision') {
      const first = s.points.find(([, v]) => v !== null && Number.isFinite(v));
      const revision = revisionOf(s.labels);
      if (first && revision && opts.rangeStartS !== undefined && first[0] > opts.rangeStartS) {
        generations.push({ at: Math.round(first[0] * 1000), label: cleanLabel(`${name} ${revision}`), source });
      }
      continue;
    }
    let prev: number | null = null;
    for (const [t, v] of s.points) {
      if (v === null || !Number.isFinite(v)) continue;
      if (prev !== null && v !== prev && (!counter || v > prev)) {
        const at = Math.round(t * 1000);
        if (counter) syncs.push({ at, label: `${name} sync`, source });
        else generations.push({ at, label: `${name} generation ${formatValue(v)}`, source });
      }
      prev = v;
    }
  }
  // A generation is one rollout however many series show it; syncs repeat under one label, so only exact repeats fold.
  return mergeMarkers([...mergeMarkers(generations), ...mergeMarkers(syncs, 0)], 0);
}

/**
 * Markers sorted by time with repeats folded: the same label within `withinMs` keeps the earliest
 * (metadata_generation and observed_generation both mark one rollout).
 */
export function mergeMarkers(markers: DeployMarker[], withinMs = 10 * 60_000): DeployMarker[] {
  const sorted = [...markers].sort((a, b) => a.at - b.at || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  const lastAt = new Map<string, number>();
  const out: DeployMarker[] = [];
  for (const m of sorted) {
    const seen = lastAt.get(m.label);
    if (seen !== undefined && m.at - seen <= withinMs) continue;
    lastAt.set(m.label, m.at);
    out.push(m);
  }
  return out;
}

/** The markers with start <= at <= end (epoch ms). */
export function markersInWindow(markers: DeployMarker[], start: number, end: number): DeployMarker[] {
  return markers.filter((m) => m.at >= start && m.at <= end);
}

/**
 * A marker from a log line matching `pattern` ("deployed version (?<version>\S+)"), labelled
 * "<service> <version>" (the whole match when there is no `version` group), at the line's time; null when it does not match.
 */
export function deployMarkerFromLine(line: LogLine, pattern: RegExp): DeployMarker | null {
  pattern.lastIndex = 0;
  const m = pattern.exec(line.message) ?? (line.raw !== line.message ? pattern.exec(line.raw) : null);
  if (!m) return null;
  const what = m.groups?.version ?? m[0];
  const label = cleanLabel(line.service ? `${line.service} ${what}` : what);
  return label ? { at: line.at, label, source: line.source } : null;
}
