// `--quickwit URL`: log lines from a Quickwit index through its search API. The newest hits of the window first, then
// every second the hits from the last second seen on, oldest first; hits already shown are skipped by their content
// (counted), so nothing repeats. A past window (`watch --at`) reads its hits once per window.
import type { HttpTarget } from '../../config/profile.js';
import type { QuickwitLogs } from '../../config/quickwit-logs.js';
import type { LogLine } from '../../model/logs/log-line.js';
import type { Clock } from '../../model/session/clock.js';
import { PollingSource } from '../metrics/polling-source.js';
import type { PolledSource } from '../source.js';
import { lineFromHit, quickwitSearch, scopedQuery } from './quickwit-api.js';

/** Settings of the Quickwit log source; durations in milliseconds. */
export interface QuickwitSourceOptions {
  target: HttpTarget & QuickwitLogs;
  clock: Clock;
  windowMs: () => number;
  scope: () => { service: string; pod?: string };
  pollMs?: number;
  /** Read the window once, no new hits (a past window). */
  past?: boolean;
  name?: string;
}

/** Most hits read in one poll. */
const POLL_HITS = 1000;

const lineKey = (l: LogLine): string => `${l.at}\u0000${l.service ?? ''}\u0000${l.pod ?? ''}\u0000${l.level}\u0000${l.traceId ?? ''}\u0000${l.message}`;

/** Builds the Quickwit log source. */
export function quickwitLogSource(o: QuickwitSourceOptions): PolledSource {
  const name = o.name ?? 'quickwit';
  const t = o.target;
  /** Start of the last second read (epoch seconds), and the lines shown from it on, by content. */
  let fromS: number | null = null;
  let shown = new Map<string, number>();
  let up = false;

  const remember = (lines: LogLine[]) => {
    const newest = lines.reduce((m, l) => Math.max(m, l.at), fromS === null ? -Infinity : fromS * 1000);
    const second = Math.floor(newest / 1000);
    if (fromS === null || second > fromS) {
      const kept = new Map<string, number>();
      for (const [k, n] of shown) if (Number(k.slice(0, k.indexOf('\u0000'))) >= second * 1000) kept.set(k, n);
      shown = kept;
      fromS = Number.isFinite(second) ? second : fromS;
    }
    for (const l of lines) if (fromS !== null && l.at >= fromS * 1000) shown.set(lineKey(l), (shown.get(lineKey(l)) ?? 0) + 1);
  };

  const round = async (signal: AbortSignal): Promise<void> => {
    const now = o.clock.now();
    const query = scopedQuery(t, o.scope());
    let fresh: LogLine[];
    let latency: number;
    if (fromS === null || o.past) {
      const a = await quickwitSearch(t, {
        query, start_timestamp: Math.floor((now - o.windowMs()) / 1000), ...(o.past ? { end_timestamp: Math.floor(now / 1000) + 1 } : {}),
        max_hits: t.limit, sort_by: `-${t.fields.time}`,
      }, signal);
      latency = a.latencyMs;
      fresh = a.hits.map((h) => lineFromHit(h, t, name)).reverse();
      shown = new Map();
      fromS = null;
      if (fresh.length === 0) fromS = Math.floor((now - o.windowMs()) / 1000);
    } else {
      const a = await quickwitSearch(t, { query, start_timestamp: fromS, max_hits: POLL_HITS, sort_by: t.fields.time }, signal);
      latency = a.latencyMs;
      const again = new Map(shown);
      fresh = a.hits.map((h) => lineFromHit(h, t, name)).filter((l) => {
        const left = again.get(lineKey(l)) ?? 0;
        if (left === 0) return true;
        again.set(lineKey(l), left - 1);
        return false;
      });
    }
    if (signal.aborted) return;
    remember(fresh);
    if (fresh.length > 0) src.emit({ type: 'lines', source: name, at: o.clock.now(), lines: fresh });
    if (!up || fresh.length > 0) src.status('up', null, Math.round(latency));
    up = true;
  };

  const src = new PollingSource(name, 'quickwit', o.clock, async (signal) => {
    try {
      await round(signal);
    } catch (err) {
      if (!signal.aborted) {
        up = false;
        src.status('down', (err as Error).message);
      }
      throw err;
    }
  }, () => (o.past ? 3_600_000 : o.pollMs ?? 1000), () => {
    fromS = null;
    shown = new Map();
    src.poller.restart();
  });
  return src;
}
