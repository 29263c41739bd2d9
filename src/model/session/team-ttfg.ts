// The team's TTFG read back from Prometheus: one sample per pushed session, grouped by host and service, with p50/p95.
import type { Series } from '../console-state/events.js';
import { quantile } from './session-record.js';
import { TTFG_JOB } from './ttfg-push.js';

/** Steps of the read-back in seconds: pushes of one host and service closer together than this count once. */
export const TEAM_TTFG_STEP_S = 15;

/**
 * The PromQL that yields each pushed session's TTFG once over `rangeS` seconds: the TTFG at the steps where the group's
 * push_time_seconds differs from one step before (or first appears), as a subquery, so only those points come back.
 */
export function teamTtfgQuery(rangeS: number, stepS = TEAM_TTFG_STEP_S): string {
  const pushed = `push_time_seconds{job="${TTFG_JOB}"}`;
  const changed = `(${pushed} != ${pushed} offset ${stepS}s) or (${pushed} unless ${pushed} offset ${stepS}s)`;
  return `(incident_ttfg_seconds{job="${TTFG_JOB}"} and on(job, host, service) (${changed}))[${rangeS}s:${stepS}s]`;
}

/** One host and service over the period; times in milliseconds, `last_at` RFC 3339. */
export interface TeamTtfgGroup {
  host: string;
  service: string;
  sessions: number;
  ttfg_p50_ms: number;
  ttfg_p95_ms: number;
  last_at: string;
  /** Each session's TTFG, oldest first, with the profile it ran. */
  ttfg_ms: Array<{ at: string; ttfg_ms: number; profile: string }>;
}

/** Groups the query's series by host and service, sorted by host then service. */
export function teamTtfgGroups(series: Series[]): TeamTtfgGroup[] {
  const groups = new Map<string, Array<{ at: number; ttfg_ms: number; profile: string; host: string; service: string }>>();
  for (const s of series) {
    const host = s.labels.host ?? '';
    const service = s.labels.service ?? '';
    const key = JSON.stringify([host, service]);
    const list = groups.get(key) ?? [];
    for (const [t, v] of s.points) if (v !== null) list.push({ at: t, ttfg_ms: Math.round(v * 1000), profile: s.labels.profile ?? '', host, service });
    groups.set(key, list);
  }
  const out: TeamTtfgGroup[] = [];
  for (const list of groups.values()) {
    if (list.length === 0) continue;
    list.sort((a, b) => a.at - b.at);
    const values = list.map((p) => p.ttfg_ms);
    out.push({
      host: list[0].host,
      service: list[0].service,
      sessions: list.length,
      ttfg_p50_ms: quantile(values, 0.5),
      ttfg_p95_ms: quantile(values, 0.95),
      last_at: new Date(list[list.length - 1].at * 1000).toISOString(),
      ttfg_ms: list.map((p) => ({ at: new Date(p.at * 1000).toISOString(), ttfg_ms: p.ttfg_ms, profile: p.profile })),
    });
  }
  return out.sort((a, b) => a.host.localeCompare(b.host) || a.service.localeCompare(b.service));
}
