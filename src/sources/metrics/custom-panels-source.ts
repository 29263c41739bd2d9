// The source behind the profile's own panels: every refresh, each panel's query (a range for charts and stats, an
// instant query for bars and tables), in parallel, through the shared Prometheus client.
import type { Profile } from '../../config/profile.js';
import { expandQuery, stepForWidth } from '../../config/template.js';
import type { PanelRow, Series } from '../../model/console-state/events.js';
import type { CustomPanelSpec } from '../../model/panels/custom-panel.js';
import { alignedRange, wantsNewest, withNewest } from '../../model/promql/aligned-range.js';
import type { Clock } from '../../model/session/clock.js';
import type { PolledSource } from '../source.js';
import { PollingSource } from './polling-source.js';
import { PrometheusApi } from './prometheus-api.js';
import type { ScopeGetter } from './query-scope.js';

/** Source name of the custom panels in the header and the snapshot. */
export const PANELS_SOURCE = 'panels';

/** Most rows a table or bars panel keeps from one answer. */
export const MAX_PANEL_ROWS = 50;

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Rows of an instant answer, largest first (ties by labels, so rows never swap places between refreshes). */
function rowsOf(samples: Array<{ labels: Record<string, string>; value: number }>): PanelRow[] {
  const key = (l: Record<string, string>) => Object.keys(l).sort().map((k) => `${k}=${l[k]}`).join(',');
  return samples
    .map((s) => ({ labels: s.labels, value: Number.isFinite(s.value) ? s.value : null }))
    .sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity) || (key(a.labels) < key(b.labels) ? -1 : key(a.labels) > key(b.labels) ? 1 : 0))
    .slice(0, MAX_PANEL_ROWS);
}

/**
 * Builds the custom panels' source, or null when the profile has no panels or no Prometheus. Single-flight and
 * backoff come from the poller; a panel whose query fails keeps its last answer (no event is sent for it) and the
 * status names it; when every panel fails the source is down.
 */
export function customPanelsSource(profile: Profile, scope: ScopeGetter, clock: Clock, api?: PrometheusApi): PolledSource | null {
  const panels = profile.panels ?? [];
  if (!profile.prometheus || panels.length === 0) return null;
  const client = api ?? new PrometheusApi(profile.prometheus);

  const ask = async (p: CustomPanelSpec, signal: AbortSignal): Promise<{ latencyMs: number; warnings: string[]; emit: () => void }> => {
    const s = scope();
    const stepMs = stepForWidth(s.windowMs, s.columns);
    const nowMs = clock.now();
    const t = Math.floor(nowMs / 1000);
    const query = expandQuery(p.query, { service: s.service, pod: s.pod, podLabel: profile.labels.pod, windowMs: s.windowMs, stepMs, scrapeIntervalMs: profile.scrapeIntervalMs });
    if (p.type === 'bars' || p.type === 'table') {
      const r = await client.query(query, t, signal);
      const rows = rowsOf(r.data);
      const series: Series[] = rows.map((row) => ({ labels: row.labels, points: [[t, row.value]] }));
      return { latencyMs: r.latencyMs, warnings: r.warnings, emit: () => src.emit({ type: 'panel', source: PANELS_SOURCE, at: clock.now(), panel: p.id, series, rows }) };
    }
    const { start, end, step } = alignedRange(nowMs, s.windowMs, stepMs);
    // As for the error rate: the range ends at the last whole step (cacheable), the newest value is asked at now when
    // the unfinished step is a scrape interval or longer.
    const newestToo = wantsNewest(t, end, profile.scrapeIntervalMs);
    const [range, newest] = await Promise.all([client.queryRange(query, start, end, step, signal), newestToo ? client.query(query, t, signal) : Promise.resolve(null)]);
    const series = newest ? withNewest(range.data, newest.data, t) : range.data;
    return {
      latencyMs: Math.max(range.latencyMs, newest?.latencyMs ?? 0),
      warnings: [...range.warnings, ...(newest?.warnings ?? [])],
      emit: () => src.emit({ type: 'panel', source: PANELS_SOURCE, at: clock.now(), panel: p.id, series, asOf: (newest ? t : end) * 1000 }),
    };
  };

  const round = async (signal: AbortSignal): Promise<void> => {
    const results = await Promise.allSettled(panels.map((p) => ask(p, signal)));
    if (signal.aborted) return;
    const problems: string[] = [];
    const warnings: string[] = [];
    let latency = 0;
    results.forEach((r, i) => {
      if (r.status === 'fulfilled') {
        latency = Math.max(latency, r.value.latencyMs);
        warnings.push(...r.value.warnings);
        r.value.emit();
      } else problems.push(`${panels[i].title}: ${messageOf(r.reason)}`);
    });
    const lat = Math.round(latency);
    if (problems.length === panels.length) {
      const first = messageOf((results[0] as PromiseRejectedResult).reason);
      const same = results.every((r) => r.status === 'rejected' && messageOf(r.reason) === first);
      src.status('down', same ? first : problems.join('; '));
      throw new Error(first);
    }
    if (problems.length > 0) src.status('degraded', problems.join('; '), lat);
    else if (warnings.length > 0) src.status('degraded', `warning: ${warnings[0]}${warnings.length > 1 ? ` (+${warnings.length - 1} more)` : ''}`, lat);
    else src.status('up', null, lat);
  };

  const src = new PollingSource(PANELS_SOURCE, 'prometheus', clock, round, () => profile.refreshMs);
  return src;
}
