// `replay --summary --quickwit URL`: the incident timeline from Quickwit's aggregations. Lines by level, and per
// service and minute the lines, the levels and the p99 (Quickwit's percentiles: approximate); error texts and pods
// from terms aggregations over the error lines; deploy lines as hits. The totals feed the file summary's report.
import type { HttpTarget } from '../../config/profile.js';
import type { QuickwitLogs } from '../../config/quickwit-logs.js';
import { latencyUnitScale } from '../../model/logs/log-parse.js';
import { levelFromValue } from '../../model/summary/summary-fields.js';
import type { LogLevel } from '../../model/logs/log-line.js';
import { literalPrefix } from '../../model/summary/summary-deploy-prefix.js';
import type { ServiceTotals } from '../../model/summary/summary-accumulator.js';
import type { SummaryTotals } from '../../model/summary/summary-merge.js';
import { normaliseMessage } from '../../model/summary/summary-normalise.js';
import { fieldOf, quickwitSearch, scopedQuery, timeMs, type QuickwitRequest } from './quickwit-api.js';

/** Most buckets asked of one terms aggregation. */
export const MAX_TERMS = 20_000;

/** What the summary read: the totals, and the bytes Quickwit sent. */
export interface QuickwitSummary {
  totals: SummaryTotals;
  bytes: number;
  queries: number;
}

interface Bucket {
  key: string | number;
  doc_count: number;
  [sub: string]: any;
}

// The summary's own reading of a level value, so that an index and a file of the same lines agree.
const levelOf = (raw: unknown): LogLevel => levelFromValue(String(raw));
const quoted = (s: string) => `"${s.replace(/["\\]/g, '\\$&')}"`;

/** Reads the summary totals of [fromMs, toMs) from the index; `deploy` is the deploy pattern. */
export async function quickwitSummary(target: HttpTarget & QuickwitLogs, bounds: { from?: number; to?: number }, deploy: RegExp): Promise<QuickwitSummary> {
  const f = target.fields;
  let bytes = 0;
  let queries = 0;
  const range = {
    ...(bounds.from !== undefined ? { start_timestamp: Math.floor(bounds.from / 1000) } : {}),
    ...(bounds.to !== undefined ? { end_timestamp: Math.ceil(bounds.to / 1000) } : {}),
  };
  const base = scopedQuery(target);
  const ask = async (request: QuickwitRequest) => {
    const a = await quickwitSearch(target, request);
    bytes += a.bytes;
    queries += 1;
    return a;
  };
  const byLevel = f.level ? { levels: { terms: { field: f.level, size: 1000 } } } : {};
  const latency = f.latency ? { p99: { percentiles: { field: f.latency, percents: [99] } }, samples: { value_count: { field: f.latency } } } : {};
  const all = await ask({
    query: base, ...range, max_hits: 0,
    aggs: {
      ...byLevel, first: { min: { field: f.time } }, last: { max: { field: f.time } },
      services: {
        terms: { field: f.service ?? f.message, size: MAX_TERMS },
        aggs: { minutes: { date_histogram: { field: f.time, fixed_interval: '60s' }, aggs: { ...byLevel, ...latency } } },
      },
    },
  });
  const aggs = all.aggregations ?? {};
  const levels: Record<LogLevel, number> = { fatal: 0, error: 0, warn: 0, info: 0, debug: 0, trace: 0, unknown: 0 };
  const errorLevels: string[] = [];
  for (const b of (aggs.levels?.buckets ?? []) as Bucket[]) {
    const level = levelOf(b.key);
    levels[level] += b.doc_count;
    if (level === 'error' || level === 'fatal') errorLevels.push(String(b.key));
  }
  // Lines whose level field is missing are unknown.
  levels.unknown += Math.max(0, all.num_hits - Object.values(levels).reduce((a, b) => a + b, 0));
  const errorsIn = (b: Bucket) => ((b.levels?.buckets ?? []) as Bucket[]).reduce((n, l) => n + (errorLevels.includes(String(l.key)) ? l.doc_count : 0), 0);
  const scale = f.latency ? latencyUnitScale(f.latency.split('.').at(-1) as string) || 1 : 1;
  const services = new Map<string, ServiceTotals>();
  for (const s of (aggs.services?.buckets ?? []) as Bucket[]) {
    const svc: ServiceTotals = { lines: s.doc_count, errors: 0, minutes: new Map() };
    for (const m of (s.minutes?.buckets ?? []) as Bucket[]) {
      if (m.doc_count === 0) continue;
      const errors = errorsIn(m);
      svc.errors += errors;
      const k = Number(m.samples?.value ?? 0);
      const p99 = Number(Object.values(m.p99?.values ?? {})[0]) * scale;
      svc.minutes.set(timeMs(m.key), { lines: m.doc_count, errors, latencies: k > 0 && Number.isFinite(p99) ? { data: new Float64Array(k).fill(p99), length: k } : { data: new Float64Array(0), length: 0 } });
    }
    services.set(String(s.key), svc);
  }
  const errorMessages = new Map<string, { count: number; example: string; first: number }>();
  const podErrors = new Map<string, { service: string; errors: number }>();
  if (errorLevels.length && f.level) {
    const errs = await ask({
      query: `(${base}) AND ${f.level}:(${errorLevels.map(quoted).join(' OR ')})`, ...range, max_hits: 0,
      aggs: {
        texts: { terms: { field: f.message, size: MAX_TERMS }, aggs: { first: { min: { field: f.time } } } },
        ...(f.pod ? { pods: { terms: { field: f.pod, size: MAX_TERMS }, aggs: { services: { terms: { field: f.service ?? f.pod, size: 10 }, aggs: { first: { min: { field: f.time } } } } } } } : {}),
      },
    });
    for (const b of (errs.aggregations?.texts?.buckets ?? []) as Bucket[]) {
      const text = String(b.key);
      const first = timeMs(b.first?.value);
      const key = normaliseMessage(text);
      const seen = errorMessages.get(key);
      if (!seen) errorMessages.set(key, { count: b.doc_count, example: text, first });
      else {
        seen.count += b.doc_count;
        if (first < seen.first) Object.assign(seen, { example: text, first });
      }
    }
    for (const b of (errs.aggregations?.pods?.buckets ?? []) as Bucket[]) {
      const firstService = ((b.services?.buckets ?? []) as Bucket[]).reduce<Bucket | null>((m, s) => (m === null || timeMs(s.first?.value) < timeMs(m.first?.value) ? s : m), null);
      podErrors.set(String(b.key), { service: firstService ? String(firstService.key) : '', errors: b.doc_count });
    }
  }
  // Deploy lines: a phrase query on the pattern's literal start narrows the hits; the pattern decides.
  const literal = literalPrefix(deploy)?.trim();
  const deployHits = await ask({ query: literal ? `(${base}) AND ${f.message}:${quoted(literal)}` : base, ...range, max_hits: 1000, sort_by: f.time });
  const inMessage = new RegExp(deploy.source, deploy.flags.replace(/[gy]/g, ''));
  const deploys = deployHits.hits.flatMap((h) => {
    const message = String(fieldOf(h, f.message) ?? '');
    const hit = inMessage.exec(message);
    const service = fieldOf(h, f.service);
    return hit ? [{ at: timeMs(fieldOf(h, f.time)), service: typeof service === 'string' && service !== '' ? service : null, version: hit.groups?.version ?? hit[1] ?? null, message }] : [];
  });
  // Lines outside the range: the index's count without it, less the count within.
  const outside = bounds.from !== undefined || bounds.to !== undefined ? Math.max(0, (await ask({ query: base, max_hits: 0 })).num_hits - all.num_hits) : 0;
  const firstAt = timeMs(aggs.first?.value);
  const lastAt = timeMs(aggs.last?.value);
  return {
    totals: {
      lines: all.num_hits, untimed: 0, outside, malformedJson: 0, firstAt: all.num_hits ? firstAt : NaN, lastAt: all.num_hits ? lastAt : NaN, levels, services,
      errorMessages: new Map([...errorMessages].map(([k, v]) => [k, { count: v.count, example: v.example }])), podErrors, deploys,
    },
    bytes,
    queries,
  };
}
