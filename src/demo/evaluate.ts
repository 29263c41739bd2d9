// Evaluates the demo profile's queries on the simulation: error ratios and histogram quantiles per label set.
import { histogramQuantile } from '../model/promql/histogram-quantile.js';
import { matches, type DemoQuery } from './prom-selectors.js';
import type { DemoSimulation, PodCounters } from './simulation.js';

export function podLabels(p: PodCounters): Record<string, string> {
  return { service: p.service, pod: p.pod };
}

function groupKey(labels: Record<string, string>, by: string[]): [string, Record<string, string>] {
  const metric: Record<string, string> = {};
  for (const b of by) if (labels[b] !== undefined) metric[b] = labels[b];
  return [JSON.stringify(metric), metric];
}

/** Evaluates a recognised query at `atS` (unix seconds): one value per output label set. */
export function evaluate(sim: DemoSimulation, query: DemoQuery, atS: number, fleetAt: (ms: number) => PodCounters[] = (ms) => sim.fleet(ms)): Array<{ metric: Record<string, string>; value: number }> {
  const now = fleetAt(atS * 1000);
  const then = fleetAt((atS - query.rangeS) * 1000);
  const groups = new Map<string, { metric: Record<string, string>; a: number; b: number; buckets: Map<number, number> }>();
  const group = (labels: Record<string, string>) => {
    const [key, metric] = groupKey(labels, query.by);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { metric, a: 0, b: 0, buckets: new Map() }));
    return g;
  };
  now.forEach((p, i) => {
    const old = then[i];
    if (query.kind === 'error_ratio') {
      for (const status of Object.keys(p.requests)) {
        const labels = { ...podLabels(p), status };
        const inc = p.requests[status] - old.requests[status];
        if (matches(labels, query.errors)) group(labels).a += inc;
        if (matches(labels, query.total)) group(labels).b += inc;
      }
    } else if (matches(podLabels(p), query.matchers)) {
      const g = group(podLabels(p));
      p.buckets.forEach((bk, j) => g.buckets.set(bk.le, (g.buckets.get(bk.le) ?? 0) + bk.count - old.buckets[j].count));
    }
  });
  const out: Array<{ metric: Record<string, string>; value: number }> = [];
  for (const g of groups.values()) {
    if (query.kind === 'error_ratio') {
      if (g.b > 0) out.push({ metric: g.metric, value: g.a / g.b });
    } else {
      const buckets = [...g.buckets].map(([le, count]) => ({ le, count: count / query.rangeS }));
      if (query.kind === 'buckets') {
        for (const b of buckets) out.push({ metric: { ...g.metric, le: b.le === Infinity ? '+Inf' : String(b.le) }, value: b.count });
        continue;
      }
      const v = histogramQuantile(query.q, buckets);
      if (!Number.isNaN(v)) out.push({ metric: g.metric, value: v });
    }
  }
  return out;
}
