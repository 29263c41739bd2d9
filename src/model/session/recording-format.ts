// The session recording format: a header line, then one NDJSON line per source event, then an optional end line.
import type { SourceEvent } from '../console-state/events.js';

/** Format generation written in `incident_recording`; a reader refuses anything newer. */
export const RECORDING_FORMAT = 1;

/** First line of a recording; times in epoch milliseconds unless named otherwise. */
export interface RecordingHeader {
  incident_recording: number;
  /** Version of incident that wrote it. */
  version: string;
  /** RFC 3339 start time. */
  started_at: string;
  started_at_ms: number;
  profile: string;
  service: string;
  pod?: string;
  /** Chart window in milliseconds. */
  window_ms: number;
  /** Refresh period in milliseconds. */
  refresh_ms: number;
  scrape_interval_ms?: number;
  top_k?: number;
  labels?: { service: string; pod: string; namespace: string };
  thresholds?: { error_rate_warn: number; error_rate_crit: number; p99_slo_seconds: number };
}

/** One recorded event: `t` is when the console received it (epoch ms). */
export interface RecordedEvent {
  t: number;
  event: SourceEvent;
  /** Length of its line in the file (characters), when read from one. */
  size?: number;
}

/** The line written when a console stops cleanly (a killed console has none). */
export interface RecordingEnd {
  t: number;
  end: string;
}

/** What one body line of a recording turned out to be. */
export type RecordingLine = ({ kind: 'event' } & RecordedEvent) | ({ kind: 'end' } & RecordingEnd) | { kind: 'bad' };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses a first line as a recording header; null when the line is not one (then the file is something else). */
export function parseRecordingHeader(line: string): RecordingHeader | null {
  if (!line.startsWith('{') || !line.includes('"incident_recording"')) return null;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (!isObject(value) || typeof value.incident_recording !== 'number') return null;
  return {
    ...(value as unknown as RecordingHeader),
    version: typeof value.version === 'string' ? value.version : '0.0.0',
    started_at_ms: typeof value.started_at_ms === 'number' ? value.started_at_ms : Date.parse(String(value.started_at)) || 0,
    profile: typeof value.profile === 'string' ? value.profile : 'default',
    service: typeof value.service === 'string' ? value.service : 'unknown',
    window_ms: typeof value.window_ms === 'number' ? value.window_ms : 900_000,
    refresh_ms: typeof value.refresh_ms === 'number' ? value.refresh_ms : 5000,
  };
}

const EVENT_TYPES = new Set(['samples', 'lines', 'status', 'pipeline', 'deploys', 'alerts', 'notices']);

/** Parses one body line; anything unreadable is 'bad' (counted by the reader, never fatal). */
export function parseRecordingLine(line: string): RecordingLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { kind: 'bad' };
  }
  if (!isObject(value) || typeof value.t !== 'number' || !Number.isFinite(value.t)) return { kind: 'bad' };
  if (typeof value.end === 'string') return { kind: 'end', t: value.t, end: value.end };
  const e = value.e;
  if (!isObject(e) || typeof e.type !== 'string' || !EVENT_TYPES.has(e.type) || typeof e.source !== 'string' || typeof e.at !== 'number') {
    return { kind: 'bad' };
  }
  return { kind: 'event', t: value.t, event: e as unknown as SourceEvent };
}

/** The text of one event line. */
export function formatRecordedEvent(t: number, event: SourceEvent): string {
  return `${JSON.stringify({ t, e: event })}\n`;
}

/** The text of the end line. */
export function formatRecordingEnd(t: number, reason: string): string {
  return `${JSON.stringify({ t, end: reason })}\n`;
}

const major = (version: string): number => Number.parseInt(/^v?(\d+)/.exec(version)?.[1] ?? '0', 10);

/** Why this incident cannot replay a recording (format or major version newer than ours), or null when it can. */
export function recordingTooNew(header: RecordingHeader, ourVersion: string): string | null {
  if (header.incident_recording > RECORDING_FORMAT) {
    return `recording format ${header.incident_recording} (written by incident ${header.version}) is newer than this incident ${ourVersion} reads (format ${RECORDING_FORMAT})`;
  }
  if (major(header.version) > major(ourVersion)) {
    return `recording written by incident ${header.version} is newer than this incident ${ourVersion}`;
  }
  return null;
}

/**
 * One serialised JSON line with credentials removed: every secret (as JSON escapes it) and any URL userinfo
 * become "***". Works on the text in one pass instead of copying the event.
 */
export function redactJsonLine(json: string, secrets: readonly string[]): string {
  let out = json.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)(?:[^/\s@"\\]|\\.)+@/gi, '$1***@');
  for (const s of secrets) {
    if (s.length < 3) continue;
    const escaped = JSON.stringify(s).slice(1, -1);
    if (out.includes(escaped)) out = out.split(escaped).join('***');
  }
  return out;
}
