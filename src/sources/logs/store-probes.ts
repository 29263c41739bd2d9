// `incident doctor` for the log stores: one small query each (rows or hits of the window and the newest one's age),
// so a wrong table, column, index or field shows as the store's own error.
import { formatDuration } from '../../config/duration.js';
import type { ClickHouseLogs } from '../../config/clickhouse-logs.js';
import type { HttpTarget } from '../../config/profile.js';
import type { QuickwitLogs } from '../../config/quickwit-logs.js';
import type { CheckResult } from '../../model/session/doctor-check.js';
import { displayUrl, redact } from '../../model/session/redact.js';
import { clickhouseQuery } from './clickhouse-api.js';
import { rangeCondition } from './clickhouse-sql.js';
import { fieldOf, quickwitSearch, timeMs } from './quickwit-api.js';

const age = (nowMs: number, atMs: number): string => (Number.isFinite(atMs) ? `, newest ${formatDuration(Math.max(0, nowMs - atMs))} ago` : '');

/** Counts the table's rows of the last `windowMs` and reads the newest one's time. */
export async function probeClickHouse(t: HttpTarget & ClickHouseLogs, windowMs: number, nowMs: number, timeoutMs: number): Promise<CheckResult> {
  const started = performance.now();
  const target = `${displayUrl(t.url)} ${t.table}`;
  try {
    const sql = `SELECT count() AS n, toUInt32(max(${t.columns.time})) AS t1 FROM ${t.table} WHERE ${rangeCondition({ ...t, where: undefined }, nowMs - windowMs, undefined)} FORMAT JSONEachRow`;
    const a = await clickhouseQuery<{ n: number; t1: number }>({ ...t, timeoutMs: Math.min(timeoutMs, t.timeoutMs) }, sql);
    const row = a.rows[0] ?? { n: 0, t1: 0 };
    return { check: 'clickhouse', target, ok: true, latencyMs: Math.round(performance.now() - started), detail: `table ${t.table}: ${row.n} rows in the last ${formatDuration(windowMs)}${row.n > 0 ? age(nowMs, row.t1 * 1000) : ''}` };
  } catch (err) {
    return { check: 'clickhouse', target, ok: false, latencyMs: null, detail: redact((err as Error).message, t.secrets) };
  }
}

/** Searches the index's hits of the last `windowMs`, newest first, and reads the newest one's time. */
export async function probeQuickwit(t: HttpTarget & QuickwitLogs, windowMs: number, nowMs: number, timeoutMs: number): Promise<CheckResult> {
  const started = performance.now();
  const target = `${displayUrl(t.url)} ${t.index}`;
  try {
    const a = await quickwitSearch({ ...t, timeoutMs: Math.min(timeoutMs, t.timeoutMs) }, {
      query: t.query.replace(/\$\{?(service|pod)\}?/g, '*'), start_timestamp: Math.floor((nowMs - windowMs) / 1000), max_hits: 1, sort_by: `-${t.fields.time}`,
    });
    const newest = a.hits[0] ? timeMs(fieldOf(a.hits[0], t.fields.time)) : Number.NaN;
    return { check: 'quickwit', target, ok: true, latencyMs: Math.round(performance.now() - started), detail: `index ${t.index}: ${a.num_hits} hits in the last ${formatDuration(windowMs)}${age(nowMs, newest)}` };
  } catch (err) {
    return { check: 'quickwit', target, ok: false, latencyMs: null, detail: redact((err as Error).message, t.secrets) };
  }
}
