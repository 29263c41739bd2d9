// The direct scrape source: polls /metrics endpoints itself and feeds the error-rate and p99 panels (origin 'scrape')
// and the pipeline panel, so the console works when Prometheus is slow, down or absent.
import type { Profile, Transport } from '../../config/profile.js';
import { rateIntervalMs, stepForWidth } from '../../config/template.js';
import { parseExposition } from '../../model/exposition/exposition.js';
import type { ExpositionSample } from '../../model/exposition/exposition-types.js';
import { extractPipeline } from '../../model/pipeline/pipeline-extract.js';
import { MAX_SCRAPE_SERIES, ScrapeMetrics } from '../../model/exposition/scrape-metrics.js';
import { FetchError, httpGet } from '../http-get.js';
import type { Clock } from '../../model/session/clock.js';
import { PollingSource } from './polling-source.js';
import type { PolledSource } from '../source.js';
import type { ScopeGetter } from './query-scope.js';
import { RereadRule } from '../../model/exposition/reread-rule.js';
import { countersFingerprint, rateWaitNotes, samplesStampedAt } from '../../model/exposition/counter-moves.js';

/**
 * Longest wait for a target's counters to move before the source stops saying 'connecting' and shows its rates as
 * unknown (milliseconds); never longer than the scrape interval, after which still counters are a real zero.
 */
export const RATE_WAIT_MS = 2500;

/** One target's outcome in a round. */
type Outcome = { ok: true; samples: ExpositionSample[]; problems: string | null; latencyMs: number } | { ok: false; error: string };

/** Scrapes one URL and parses it; never throws. */
export async function scrapeOnce(url: string, o: { timeoutMs: number; maxBytes: number; signal: AbortSignal; secrets?: readonly string[]; transport?: Transport }): Promise<Outcome> {
  try {
    const answer = await httpGet(url, { timeoutMs: o.timeoutMs, maxBytes: o.maxBytes, signal: o.signal, secrets: o.secrets, transport: o.transport, headers: { accept: 'application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.9,*/*;q=0.1' } });
    if (answer.status !== 200) return { ok: false, error: `HTTP ${answer.status} from ${url}` };
    const parsed = parseExposition(answer.body, answer.contentType);
    if (parsed.samples.length === 0) {
      const first = parsed.errors[0];
      return { ok: false, error: `no samples from ${url}${first ? ` (line ${first.line}: ${first.message})` : ''}` };
    }
    const first = parsed.errors[0];
    const problems = first ? `${parsed.errors.length} malformed line${parsed.errors.length === 1 ? '' : 's'} from ${url} (first at line ${first.line}: ${first.message})` : null;
    return { ok: true, samples: parsed.samples, problems, latencyMs: answer.latencyMs };
  } catch (err) {
    return { ok: false, error: err instanceof FetchError ? err.message : `${url}: ${(err as Error).message}` };
  }
}

/** Builds the scrape source for `profile.scrape.targets`, or null when there are none. */
export function scrapeMetricsSource(profile: Profile, scope: ScopeGetter, clock: Clock): PolledSource | null {
  const targets = profile.scrape.targets;
  if (targets.length === 0) return null;
  const name = 'scrape';
  const s = profile.scrape;
  const ringSize = Math.min(2000, Math.ceil((24 * 3_600_000) / s.intervalMs) + 8);
  const metrics = new ScrapeMetrics({
    requestsMetric: s.requestsMetric, statusLabel: s.statusLabel, errorStatus: s.errorStatus, durationMetric: s.durationMetric,
    serviceLabel: profile.labels.service, podLabel: profile.labels.pod,
  }, ringSize);

  const panels = () => {
    const sc = scope();
    const end = clock.now();
    const stepMs = stepForWidth(sc.windowMs, sc.columns);
    const q = {
      service: sc.service, pod: sc.pod, startMs: end - sc.windowMs, endMs: end, stepMs,
      rateIntervalMs: rateIntervalMs(stepMs, s.intervalMs), topK: profile.topK,
    };
    src.emit({ type: 'samples', source: name, at: end, panel: 'error_rate', series: metrics.errorRate(q), origin: 'scrape' });
    src.emit({ type: 'samples', source: name, at: end, panel: 'p99', series: metrics.p99ByPod(q), origin: 'scrape' });
  };

  const rules = targets.map(() => new RereadRule(s.intervalMs));
  const counterNames = new Set([s.requestsMetric, `${s.durationMetric}_bucket`]);
  let reread: unknown;

  const round = async (signal: AbortSignal): Promise<void> => {
    const outcomes = await Promise.all(targets.map((url) => scrapeOnce(url, { timeoutMs: s.timeoutMs, maxBytes: s.maxBytes, signal, transport: s.transport })));
    if (signal.aborted) return;
    const at = clock.now();
    const failed: string[] = [];
    const problems: string[] = [];
    let latency = 0;
    let next: number | null = null;
    outcomes.forEach((o, i) => {
      if (!o.ok) return failed.push(o.error);
      latency = Math.max(latency, o.latencyMs);
      if (o.problems) problems.push(o.problems);
      // Error ratios and quantiles are ratios of rates: right from the first pair of readings where the counters moved.
      const ratedBefore = rules[i].rated;
      const d = rules[i].observe(at, countersFingerprint(o.samples, counterNames), 'one-change');
      if (d.rereadInMs !== null) next = Math.min(next ?? Infinity, d.rereadInMs);
      if (!d.take) return;
      metrics.ingest(o.samples, at, targets[i]);
      // Pipeline counters are per-second figures: from an unstamped target the first pair is not a rate yet (see
      // reread-rule.ts), so they start with the first reading after it.
      const stampedAt = samplesStampedAt(o.samples);
      if (stampedAt === undefined && !ratedBefore) return;
      const readings = extractPipeline(o.samples, at).map((r) => (stampedAt === undefined ? r : { ...r, sampledAt: stampedAt }));
      if (readings.length) src.emit({ type: 'pipeline', source: name, at, samples: readings });
    });
    if (failed.length === targets.length) {
      src.status('down', failed.join('; '));
      throw new Error(failed[0]);
    }
    if (next !== null) {
      clock.clearTimeout(reread);
      reread = clock.setTimeout(() => src.refresh(), next);
    }
    const notes = [...failed, ...problems];
    if (metrics.refused > 0) notes.push(`${metrics.refused} series over the ${MAX_SCRAPE_SERIES}-series cap ignored`);
    if (metrics.hasRates()) panels();
    const answered = targets.map((url, i) => ({ url, rule: rules[i] })).filter((_, i) => outcomes[i].ok);
    const wait = rateWaitNotes(answered, at, Math.min(RATE_WAIT_MS, s.intervalMs));
    if (wait.waiting) {
      src.status('connecting', [wait.waiting, ...notes].join('; '), Math.round(latency));
      return;
    }
    notes.push(...wait.unknown);
    src.status(notes.length ? 'degraded' : 'up', notes.length ? notes.join('; ') : null, Math.round(latency));
  };

  // A new scope or window needs no new scrape: the rings already hold the data, so the panels are recomputed.
  const src = new PollingSource(name, 'scrape', clock, round, () => s.intervalMs, () => {
    if (metrics.hasRates()) panels();
  }, () => clock.clearTimeout(reread));
  return src;
}
