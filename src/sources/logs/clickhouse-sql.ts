// The SQL the console sends to ClickHouse for a log table: rows for the log pane and the aggregates of the summary.
// Written for ClickHouse 18.16 (DateTime in seconds, no DateTime64) and newer.
import type { ClickHouseLogs } from '../../config/clickhouse-logs.js';
import { latencyUnitScale } from '../../model/logs/log-parse.js';

/** A string literal in ClickHouse SQL. */
export const sqlString = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** The table's rows between two times (epoch ms; from inclusive, to exclusive), with the profile's condition. */
export function rangeCondition(t: ClickHouseLogs, fromMs: number | undefined, toMs: number | undefined, scope: { service?: string; pod?: string } = {}): string {
  const parts: string[] = [];
  if (fromMs !== undefined) parts.push(`${t.columns.time} >= toDateTime(${Math.floor(fromMs / 1000)})`);
  if (toMs !== undefined) parts.push(`${t.columns.time} < toDateTime(${Math.ceil(toMs / 1000)})`);
  if (t.where) parts.push(`(${t.where.replace(/\$\{?service\}?/g, sqlString(scope.service ?? '')).replace(/\$\{?pod\}?/g, sqlString(scope.pod ?? ''))})`);
  return parts.length ? parts.join(' AND ') : '1';
}

/** Latency in seconds: the unit from the column name (`latency_ms`), else an integer is milliseconds and a fraction seconds. */
export function latencySql(t: ClickHouseLogs): string | null {
  const col = t.columns.latency;
  if (!col) return null;
  const scale = latencyUnitScale(col.replace(/[`"]/g, ''));
  return scale > 0 ? `toFloat64(${col}) * ${scale}` : `if(toFloat64(${col}) = floor(toFloat64(${col})), toFloat64(${col}) / 1000, toFloat64(${col}))`;
}

const text = (expr: string | undefined): string => (expr ? `ifNull(toString(${expr}), '')` : "''");

/** The columns of a row for the log pane, named as LogRow. */
function rowColumns(t: ClickHouseLogs): string {
  const lat = latencySql(t);
  return [
    `toUInt32(${t.columns.time}) AS t`, `${text(t.columns.level)} AS lvl`, `${text(t.columns.service)} AS svc`, `${text(t.columns.pod)} AS pd`,
    `${text(t.columns.message)} AS msg`, `${lat ?? 'CAST(NULL AS Nullable(Float64))'} AS lat`, `${text(t.columns.trace_id)} AS tid`,
  ].join(', ');
}

/** The newest `limit` rows at or after `fromMs` and before `toMs`, newest first. */
export function newestRowsSql(t: ClickHouseLogs, fromMs: number | undefined, toMs: number | undefined, limit: number, scope?: { service?: string; pod?: string }): string {
  return `SELECT ${rowColumns(t)} FROM ${t.table} WHERE ${rangeCondition(t, fromMs, toMs, scope)} ORDER BY t DESC LIMIT ${limit} FORMAT JSONEachRow`;
}

/** Rows at or after `fromMs` (the second last seen, again), oldest first. */
export function rowsSinceSql(t: ClickHouseLogs, fromMs: number, limit: number, scope?: { service?: string; pod?: string }): string {
  return `SELECT ${rowColumns(t)} FROM ${t.table} WHERE ${rangeCondition(t, fromMs, undefined, scope)} ORDER BY t ASC LIMIT ${limit} FORMAT JSONEachRow`;
}

/** One row as JSONEachRow gives it (64-bit integers come quoted). */
export interface LogRow {
  t: number;
  lvl: string;
  svc: string;
  pd: string;
  msg: string;
  lat: number | null;
  tid: string;
}

/** The summary's queries over [fromMs, toMs); `errorLevels` are the raw level values that mean error or fatal. */
export const summarySql = {
  /** Lines by raw level value, with the first and last time. */
  levels: (t: ClickHouseLogs, fromMs?: number, toMs?: number) =>
    `SELECT ${text(t.columns.level)} AS lvl, count() AS n, toUInt32(min(${t.columns.time})) AS t0, toUInt32(max(${t.columns.time})) AS t1 FROM ${t.table} WHERE ${rangeCondition(t, fromMs, toMs)} GROUP BY lvl FORMAT JSONEachRow`,
  /** Rows of the table outside the range (what the file summary counts as lines_outside_range). */
  outside: (t: ClickHouseLogs, fromMs?: number, toMs?: number) =>
    `SELECT count() AS n FROM ${t.table} WHERE ${t.where ? `(${t.where}) AND ` : ''}NOT (${rangeCondition({ ...t, where: undefined }, fromMs, toMs)}) FORMAT JSONEachRow`,
  /** Per service and minute: lines, errors, latency samples and their exact p99 (nearest rank). */
  minutes: (t: ClickHouseLogs, errorLevels: string[], fromMs?: number, toMs?: number) => {
    const lat = latencySql(t);
    const samples = lat ? `arrayFilter(x -> isNotNull(x), groupArray(${lat}))` : 'emptyArrayFloat64()';
    return `SELECT ${text(t.columns.service)} AS svc, toUInt32(toStartOfMinute(${t.columns.time})) AS m, count() AS n, `
      + `countIf(${isError(t, errorLevels)}) AS errs, length(${samples}) AS k, `
      + `if(k = 0, 0, arrayElement(arraySort(${samples}), toUInt64(ceil(0.99 * k)))) AS p99 `
      + `FROM ${t.table} WHERE ${rangeCondition(t, fromMs, toMs)} GROUP BY svc, m ORDER BY svc, m FORMAT JSONEachRow`;
  },
  /** Error lines by exact text, with the first time each was seen (masked and merged by the console). */
  errorTexts: (t: ClickHouseLogs, errorLevels: string[], fromMs: number | undefined, toMs: number | undefined, limit: number) =>
    `SELECT ${text(t.columns.message)} AS msg, count() AS n, toUInt32(min(${t.columns.time})) AS t0 FROM ${t.table} WHERE ${rangeCondition(t, fromMs, toMs)} AND ${isError(t, errorLevels)} GROUP BY msg ORDER BY n DESC, msg LIMIT ${limit} FORMAT JSONEachRow`,
  /** Error lines by pod, with the service of the first. */
  pods: (t: ClickHouseLogs, errorLevels: string[], fromMs?: number, toMs?: number) =>
    `SELECT ${text(t.columns.pod)} AS pd, argMin(${text(t.columns.service)}, ${t.columns.time}) AS svc, count() AS errs FROM ${t.table} WHERE ${rangeCondition(t, fromMs, toMs)} AND ${isError(t, errorLevels)} AND pd != '' GROUP BY pd FORMAT JSONEachRow`,
  /** Lines whose message matches the deploy pattern (RE2), oldest first. */
  deploys: (t: ClickHouseLogs, re2: string, fromMs?: number, toMs?: number) =>
    `SELECT toUInt32(${t.columns.time}) AS t, ${text(t.columns.service)} AS svc, ${text(t.columns.message)} AS msg FROM ${t.table} WHERE ${rangeCondition(t, fromMs, toMs)} AND match(${text(t.columns.message)}, ${sqlString(re2)}) ORDER BY t LIMIT 1000 FORMAT JSONEachRow`,
};

function isError(t: ClickHouseLogs, errorLevels: string[]): string {
  if (!t.columns.level || errorLevels.length === 0) return '0';
  return `${text(t.columns.level)} IN (${errorLevels.map(sqlString).join(', ')})`;
}

/** A JavaScript pattern as RE2 reads it: named groups `(?<n>` become `(?P<n>`. */
export const re2Pattern = (source: string): string => source.replace(/\(\?<([A-Za-z_][A-Za-z0-9_]*)>/g, '(?P<$1>');
