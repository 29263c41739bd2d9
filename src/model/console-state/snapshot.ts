// The `watch --once --json` document (names are a contract: add fields freely, rename none).
import { allNotices, pickMetricView, type ConsoleState } from './console-state.js';
import type { AlertState } from './events.js';
import { scopeAlerts } from '../alerts-deploys/alert-scope.js';

/** What the snapshot needs besides the state; times in epoch ms. */
export interface SnapshotContext {
  service: string;
  pod?: string;
  profile: string;
  now: number;
  windowMs: number;
  stepMs: number;
  ttfgMs: number | null;
  sloSeconds: number;
  podLabel: string;
  serviceLabel: string;
  /** Extra panels contributed by other capabilities (pipeline, logs), already in contract shape. */
  panels?: Record<string, unknown>;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function labelFor(labels: Record<string, string>, preferred: string, fallback: string): string {
  return labels[preferred] ?? (Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',') || fallback);
}

/** Builds the snapshot document. */
export function buildSnapshot(state: ConsoleState, ctx: SnapshotContext) {
  const err = pickMetricView(state, 'error_rate');
  const p99 = pickMetricView(state, 'p99');
  const series = (err?.series ?? []).map((s) => ({
    label: labelFor(s.labels, ctx.serviceLabel, ctx.service),
    points: s.points.filter((p): p is [number, number] => p[1] !== null),
  }));
  const first = series[0]?.points;
  const current = first && first.length ? first[first.length - 1][1] : null;
  const { inScope: alerts, firingElsewhere } = scopeAlerts(Object.values(state.alerts).flat(), {
    service: ctx.service, pod: ctx.pod, serviceLabel: ctx.serviceLabel, podLabel: ctx.podLabel,
  });
  return {
    service: ctx.service,
    ...(ctx.pod ? { pod: ctx.pod } : {}),
    /** What the sources found wrong with their answers, by stable code (design.md's warnings[]). */
    warnings: allNotices(state).map((n) => ({ code: n.code, message: n.message })),
    profile: ctx.profile,
    at: iso(ctx.now),
    window_s: Math.round(ctx.windowMs / 1000),
    step_s: Math.round(ctx.stepMs / 1000),
    ttfg_ms: ctx.ttfgMs,
    sources: Object.values(state.sources).map((s) => ({
      name: s.name,
      kind: s.kind,
      state: s.state,
      latency_ms: s.latencyMs,
      error: s.error,
      last_data_at: s.lastDataAt !== null ? iso(s.lastDataAt) : null,
      age_s: s.lastDataAt !== null ? Math.round((ctx.now - s.lastDataAt) / 1000) : null,
    })),
    panels: {
      error_rate: {
        current, origin: err?.origin ?? null, source: err?.source ?? null, series,
        /** The step of the range query behind `series` (coarser than `step_s` while Prometheus is slow), or null. */
        query_step_s: err?.stepS ?? null,
        step_coarsened: err?.coarsened === true,
      },
      p99: {
        slo_seconds: ctx.sloSeconds,
        origin: p99?.origin ?? null,
        bars: (p99?.series ?? []).map((s) => ({
          label: labelFor(s.labels, ctx.podLabel, ctx.service),
          seconds: s.points[s.points.length - 1]?.[1] ?? null,
          /** True when `seconds` is a floor: the p99 fell past the histogram's highest finite bucket, whose bound it is. */
          at_least: s.atLeast === true,
          /** The trace id of an exemplar in the bucket of this p99, or null. */
          trace_id: s.exemplar?.traceId ?? null,
        })),
      },
      deploys: Object.values(state.deploys).flat().sort((a, b) => a.at - b.at)
        .map((d) => ({ at: iso(d.at), label: d.label, source: d.source })),
      alerts: alerts.map((a) => ({ name: a.name, state: a.state satisfies AlertState, since: iso(a.since), severity: a.severity ?? null, labels: a.labels })),
      /** Firing alerts about other services, left out of `alerts`. */
      alerts_firing_elsewhere: firingElsewhere,
      ...ctx.panels,
    },
  };
}

/** The snapshot document type. */
export type Snapshot = ReturnType<typeof buildSnapshot>;
