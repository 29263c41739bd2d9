// The error-rate and p99 panels computed from scraped /metrics samples, the way the profile's PromQL would:
// rate() over sample rings, sum by, and histogram_quantile, all client-side.
import type { Series, SeriesExemplar } from '../console-state/events.js';
import { exemplarTraceId } from './exemplar-trace.js';
import type { ExpositionSample } from './exposition-types.js';
import { bucketsFromLe, histogramQuantile } from '../promql/histogram-quantile.js';
import { pastHighestBucket } from '../promql/quantile-query.js';
import { rate } from '../promql/rate.js';
import { SampleRing } from '../promql/sample-ring.js';
import { sumBy, type LabelledValue } from '../promql/sum-by.js';

/** Which metrics and labels the panels read (profile `scrape` and `labels`). */
export interface ScrapeMetricNames {
  requestsMetric: string;
  statusLabel: string;
  /** Regular expression (anchored) for error status values, e.g. "5..". */
  errorStatus: string;
  /** Histogram base name; its `_bucket` series are read. */
  durationMetric: string;
  serviceLabel: string;
  podLabel: string;
}

/** What to compute: times in epoch ms. */
export interface ScrapeQuery {
  service: string;
  pod?: string;
  startMs: number;
  endMs: number;
  stepMs: number;
  rateIntervalMs: number;
  topK: number;
}

interface Tracked {
  labels: Record<string, string>;
  ring: SampleRing;
  /** The newest exemplar with a trace id seen on this series (duration buckets only). */
  exemplar?: SeriesExemplar;
}

/** Most series kept per metric; beyond it new series are counted and ignored. */
export const MAX_SCRAPE_SERIES = 5000;

/** Sample rings for the request counter and the duration buckets, fed by every scrape. */
export class ScrapeMetrics {
  private readonly requests = new Map<string, Tracked>();
  private readonly buckets = new Map<string, Tracked>();
  private readonly errorRe: RegExp;
  /** Series refused because the cap was reached. */
  refused = 0;
  /** Scrapes taken in. */
  scrapes = 0;

  constructor(private readonly names: ScrapeMetricNames, private readonly ringSize: number) {
    this.errorRe = new RegExp(`^(?:${names.errorStatus})$`);
  }

  /** Takes in one scrape's samples at `atMs`; `target` tells series from different endpoints apart. */
  ingest(samples: readonly ExpositionSample[], atMs: number, target: string): void {
    this.scrapes++;
    const bucketName = `${this.names.durationMetric}_bucket`;
    for (const s of samples) {
      const map = s.name === this.names.requestsMetric ? this.requests : s.name === bucketName ? this.buckets : undefined;
      if (!map || Number.isNaN(s.value)) continue;
      const key = `${target}\u0000${Object.keys(s.labels).sort().map((k) => `${k}=${s.labels[k]}`).join('\u0000')}`;
      let t = map.get(key);
      if (!t) {
        if (map.size >= MAX_SCRAPE_SERIES) {
          this.refused++;
          continue;
        }
        t = { labels: s.labels, ring: new SampleRing(this.ringSize) };
        map.set(key, t);
      }
      t.ring.push(s.timestampMs ?? atMs, s.value);
      const traceId = s.exemplar && map === this.buckets ? exemplarTraceId(s.exemplar.labels) : undefined;
      if (traceId !== undefined) t.exemplar = { traceId, value: s.exemplar!.value, at: s.exemplar!.timestampMs ?? atMs };
    }
  }

  /** True once some request series has two samples, so a rate exists. */
  hasRates(): boolean {
    for (const t of this.requests.values()) if (t.ring.size >= 2) return true;
    return false;
  }

  /** Service names seen on the request counter. */
  services(): string[] {
    return [...new Set([...this.requests.values()].map((t) => t.labels[this.names.serviceLabel]).filter((v): v is string => !!v))].sort();
  }

  private inScope(t: Tracked, q: Pick<ScrapeQuery, 'service' | 'pod'>): boolean {
    return t.labels[this.names.serviceLabel] === q.service && (!q.pod || t.labels[this.names.podLabel] === q.pod);
  }

  /** Error ratio over the window, one point per step: errors / all requests, null where no rate exists yet. */
  errorRate(q: ScrapeQuery): Series[] {
    const scoped = [...this.requests.values()].filter((t) => this.inScope(t, q));
    if (scoped.length === 0) return [];
    const points: Array<[number, number | null]> = [];
    // Anchored at the end, so the newest point sits on the newest scrape.
    const steps = Math.floor((q.endMs - q.startMs) / q.stepMs);
    for (let k = steps; k >= 0; k--) {
      const t = q.endMs - k * q.stepMs;
      let all = 0;
      let errors = 0;
      let any = false;
      for (const s of scoped) {
        const r = rate(s.ring.range(t - q.rateIntervalMs, t), t - q.rateIntervalMs, t);
        if (r === null) continue;
        any = true;
        all += r;
        if (this.errorRe.test(s.labels[this.names.statusLabel] ?? '')) errors += r;
      }
      points.push([t / 1000, any && all > 0 ? errors / all : null]);
    }
    const labels: Record<string, string> = { [this.names.serviceLabel]: q.service };
    if (q.pod) labels[this.names.podLabel] = q.pod;
    return [{ labels, points }];
  }

  /** p99 per pod at the end of the window, highest first, at most topK; pods without a rate are left out. */
  p99ByPod(q: ScrapeQuery): Series[] {
    const rates: LabelledValue[] = [];
    const t = q.endMs;
    for (const s of this.buckets.values()) {
      if (!this.inScope(s, q)) continue;
      const r = rate(s.ring.range(t - q.rateIntervalMs, t), t - q.rateIntervalMs, t);
      if (r !== null) rates.push({ labels: s.labels, value: r });
    }
    const byPodLe = sumBy(rates, [this.names.podLabel, 'le']);
    const pods = new Map<string, LabelledValue[]>();
    for (const v of byPodLe) {
      const pod = v.labels[this.names.podLabel] ?? '';
      pods.set(pod, [...(pods.get(pod) ?? []), v]);
    }
    const out: Array<{ pod: string; value: number; atLeast: boolean; exemplar?: SeriesExemplar }> = [];
    for (const [pod, items] of pods) {
      const buckets = bucketsFromLe(items).sort((a, b) => a.le - b.le);
      const value = histogramQuantile(0.99, buckets);
      // Past the highest bucket the value is its bound, a floor: a trace behind it comes from the +Inf bucket only.
      const atLeast = Number.isFinite(value) && pastHighestBucket(0.99, buckets);
      if (!Number.isNaN(value)) out.push({ pod, value, atLeast, exemplar: this.exemplarNear(q, pod, atLeast ? Number.POSITIVE_INFINITY : value) });
    }
    return out
      // Equal values keep one order (by pod name), so rows never swap places between refreshes.
      .sort((a, b) => b.value - a.value || (a.pod < b.pod ? -1 : a.pod > b.pod ? 1 : 0))
      .slice(0, q.topK)
      .map((b): Series => ({
        labels: b.pod ? { [this.names.podLabel]: b.pod } : {},
        points: [[t / 1000, Number.isFinite(b.value) ? b.value : null]],
        ...(b.atLeast ? { atLeast: true } : {}),
        ...(b.exemplar ? { exemplar: b.exemplar } : {}),
      }));
  }

  /**
   * The trace behind a pod's p99: the exemplar of the bucket the p99 falls in (the smallest `le` at or above it),
   * else of the nearest bucket above; the newest when several targets have one. Exemplars older than the rate
   * interval no longer speak for the value and are passed over.
   */
  private exemplarNear(q: ScrapeQuery, pod: string, p99: number): SeriesExemplar | undefined {
    let best: { le: number; exemplar: SeriesExemplar } | undefined;
    for (const s of this.buckets.values()) {
      if (!s.exemplar || !this.inScope(s, q) || (s.labels[this.names.podLabel] ?? '') !== pod) continue;
      if (s.exemplar.at < q.endMs - q.rateIntervalMs - q.stepMs) continue;
      const le = Number(s.labels.le === '+Inf' ? Number.POSITIVE_INFINITY : s.labels.le);
      if (!(le >= p99)) continue;
      if (!best || le < best.le || (le === best.le && s.exemplar.at > best.exemplar.at)) best = { le, exemplar: s.exemplar };
    }
    return best?.exemplar;
  }
}
