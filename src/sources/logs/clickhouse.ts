// `--clickhouse URL`: log lines from a ClickHouse table. The newest rows of the window first, then every second the
// rows at or after the last second seen; rows of that second already shown are skipped (by their content, counted),
// so nothing is repeated. A past window (`watch --at`) reads its rows once per window.
import type { ClickHouseLogs } from '../../config/clickhouse-logs.js';
import type { HttpTarget } from '../../config/profile.js';
import type { LogLine } from '../../model/logs/log-line.js';
import { levelFrom } from '../../model/logs/log-severity.js';
import type { Clock } from '../../model/session/clock.js';
import { PollingSource } from '../metrics/polling-source.js';
import type { PolledSource } from '../source.js';
import { clickhouseQuery } from './clickhouse-api.js';
import { newestRowsSql, rowsSinceSql, type LogRow } from './clickhouse-sql.js';

/** Settings of the ClickHouse log source; durations in milliseconds. */
export interface ClickHouseSourceOptions {
  target: HttpTarget & ClickHouseLogs;
  clock: Clock;
  /** The window the first read covers (and, for a past window, the only read). */
  windowMs: () => number;
  scope: () => { service: string; pod?: string };
  /** Time between two reads of new rows (default 1000). */
  pollMs?: number;
  /** Read the window once, no new rows (a past window). */
  past?: boolean;
  name?: string;
}

/** Most rows read in one poll. */
const POLL_ROWS = 5000;

const rowKey = (r: LogRow): string => `${r.t}\u0000${r.svc}\u0000${r.pd}\u0000${r.lvl}\u0000${r.tid}\u0000${r.msg}`;

/** A LogLine from one row. */
export function lineFromRow(r: LogRow, source: string): LogLine {
  return {
    at: r.t * 1000, timed: true, level: levelFrom(r.lvl) ?? 'unknown', source, message: r.msg, raw: r.msg,
    ...(r.svc ? { service: r.svc } : {}), ...(r.pd ? { pod: r.pd } : {}),
    ...(typeof r.lat === 'number' && Number.isFinite(r.lat) ? { latency: r.lat } : {}), ...(r.tid ? { traceId: r.tid } : {}),
  };
}

/** Builds the ClickHouse log source. */
export function clickhouseLogSource(o: ClickHouseSourceOptions): PolledSource {
  const name = o.name ?? 'clickhouse';
  const t = o.target;
  /** The last second read, and how many rows of each content that second has shown. */
  let lastS: number | null = null;
  let shown = new Map<string, number>();
  let up = false;

  const remember = (rows: LogRow[]) => {
    for (const r of rows) {
      if (lastS === null || r.t > lastS) {
        lastS = r.t;
        shown = new Map();
      }
      if (r.t === lastS) shown.set(rowKey(r), (shown.get(rowKey(r)) ?? 0) + 1);
    }
  };

  const round = async (signal: AbortSignal): Promise<void> => {
    const scope = o.scope();
    const now = o.clock.now();
    let fresh: LogRow[];
    let latency: number;
    if (lastS === null || o.past) {
      const a = await clickhouseQuery<LogRow>(t, newestRowsSql(t, now - o.windowMs(), o.past ? now + 1000 : undefined, t.limit, scope), signal);
      fresh = a.rows.reverse();
      latency = a.latencyMs;
      lastS = null;
      shown = new Map();
      if (fresh.length === 0) lastS = Math.floor((now - o.windowMs()) / 1000);
    } else {
      const a = await clickhouseQuery<LogRow>(t, rowsSinceSql(t, lastS * 1000, POLL_ROWS, scope), signal);
      latency = a.latencyMs;
      // Rows of the last second already shown come back first: each content is skipped as often as it was shown.
      const again = new Map(shown);
      fresh = a.rows.filter((r) => {
        if (r.t !== lastS) return true;
        const left = again.get(rowKey(r)) ?? 0;
        if (left === 0) return true;
        again.set(rowKey(r), left - 1);
        return false;
      });
    }
    if (signal.aborted) return;
    remember(fresh);
    if (fresh.length > 0) src.emit({ type: 'lines', source: name, at: o.clock.now(), lines: fresh.map((r) => lineFromRow(r, name)) });
    // A quiet table is not news: the state is said when it changes, and with the lines that came.
    if (!up || fresh.length > 0) src.status('up', null, Math.round(latency));
    up = true;
  };

  const src = new PollingSource(name, 'clickhouse', o.clock, async (signal) => {
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
    // Another scope or window: read the window again.
    lastS = null;
    shown = new Map();
    src.poller.restart();
  });
  return src;
}
