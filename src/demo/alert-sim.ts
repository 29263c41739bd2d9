// The demo's alerting rules, evaluated on the simulation: what Prometheus's ALERTS and ALERTS_FOR_STATE would hold.
import { parseDemoQuery } from './prom-selectors.js';
import { evaluate } from './evaluate.js';
import type { DemoSimulation } from './simulation.js';

/** One active alert: its labels, since when it has been active (unix seconds) and whether it fires or waits. */
export interface DemoAlert {
  labels: Record<string, string>;
  activeSinceS: number;
  state: 'pending' | 'firing';
}

const ERROR_RATIO = parseDemoQuery(
  'sum(rate(http_requests_total{service="payments",status=~"5.."}[2m])) / sum(rate(http_requests_total{service="payments"}[2m]))',
)!;
const THRESHOLD = 0.05;
const FOR_S = 60;
const SCAN_STEP_S = 15;

const crossings = new WeakMap<DemoSimulation, number>();

/** When payments' 5-minute error ratio first went above 5% after the deploy (unix seconds, on the 15 s rule grid). */
function crossing(sim: DemoSimulation): number {
  let at = crossings.get(sim);
  if (at === undefined) {
    at = Infinity;
    const from = Math.ceil(sim.timeline.deployMs / 1000 / SCAN_STEP_S) * SCAN_STEP_S;
    for (let t = from; t < from + 3600; t += SCAN_STEP_S) {
      if ((evaluate(sim, ERROR_RATIO, t)[0]?.value ?? 0) > THRESHOLD) {
        at = t;
        break;
      }
    }
    crossings.set(sim, at);
  }
  return at;
}

/** Alerts active at `atS` (unix seconds): HighErrorRate for payments, and the Vector loki sink discarding events. */
export function demoAlerts(sim: DemoSimulation, atS: number): DemoAlert[] {
  const out: DemoAlert[] = [];
  const errorsSince = crossing(sim);
  if (atS >= errorsSince) {
    out.push({
      labels: { alertname: 'HighErrorRate', service: 'payments', severity: 'critical' },
      activeSinceS: errorsSince,
      state: atS - errorsSince >= FOR_S ? 'firing' : 'pending',
    });
  }
  const lossSince = Math.ceil(sim.timeline.lossMs / 1000 / SCAN_STEP_S) * SCAN_STEP_S + 60;
  if (atS >= lossSince) {
    out.push({
      labels: { alertname: 'VectorSinkDiscarding', component_id: 'loki_out', severity: 'warning' },
      activeSinceS: lossSince,
      state: 'firing',
    });
  }
  return out;
}
