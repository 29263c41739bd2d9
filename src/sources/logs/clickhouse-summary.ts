// `replay --summary --clickhouse URL`: the incident timeline computed where the logs live. ClickHouse counts lines by
// level, service and minute, the exact p99 per minute and the errors per pod and per text; only the error texts
// (grouped) and the deploy lines travel. The totals feed the same report builder as the file summary.
import type { HttpTarget } from '../../config/profile.js';
import type { ClickHouseLogs } from '../../config/clickhouse-logs.js';
import { levelFromValue } from '../../model/summary/summary-fields.js';
import type { LogLevel } from '../../model/logs/log-line.js';
import { BUCKET_MS, type ServiceTotals } from '../../model/summary/summary-accumulator.js';
import type { SummaryTotals } from '../../model/summary/summary-merge.js';
import { normaliseMessage } from '../../model/summary/summary-normalise.js';
import { clickhouseQuery } from './clickhouse-api.js';
import { re2Pattern, summarySql } from './clickhouse-sql.js';

/** Most distinct error texts fetched; the masked top 10 is exact while the table has fewer. */
export const MAX_ERROR_TEXTS = 20_000;

/** What the summary read: the totals, and the bytes ClickHouse sent. */
export interface ClickHouseSummary {
  totals: SummaryTotals;
  bytes: number;
  queries: number;
}

// The summary's own reading of a level value, so that a table and a file of the same lines agree.
const levelOf = (raw: string): LogLevel => (raw === '' ? 'unknown' : levelFromValue(raw));

/** Reads the summary totals of [fromMs, toMs) from the table; `deploy` is the deploy pattern (JavaScript syntax). */
export async function clickhouseSummary(target: HttpTarget & ClickHouseLogs, bounds: { from?: number; to?: number }, deploy: RegExp): Promise<ClickHouseSummary> {
  let bytes = 0;
  let queries = 0;
  const ask = async <T>(sql: string): Promise<T[]> => {
    const a = await clickhouseQuery<T>(target, sql);
    bytes += a.bytes;
    queries += 1;
    return a.rows;
  };
  const { from, to } = bounds;
  const [levelRows, outsideRows] = await Promise.all([
    ask<{ lvl: string; n: number; t0: number; t1: number }>(summarySql.levels(target, from, to)),
    from !== undefined || to !== undefined ? ask<{ n: number }>(summarySql.outside(target, from, to)) : Promise.resolve([{ n: 0 }]),
  ]);
  const levels: Record<LogLevel, number> = { fatal: 0, error: 0, warn: 0, info: 0, debug: 0, trace: 0, unknown: 0 };
  const errorLevels: string[] = [];
  let lines = 0;
  let firstAt = NaN;
  let lastAt = NaN;
  for (const r of levelRows) {
    const level = levelOf(r.lvl);
    levels[level] += r.n;
    lines += r.n;
    if (level === 'error' || level === 'fatal') errorLevels.push(r.lvl);
    if (!(r.t0 * 1000 >= firstAt)) firstAt = r.t0 * 1000;
    if (!(r.t1 * 1000 <= lastAt)) lastAt = r.t1 * 1000;
  }
  const [minuteRows, textRows, podRows, deployRows] = await Promise.all([
    ask<{ svc: string; m: number; n: number; errs: number; k: number; p99: number }>(summarySql.minutes(target, errorLevels, from, to)),
    errorLevels.length ? ask<{ msg: string; n: number; t0: number }>(summarySql.errorTexts(target, errorLevels, from, to, MAX_ERROR_TEXTS)) : Promise.resolve([]),
    errorLevels.length ? ask<{ pd: string; svc: string; errs: number }>(summarySql.pods(target, errorLevels, from, to)) : Promise.resolve([]),
    ask<{ t: number; svc: string; msg: string }>(summarySql.deploys(target, re2Pattern(deploy.source), from, to)),
  ]);
  const services = new Map<string, ServiceTotals>();
  for (const r of minuteRows) {
    let svc = services.get(r.svc);
    if (!svc) services.set(r.svc, (svc = { lines: 0, errors: 0, minutes: new Map() }));
    svc.lines += r.n;
    svc.errors += r.errs;
    // The p99 is exact (computed in ClickHouse); it stands in for the minute's samples, which stay there.
    const latencies = r.k > 0 ? { data: new Float64Array(r.k).fill(r.p99), length: r.k } : { data: new Float64Array(0), length: 0 };
    svc.minutes.set(r.m * 1000 - ((r.m * 1000) % BUCKET_MS), { lines: r.n, errors: r.errs, latencies });
  }
  // Texts are masked here, as the file summary masks them; the example is the earliest text of each group.
  const errorMessages = new Map<string, { count: number; example: string; first: number }>();
  for (const r of textRows) {
    const key = normaliseMessage(r.msg);
    const seen = errorMessages.get(key);
    if (!seen) errorMessages.set(key, { count: r.n, example: r.msg, first: r.t0 });
    else {
      seen.count += r.n;
      if (r.t0 < seen.first) Object.assign(seen, { example: r.msg, first: r.t0 });
    }
  }
  const podErrors = new Map(podRows.map((r) => [r.pd, { service: r.svc, errors: r.errs }]));
  const inMessage = new RegExp(deploy.source, deploy.flags.replace(/[gy]/g, ''));
  const deploys = deployRows.flatMap((r) => {
    const hit = inMessage.exec(r.msg);
    return hit ? [{ at: r.t * 1000, service: r.svc === '' ? null : r.svc, version: hit.groups?.version ?? hit[1] ?? null, message: r.msg }] : [];
  });
  return {
    totals: {
      lines, untimed: 0, outside: outsideRows[0]?.n ?? 0, malformedJson: 0, firstAt, lastAt, levels, services,
      errorMessages: new Map([...errorMessages].map(([k, v]) => [k, { count: v.count, example: v.example }])), podErrors, deploys,
    },
    bytes,
    queries,
  };
}
