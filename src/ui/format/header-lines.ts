// The header: what is being watched, each source's state and data age, and this session's TTFG.
import type { SourceInfo } from '../../model/console-state/console-state.js';
import { formatDuration } from '../../config/duration.js';
import { formatAge } from './numbers.js';
import type { Line, Segment } from '../../terminal/styled.js';

/** Everything the header shows; times in epoch ms, durations in ms. */
export interface HeaderProps {
  service: string;
  pod?: string;
  profile: string;
  windowMs: number;
  refreshMs: number;
  ttfgMs: number | null;
  sources: SourceInfo[];
  now: number;
  paused: boolean;
  /** While paused: how many updates arrived since (they are shown on resume). */
  pausedUpdates?: number;
  rows: number;
  /** For a past window (`watch --at`): what the header says instead of the refresh, e.g. "AT 02:25Z (historical)". */
  historical?: string;
}

/** One source as a short phrase: "prom up 2s ago 9ms", "loki DOWN 40s: refused, showing last good (45s old)". */
export function sourceSegment(s: SourceInfo, now: number): Segment {
  const age = s.lastDataAt !== null ? formatAge(now - s.lastDataAt) : null;
  // A source whose data is already on screen has answered, though its round (and so its status) is not over yet:
  // it reads "up", never "connecting" beside its own first value. One still waiting for a reason says that reason.
  const state = s.state === 'connecting' && s.lastDataAt !== null && s.error === null ? 'up' : s.state;
  switch (state) {
    case 'up':
      return { text: `${s.name} up${age ? ` ${age} ago` : ''}${s.latencyMs !== null ? ` ${s.latencyMs}ms` : ''}`, tone: 'ok' };
    case 'connecting':
      return { text: `${s.name} connecting ${formatAge(now - s.since)}`, tone: 'muted' };
    case 'degraded':
      return { text: `${s.name} DEGRADED: ${s.error ?? 'partial data'}${age ? ` (data ${age} old)` : ''}`, tone: 'warn' };
    case 'down':
      return {
        text: `${s.name} DOWN ${formatAge(now - s.since)}, ${age ? `showing last good (${age} old)` : 'no data yet'}: ${s.error ?? 'no answer'}`,
        tone: 'crit',
        bold: true,
      };
    default:
      return { text: s.name };
  }
}

/** Header lines: a title line and one line per source (or all sources on one line when short of rows). */
export function headerLines(p: HeaderProps): Line[] {
  const ttfg = p.ttfgMs !== null ? `TTFG ${p.ttfgMs}ms` : 'TTFG -';
  // PAUSED comes right after the service, so a narrow terminal cuts the profile details, never the pause.
  const title: Line = [
    { text: 'incident', tone: 'accent', bold: true },
    { text: ` ${p.service || 'all services'}${p.pod ? `/${p.pod}` : ''}`, bold: true },
    ...(p.historical ? [{ text: ` | ${p.historical}`, tone: 'warn' as const, bold: true }] : []),
    ...(p.paused ? [{ text: ` | PAUSED${p.pausedUpdates ? `, ${p.pausedUpdates} updates waiting` : ''}`, tone: 'warn' as const, bold: true }] : []),
    { text: ` | profile ${p.profile} | window ${formatDuration(p.windowMs)}${p.historical ? '' : ` | refresh ${formatDuration(p.refreshMs)}`} | ${ttfg}` },
  ];
  const sources = p.sources.map((s) => sourceSegment(s, p.now));
  const joined: Line = [];
  sources.forEach((seg, i) => {
    if (i > 0) joined.push({ text: ' | ', tone: 'muted' });
    joined.push(seg);
  });
  if (p.rows <= 1) return [[...title, { text: ' | ' }, ...joined]];
  return [title, joined.length ? joined : [{ text: 'no sources configured', tone: 'muted' }]];
}
