// `replay --summary --loki URL`: the incident timeline from LogQL metric queries, counted by Loki. Per service, level
// and minute `count_over_time`, the p99 per minute `quantile_over_time` over the unwrapped latency, errors by message
// and by pod over the whole range; only the first error lines (for each group's example and each pod's service), the
// deploy lines and the first and last line travel. The lines are read with `| json` and the usual field names.
import type { HttpTarget } from '../../config/profile.js';
import type { LogLevel } from '../../model/logs/log-line.js';
import type { ServiceTotals } from '../../model/summary/summary-accumulator.js';
import { literalPrefix } from '../../model/summary/summary-deploy-prefix.js';
import { levelFromValue } from '../../model/summary/summary-fields.js';
import type { SummaryTotals } from '../../model/summary/summary-merge.js';
import { normaliseMessage } from '../../model/summary/summary-normalise.js';
import { httpGet, loadUndici } from '../http-get.js';
import { lokiCredentials } from './log-sources.js';
import { parseQueryRange, type LokiEntry } from './loki-api.js';
import { resolveLokiAccess, type LokiAccess } from './loki-auth.js';

/** Field names read from each JSON line. */
export const LOKI_SUMMARY_FIELDS = { level: 'level', service: 'service', pod: 'pod', message: 'message', latency: 'latency_ms' } as const;

/** Error lines read in time order for the examples and the pods' services. */
export const FIRST_ERROR_LINES = 1000;

/** What the summary read: the totals, and the bytes Loki sent. */
export interface LokiSummary {
  totals: SummaryTotals;
  bytes: number;
  queries: number;
}

interface Series {
  metric: Record<string, string>;
  values?: Array<[number, string]>;
  value?: [number, string];
}

/** The profile's selector for every service: `$service` and `$pod` matchers become `=~".+"`. */
export function summarySelector(selector: string): string {
  return selector.replace(/(\w+)\s*=\s*"\$\{?(service|pod)\}?"/g, '$1=~".+"');
}

const ns = (ms: number): string => `${BigInt(Math.round(ms)) * 1_000_000n}`;
const reQuote = (s: string): string => s.replace(/[\\.+*?^$()[\]{}|]/g, '\\$&').replace(/\\/g, '\\\\').replace(/"/g, '\\"');

/** Reads the summary totals of [fromMs, toMs) from Loki; both bounds are needed (Loki asks for a range). */
export async function lokiSummary(target: HttpTarget & { selector: string }, bounds: { from: number; to: number }, deploy: RegExp): Promise<LokiSummary> {
  await loadUndici();
  const access: LokiAccess = await resolveLokiAccess(target.url, lokiCredentials(target));
  let bytes = 0;
  let queries = 0;
  const get = async (path: string, params: Record<string, string>): Promise<string> => {
    const url = new URL(`${access.baseUrl.replace(/\/*$/, '')}${path}`);
    url.search = new URLSearchParams(params).toString();
    const a = await httpGet(url.toString(), { headers: access.headers, timeoutMs: target.timeoutMs, secrets: [...access.secrets, ...target.secrets], transport: target.transport });
    bytes += Buffer.byteLength(a.body);
    queries += 1;
    if (a.status >= 400) throw new Error(`HTTP ${a.status}: ${a.body.trim().split('\n')[0].slice(0, 300)}`);
    return a.body;
  };
  const metric = async (query: string, range: boolean): Promise<Series[]> => {
    const { from, to } = bounds;
    // Evaluated a nanosecond before each minute's end, a [60s] range holds exactly that minute's lines.
    const firstMinute = Math.floor(from / 60_000) * 60_000;
    const params: Record<string, string> = range
      ? { query, start: `${BigInt(firstMinute + 60_000) * 1_000_000n - 1n}`, end: `${BigInt(Math.ceil(to / 60_000) * 60_000) * 1_000_000n - 1n}`, step: '60s' }
      : { query, time: `${BigInt(to) * 1_000_000n - 1n}` };
    const doc = JSON.parse(await get(range ? '/loki/api/v1/query_range' : '/loki/api/v1/query', params)) as { status?: string; data?: { result?: Series[] } };
    if (doc.status !== 'success') throw new Error(`status is ${JSON.stringify(doc.status ?? null)}, not "success"`);
    return doc.data?.result ?? [];
  };
  const lines = async (query: string, limit: number, direction: 'forward' | 'backward'): Promise<LokiEntry[]> =>
    parseQueryRange(await get('/loki/api/v1/query_range', { query, start: ns(bounds.from), end: `${BigInt(bounds.to) * 1_000_000n - 1n}`, limit: String(limit), direction }));

  const f = LOKI_SUMMARY_FIELDS;
  const sel = `${summarySelector(target.selector)} | json`;
  // Lines in [from, to): the ranges below stop a nanosecond before `to`, and the first minute's lines before `from` are left out.
  const window = `${Math.round((bounds.to - Math.floor(bounds.from / 60_000) * 60_000) / 1000)}s`;
  const [perMinute, p99, samples, first, last] = await Promise.all([
    metric(`sum by (${f.service}, ${f.level}) (count_over_time(${sel} [60s]))`, true),
    metric(`quantile_over_time(0.99, ${sel} | unwrap ${f.latency} [60s]) by (${f.service})`, true),
    metric(`sum by (${f.service}) (count_over_time(${sel} | unwrap ${f.latency} [60s]))`, true),
    lines(summarySelector(target.selector), 1, 'forward'),
    lines(summarySelector(target.selector), 1, 'backward'),
  ]);
  const levels: Record<LogLevel, number> = { fatal: 0, error: 0, warn: 0, info: 0, debug: 0, trace: 0, unknown: 0 };
  const errorLevels = new Set<string>();
  const services = new Map<string, ServiceTotals>();
  const bucket = (service: string, minute: number) => {
    let svc = services.get(service);
    if (!svc) services.set(service, (svc = { lines: 0, errors: 0, minutes: new Map() }));
    let b = svc.minutes.get(minute);
    if (!b) svc.minutes.set(minute, (b = { lines: 0, errors: 0, latencies: { data: new Float64Array(0), length: 0 } }));
    return { svc, b };
  };
  // Each value is stamped a nanosecond before its minute's end: the nearest whole minute is that end.
  const minuteOf = (t: number) => Math.round(t / 60) * 60_000 - 60_000;
  const inRange = (minute: number) => minute + 60_000 > bounds.from && minute < bounds.to;
  for (const s of perMinute) {
    const raw = s.metric[f.level] ?? '';
    const level = raw === '' ? 'unknown' : levelFromValue(raw);
    const isError = level === 'error' || level === 'fatal';
    if (isError) errorLevels.add(raw);
    for (const [t, v] of s.values ?? []) {
      const minute = minuteOf(t);
      const n = Number(v);
      if (!inRange(minute) || !(n > 0)) continue;
      const { svc, b } = bucket(s.metric[f.service] ?? '', minute);
      levels[level] += n;
      svc.lines += n;
      b.lines += n;
      if (isError) {
        svc.errors += n;
        b.errors += n;
      }
    }
  }
  const counts = new Map(samples.map((s) => [s.metric[f.service] ?? '', new Map((s.values ?? []).map(([t, v]) => [minuteOf(t), Number(v)]))]));
  const scale = f.latency.endsWith('_ms') ? 0.001 : 1;
  for (const s of p99) {
    const service = s.metric[f.service] ?? '';
    for (const [t, v] of s.values ?? []) {
      const minute = minuteOf(t);
      const k = counts.get(service)?.get(minute) ?? 0;
      const b = services.get(service)?.minutes.get(minute);
      if (b && k > 0 && Number.isFinite(Number(v))) b.latencies = { data: new Float64Array(k).fill(Number(v) * scale), length: k };
    }
  }
  const errorMessages = new Map<string, { count: number; example: string }>();
  const podErrors = new Map<string, { service: string; errors: number }>();
  if (errorLevels.size > 0) {
    const errs = `${sel} | ${f.level}=~"${[...errorLevels].map(reQuote).join('|')}"`;
    const [texts, pods, firstErrors] = await Promise.all([
      metric(`sum by (${f.message}) (count_over_time(${errs} [${window}]))`, false),
      metric(`sum by (${f.pod}, ${f.service}) (count_over_time(${errs} [${window}]))`, false),
      lines(errs, FIRST_ERROR_LINES, 'forward'),
    ]);
    // The first error lines name each group's example and each pod's service, as the file summary does.
    const parsed = firstErrors.map((e) => {
      try {
        return JSON.parse(e.line) as Record<string, unknown>;
      } catch {
        return {};
      }
    });
    const examples = new Map<string, string>();
    const podService = new Map<string, string>();
    for (const p of parsed) {
      const text = String(p[f.message] ?? '');
      const key = normaliseMessage(text);
      if (!examples.has(key)) examples.set(key, text);
      if (typeof p[f.pod] === 'string' && !podService.has(p[f.pod] as string)) podService.set(p[f.pod] as string, String(p[f.service] ?? ''));
    }
    for (const s of texts) {
      const text = s.metric[f.message] ?? '';
      const n = Number(s.value?.[1] ?? 0);
      const key = normaliseMessage(text);
      const seen = errorMessages.get(key);
      if (seen) seen.count += n;
      else errorMessages.set(key, { count: n, example: examples.get(key) ?? text });
    }
    for (const s of pods) {
      const pod = s.metric[f.pod];
      if (!pod) continue;
      const n = Number(s.value?.[1] ?? 0);
      const seen = podErrors.get(pod);
      if (seen) seen.errors += n;
      else podErrors.set(pod, { service: podService.get(pod) ?? s.metric[f.service] ?? '', errors: n });
    }
  }
  const literal = literalPrefix(deploy)?.trim();
  const deployLines = await lines(literal ? `${summarySelector(target.selector)} |= "${literal.replace(/["\\]/g, '\\$&')}"` : summarySelector(target.selector), 1000, 'forward');
  const inMessage = new RegExp(deploy.source, deploy.flags.replace(/[gy]/g, ''));
  const deploys = deployLines.flatMap((e) => {
    let p: Record<string, unknown> = {};
    try {
      p = JSON.parse(e.line) as Record<string, unknown>;
    } catch {
      // a plain line: its whole text is the message
    }
    const message = typeof p[f.message] === 'string' ? (p[f.message] as string) : e.line;
    const hit = inMessage.exec(message);
    const service = typeof p[f.service] === 'string' ? (p[f.service] as string) : e.labels[f.service];
    return hit ? [{ at: Number(BigInt(e.ns) / 1_000_000n), service: service || null, version: hit.groups?.version ?? hit[1] ?? null, message }] : [];
  });
  const total = Object.values(levels).reduce((a, b) => a + b, 0);
  const at = (e: LokiEntry | undefined) => (e ? Number(BigInt(e.ns) / 1_000_000n) : Number.NaN);
  return {
    totals: {
      lines: total, untimed: 0, outside: 0, malformedJson: 0, firstAt: total ? at(first[0]) : NaN, lastAt: total ? at(last[0]) : NaN, levels, services, errorMessages, podErrors, deploys,
    },
    bytes,
    queries,
  };
}
