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
import { scrapeOnce } from './scrape-metrics-source.js';

/** Builds the pipeline source, or null when the profile has no pipeline targets and no pipeline queries. */
export function pipelinePollSource(profile: Profile, clock: Clock, api?: PrometheusApi): PolledSource | null {
  const p = profile.pipeline;
  const prom = p.queries && profile.prometheus ? (api ?? new PrometheusApi(profile.prometheus)) : undefined;
  if (p.targets.length === 0 && !prom) return null;
  const name = 'pipeline';
  const specs = prom ? pipelineQueryList(p.products) : [];
  let rounds = 0;

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
      Promise.all(p.targets.map((url) => scrapeOnce(url, { timeoutMs: profile.scrape.timeoutMs, maxBytes: profile.scrape.maxBytes, signal }))),
      viaPrometheus(signal).catch((err: Error) => err),
    ]);
    if (signal.aborted) return;
    const at = clock.now();
    const notes: string[] = [];
    let latency = 0;
    const readings: PipelineReading[] = [];
    for (const o of scraped) {
      if (!o.ok) notes.push(o.error);
      else {
        latency = Math.max(latency, o.latencyMs);
        if (o.problems) notes.push(o.problems);
        readings.push(...extractPipeline(o.samples, at));
      }
    }
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
    rounds++;
    if (rounds === 1 && scrapeFailed < p.targets.length) {
      // Scraped counters give rates from the second reading on: take it soon rather than a refresh later.
      clock.setTimeout(() => src.refresh(), 1000);
      src.status('connecting', ['waiting for a second reading to compute rates', ...notes].join('; '), Math.round(latency));
      return;
    }
    src.status(notes.length ? 'degraded' : 'up', notes.length ? notes.join('; ') : null, Math.round(latency));
  };

  // Pipeline queries do not depend on the service or window: a scope change leaves them be.
  const src = new PollingSource(name, 'pipeline', clock, round, () => Math.max(profile.refreshMs, 1000), () => undefined);
  return src;
}
