// A Grafana Explore link for a query, so the engineer can hand the same PromQL to a colleague's browser.
import { formatDuration } from './duration.js';

/** The Explore URL of `grafana` for `expr` over the last `windowMs` milliseconds. */
export function exploreLink(grafana: { url: string; datasource?: string }, expr: string, windowMs: number): string {
  const left = {
    datasource: grafana.datasource ?? 'prometheus',
    queries: [{ refId: 'A', expr }],
    range: { from: `now-${formatDuration(windowMs)}`, to: 'now' },
  };
  return `${grafana.url.replace(/\/+$/, '')}/explore?orgId=1&left=${encodeURIComponent(JSON.stringify(left))}`;
}
