// The Prometheus source: every refresh, the error-rate range query (step-aligned), its newest value and the p99 in parallel.
import type { Profile } from '../../config/profile.js';
import { expandQuery, stepForWidth } from '../../config/template.js';
import type { Notice, Series } from '../../model/console-state/events.js';
import { nearestNames } from '../../model/text/nearest.js';
import { listLabelValues, servicesMatch } from './label-values.js';
import { PrometheusApi } from './prometheus-api.js';
import type { PolledSource } from '../source.js';
import type { Clock } from '../../model/session/clock.js';
import { PollingSource } from './polling-source.js';
import type { ScopeGetter } from './query-scope.js';
import { alignedRange, wantsNewest, withNewest } from '../../model/promql/aligned-range.js';
import { isSlowFailure, StepGovernor } from './step-governor.js';
import { isAtLeast, splitQuantileQuery } from '../../model/promql/quantile-query.js';
import { BucketBounds } from './bucket-bounds.js';

/** A stable sort key for a label set. */
const labelKey = (labels: Record<string, string>): string => Object.keys(labels).sort().map((k) => `${k}=${labels[k]}`).join(',');

/** Longest the p99 bars wait for bucket bounds asked in the same round, in milliseconds. */
const BOUNDS_WAIT_MS = 500;

const NO_BOUNDS: ReadonlyMap<string, number> = new Map();

/** Resolves when `p` settles or `ms` have passed on `clock`, whichever is first. */
function settledWithin(p: Promise<unknown>, ms: number, clock: Clock): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = clock.setTimeout(resolve, ms);
    void p.finally(() => {
      clock.clearTimeout(timer);
      resolve();
    });
  });
}

function barsToSeries(samples: Array<{ labels: Record<string, string>; value: number }>, t: number, topK: number, bounds: ReadonlyMap<string, number>): Series[] {
  return samples
    .filter((s) => !Number.isNaN(s.value))
    // Equal values keep one order (by labels), so rows never swap places between refreshes.
    .sort((a, b) => b.value - a.value || (labelKey(a.labels) < labelKey(b.labels) ? -1 : labelKey(a.labels) > labelKey(b.labels) ? 1 : 0))
    .slice(0, topK)
    .map((s) => ({
      labels: s.labels, points: [[t, Number.isFinite(s.value) ? s.value : null]],
      ...(isAtLeast(s.value, s.labels, bounds) ? { atLeast: true as const } : {}),
    }));
}

/** Builds the Prometheus source for a profile; `once` runs a single round. */
export function prometheusSource(profile: Profile, scope: ScopeGetter, clock: Clock, api?: PrometheusApi): PolledSource {
  const target = profile.prometheus;
  if (!target) throw new Error('prometheusSource needs profile.prometheus');
  const client = api ?? new PrometheusApi(target);
  const name = 'prometheus';

  let noticed = false;
  let checked: { service: string; at: number; notices: Notice[] } | null = null;
  /**
   * Why the error-rate query gave no series: a service Prometheus does not know (a typo; the known ones listed,
   * nearest first) or a query that selects nothing (other metric names). Asked at most once a minute per service.
   */
  const diagnose = async (service: string, query: string, signal: AbortSignal): Promise<Notice[]> => {
    if (checked && checked.service === service && clock.now() - checked.at < 60_000) return checked.notices;
    const label = profile.labels.service;
    let notices: Notice[] = [{ code: 'INC_QUERY_EMPTY', message: `the error-rate query returns no series: ${query}` }];
    try {
      const known = await listLabelValues(client, label, servicesMatch(profile), 10_000, signal);
      if (known.total > 0 && !known.values.includes(service)) {
        const names = nearestNames(service, known.values, 6);
        const more = known.total > names.length ? `, +${known.total - names.length} more` : '';
        notices = [{ code: 'INC_NO_SERIES', message: `no series for ${label}="${service}"; known: ${names.join(', ')}${more} (s picks one)` }];
      }
    } catch {
      // the query's own notice stands
    }
    checked = { service, at: clock.now(), notices };
    return notices;
  };

  /** The bucket bounds behind the p99 query, asked beside it (see BucketBounds); their requests end with the source. */
  const bounds = new BucketBounds();
  const boundsStop = new AbortController();

  const governor = new StepGovernor();
  /** The scope and window the error rate was last drawn for. */
  let drawnFor = '';
  const round = async (signal: AbortSignal): Promise<void> => {
    const s = scope();
    const baseStepMs = stepForWidth(s.windowMs, s.columns);
    const stepMs = governor.stepMs(baseStepMs, s.windowMs);
    const nowMs = clock.now();
    const { start, end, step } = alignedRange(nowMs, s.windowMs, stepMs);
    // The range stops at the last whole step, so caches can answer it. When the unfinished step is a scrape interval
    // or longer, a newer scrape may be missing from it: the newest value then comes from an instant query at now (one
    // evaluation), so the current value and its age on screen are those of this moment. A shorter one misses at most
    // the scrape in flight, as every reading does, and the age on screen says how old the last point is.
    const t = Math.floor(nowMs / 1000);
    const askNewest = wantsNewest(t, end, profile.scrapeIntervalMs);
    const vars = { service: s.service, pod: s.pod, podLabel: profile.labels.pod, windowMs: s.windowMs, stepMs, scrapeIntervalMs: profile.scrapeIntervalMs };
    const errorQuery = expandQuery(profile.queries.errorRate, vars);
    // The error rate is drawn as soon as its own answers are in, without waiting for the p99 query: it is the
    // first graph the engineer waits for, and a slow histogram query must not hold it back.
    const errorAsked = [
      client.queryRange(errorQuery, start, end, step, signal),
      askNewest ? client.query(errorQuery, t, signal) : Promise.resolve(null),
    ] as const;
    const p99Query = expandQuery(profile.queries.p99, vars);
    const barsAsked = client.query(p99Query, t, signal);
    barsAsked.catch(() => undefined);
    // histogram_quantile(1, ...) answers the highest non-empty bucket's bound whatever the tail: nothing to tell there.
    const quantile = splitQuantileQuery(p99Query);
    const inner = quantile && quantile.q < 1 ? quantile.inner : null;
    const askBounds = async () => (await client.query(inner!, t, boundsStop.signal)).data;
    const boundsStopped = () => boundsStop.signal.aborted;
    const boundsAsked = inner === null ? null : bounds.refresh(inner, t, askBounds, boundsStopped);
    const key = JSON.stringify([s.service, s.pod ?? '', s.windowMs]);
    if (askNewest && key !== drawnFor) {
      // Nothing is on screen for this scope and window yet: the range is drawn as soon as it is in (the panel's age
      // says it ends a step back), and the newest value replaces it when its own answer comes.
      let newestIn = false;
      errorAsked[1].then(() => (newestIn = true), () => (newestIn = true));
      const early = await errorAsked[0].catch(() => null);
      if (signal.aborted) return;
      if (early && !newestIn && early.data.length > 0) {
        src.emit({ type: 'samples', source: name, at: clock.now(), panel: 'error_rate', series: early.data, origin: 'prometheus', asOf: end * 1000, stepS: step, coarsened: stepMs > baseStepMs });
      }
    }
    const [range, newest] = await Promise.allSettled(errorAsked);
    if (signal.aborted) return;
    const problems: string[] = [];
    const warnings: string[] = [];
    let latency = 0;
    if (range.status === 'fulfilled') {
      governor.note(range.value.latencyMs, profile.refreshMs);
      latency = Math.max(latency, range.value.latencyMs);
      warnings.push(...range.value.warnings);
      let now = newest.status === 'fulfilled' ? newest.value : null;
      // An empty range whose newest value was not asked may still have one: a Prometheus (re)started within the last
      // step holds samples after the range's end only. Asked before the panel says the query returns no series.
      if (!askNewest && range.value.data.length === 0) now = await client.query(errorQuery, t, signal).catch(() => null);
      if (signal.aborted) return;
      if (now) {
        latency = Math.max(latency, now.latencyMs);
        warnings.push(...now.warnings);
      } else if (newest.status === 'rejected') problems.push(`error rate now: ${(newest.reason as Error).message}`);
      const fresh = now !== null;
      const series = now ? withNewest(range.value.data, now.data, t) : range.value.data;
      src.emit({
        type: 'samples', source: name, at: clock.now(), panel: 'error_rate', series, origin: 'prometheus',
        asOf: (fresh ? t : end) * 1000, stepS: step, coarsened: stepMs > baseStepMs,
      });
      drawnFor = key;
      const notices = series.length === 0 ? await diagnose(s.service, errorQuery, signal) : [];
      if (signal.aborted) return;
      if (notices.length > 0 || noticed) src.emit({ type: 'notices', source: name, at: clock.now(), notices });
      noticed = notices.length > 0;
    } else {
      if (isSlowFailure(range.reason)) governor.note(Number.POSITIVE_INFINITY, profile.refreshMs);
      problems.push(`error rate: ${(range.reason as Error).message}`);
    }
    const [bars] = await Promise.allSettled([barsAsked]);
    // New bounds are waited for a little, so that bars are not drawn plain and then marked; never for long, so a slow
    // answer (every bucket series) holds neither the bars nor the next refresh. It is used when it comes.
    if (boundsAsked) await settledWithin(boundsAsked, BOUNDS_WAIT_MS, clock);
    // Bars for series the known bounds cannot tell about are not drawn as plain values for a whole period: asked again.
    const drawn = bars.status === 'fulfilled' ? bars.value.data.filter((b) => !Number.isNaN(b.value)).map((b) => b.labels) : [];
    const again = inner === null ? null : bounds.recheck(inner, t, drawn, askBounds, boundsStopped);
    if (again) await settledWithin(again, BOUNDS_WAIT_MS, clock);
    if (signal.aborted) return;
    const at = clock.now();
    if (bars.status === 'fulfilled') {
      latency = Math.max(latency, bars.value.latencyMs);
      warnings.push(...bars.value.warnings);
      src.emit({ type: 'samples', source: name, at, panel: 'p99', series: barsToSeries(bars.value.data, t, profile.topK, (inner !== null && bounds.get(inner)) || NO_BOUNDS), origin: 'prometheus' });
    } else problems.push(`p99: ${(bars.reason as Error).message}`);
    const lat = Math.round(latency);
    if (range.status === 'rejected' && bars.status === 'rejected') {
      const [a, b] = [range.reason as Error, bars.reason as Error];
      src.status('down', a.message === b.message ? a.message : problems.join('; '));
      throw a;
    }
    if (problems.length > 0) src.status('degraded', problems.join('; '), lat);
    else if (warnings.length > 0) src.status('degraded', `warning: ${warnings[0]}${warnings.length > 1 ? ` (+${warnings.length - 1} more)` : ''}`, lat);
    else src.status('up', null, lat);
  };

  const src = new PollingSource(name, 'prometheus', clock, round, () => profile.refreshMs, undefined, () => boundsStop.abort());
  return src;
}
