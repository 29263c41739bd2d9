// The pipeline health source: the self-metrics of Vector, the OpenTelemetry Collector, Fluent Bit and Prometheus,
// scraped directly from `pipeline.targets` and, when the profile asks, queried through Prometheus.
import type { Profile } from '../../config/profile.js';
import { expandQuery } from '../../config/template.js';
import { extractPipeline } from '../../model/pipeline/pipeline-extract.js';
import { pipelineQueryList, readingsFromQueryResults, type PipelineQueryResult } from '../../model/pipeline/pipeline-queries.js';
import type { PipelineReading } from '../../model/pipeline/pipeline-reading.js';
import { PrometheusApi } from './prometheus-api.js';
import type { Clock } from '../../model/session/clock.js';
import { PollingSource } from './polling-source.js';
import type { PolledSource } from '../source.js';
import { RATE_WAIT_MS, scrapeOnce } from './scrape-metrics-source.js';
import { RereadRule } from '../../model/exposition/reread-rule.js';
import { rateWaitNotes, samplesStampedAt } from '../../model/exposition/counter-moves.js';

/** The cumulative counters of some readings as one string, so a change in any of them shows. */
function countersOf(readings: readonly PipelineReading[]): string {
  return readings.map((r) => [r.id, r.kind, r.inTotal, r.outTotal, r.errorsTotal, r.discardedTotal, r.intentionalDiscardedTotal, JSON.stringify(r.problemTotals ?? {})].join(',')).join(' ');
}

/** Builds the pipeline source, or null when the profile has no pipeline targets and no pipeline queries. */
export function pipelinePollSource(profile: Profile, clock: Clock, api?: PrometheusApi): PolledSource | null {
  const p = profile.pipeline;
  const prom = p.queries && profile.prometheus ? (api ?? new PrometheusApi(profile.prometheus)) : undefined;
  if (p.targets.length === 0 && !prom) return null;
  const name = 'pipeline';
  const specs = prom ? pipelineQueryList(p.products) : [];
  const intervalMs = () => Math.max(profile.refreshMs, 1000);
  const rules = p.targets.map(() => new RereadRule(intervalMs()));
  let reread: unknown;

  const viaPrometheus = async (signal: AbortSignal): Promise<{ readings: PipelineReading[]; problem: string | null; latencyMs: number }> => {
    if (!prom) return { readings: [], problem: null, latencyMs: 0 };
    const t = Math.floor(clock.now() / 1000);
    const vars = { service: '', windowMs: profile.windowMs, stepMs: profile.refreshMs, scrapeIntervalMs: profile.scrapeIntervalMs };
    const answers = await Promise.allSettled(specs.map((spec) => prom.query(expandQuery(spec.expr, vars), t, signal)));
    const results: PipelineQueryResult[] = [];
    const failed: string[] = [];
    let latencyMs = 0;
    answers.forEach((a, i) => {
      if (a.status === 'fulfilled') {
        results.push({ spec: specs[i], samples: a.value.data });
        latencyMs = Math.max(latencyMs, a.value.latencyMs);
      } else failed.push((a.reason as Error).message);
    });
    const problem = failed.length ? `${failed.length} of ${specs.length} pipeline queries failed: ${failed[0]}` : null;
    if (failed.length === specs.length && specs.length > 0) throw new Error(failed[0]);
    return { readings: readingsFromQueryResults(results, clock.now()), problem, latencyMs };
  };

  const round = async (signal: AbortSignal): Promise<void> => {
    const [scraped, queried] = await Promise.all([
      Promise.all(p.targets.map((url) => scrapeOnce(url, { timeoutMs: profile.scrape.timeoutMs, maxBytes: profile.scrape.maxBytes, signal, transport: p.transport }))),
      viaPrometheus(signal).catch((err: Error) => err),
    ]);
    if (signal.aborted) return;
    const at = clock.now();
    const notes: string[] = [];
    let latency = 0;
    const readings: PipelineReading[] = [];
    let next: number | null = null;
    scraped.forEach((o, i) => {
      if (!o.ok) return void notes.push(o.error);
      latency = Math.max(latency, o.latencyMs);
      if (o.problems) notes.push(o.problems);
      const found = extractPipeline(o.samples, at);
      // Per-second figures: right from the first change when the target stamps its samples, else timed between two
      // changes (reread-rule.ts). Gauges such as buffer fill do not count as a move.
      const stampedAt = samplesStampedAt(o.samples);
      const fingerprint = `${countersOf(found)}@${stampedAt ?? ''}`;
      const d = rules[i].observe(at, fingerprint, stampedAt === undefined ? 'two-changes' : 'one-change');
      if (d.rereadInMs !== null) next = Math.min(next ?? Infinity, d.rereadInMs);
      if (!d.take) return;
      const sampledAt = stampedAt ?? d.changedAt ?? undefined;
      readings.push(...found.map((r) => ({ ...r, ...(sampledAt !== undefined ? { sampledAt } : {}), ...(d.restart ? { restartsRate: true } : {}) })));
    });
    if (queried instanceof Error) notes.push(`pipeline queries: ${queried.message}`);
    else {
      latency = Math.max(latency, queried.latencyMs);
      if (queried.problem) notes.push(queried.problem);
      readings.push(...queried.readings);
    }
    const scrapeFailed = scraped.filter((o) => !o.ok).length;
    const allFailed = scrapeFailed === p.targets.length && (!prom || queried instanceof Error);
    if (allFailed) {
      src.status('down', notes.join('; '));
      throw new Error(notes[0] ?? 'no pipeline data');
    }
    if (readings.length) src.emit({ type: 'pipeline', source: name, at, samples: readings });
    if (next !== null) {
      clock.clearTimeout(reread);
      reread = clock.setTimeout(() => src.refresh(), next);
    }
    const answered = p.targets.map((url, i) => ({ url, rule: rules[i] })).filter((_, i) => scraped[i].ok);
    const wait = rateWaitNotes(answered, at, Math.min(RATE_WAIT_MS, intervalMs()));
    if (wait.waiting) {
      src.status('connecting', [wait.waiting, ...notes].join('; '), Math.round(latency));
      return;
    }
    notes.push(...wait.unknown);
    src.status(notes.length ? 'degraded' : 'up', notes.length ? notes.join('; ') : null, Math.round(latency));
  };

  // Pipeline queries do not depend on the service or window: a scope change leaves them be.
  const src = new PollingSource(name, 'pipeline', clock, round, intervalMs, () => undefined, () => clock.clearTimeout(reread));
  return src;
}
