// The alerts source: Alertmanager every refresh, Prometheus ALERTS when Alertmanager is not configured or not answering.
import type { Profile } from '../../config/profile.js';
import { alertsFromPrometheus } from '../../model/alerts-deploys/alert-decode.js';
import type { Alert } from '../../model/console-state/events.js';
import { AlertmanagerApi } from './alertmanager-api.js';
import { PrometheusApi } from './prometheus-api.js';
import type { Clock } from '../../model/session/clock.js';
import { PollingSource } from './polling-source.js';
import type { PolledSource } from '../source.js';

/** Source name of the alerts source in the header and the snapshot. */
export const ALERTS_SOURCE = 'alerts';

/** Source kind while Alertmanager's alerts are shown. */
export const KIND_ALERTMANAGER = 'alertmanager';

/** Source kind while Prometheus `ALERTS` series are shown instead. */
export const KIND_PROMETHEUS_ALERTS = 'prometheus-alerts';

/** Clients the alerts source talks through; built from the profile when not given (tests pass their own). */
export interface AlertsSourceDeps {
  alertmanager?: AlertmanagerApi;
  prometheus?: PrometheusApi;
}

interface Shown {
  alerts: Alert[];
  kind: string;
  latencyMs: number;
  note: string | null;
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * Builds the alerts source, or null when the profile has neither Alertmanager nor Prometheus.
 * Every refresh it reads Alertmanager; when that fails and Prometheus is configured it shows `ALERTS` instead and
 * says so in a degraded status. When nothing answers it reports down and emits nothing, so the last good alerts stay.
 */
export function alertsSource(profile: Profile, clock: Clock, deps: AlertsSourceDeps = {}): PolledSource | null {
  const am = deps.alertmanager ?? (profile.alertmanager ? new AlertmanagerApi(profile.alertmanager) : undefined);
  const prom = deps.prometheus ?? (profile.prometheus ? new PrometheusApi(profile.prometheus) : undefined);
  if (!am && !prom) return null;

  const fromAlertmanager = async (client: AlertmanagerApi, signal: AbortSignal): Promise<Shown> => {
    const r = await client.alerts(clock.now(), signal);
    const note = r.skipped > 0 ? `${r.skipped} unreadable alert${r.skipped === 1 ? '' : 's'} skipped` : null;
    return { alerts: r.alerts, kind: KIND_ALERTMANAGER, latencyMs: r.latencyMs, note };
  };

  const fromPrometheus = async (client: PrometheusApi, signal: AbortSignal): Promise<Shown> => {
    const t = Math.floor(clock.now() / 1000);
    const [series, forState] = await Promise.allSettled([client.query('ALERTS', t, signal), client.query('ALERTS_FOR_STATE', t, signal)]);
    if (series.status === 'rejected') throw series.reason;
    const starts = forState.status === 'fulfilled' ? forState.value.data : [];
    const note = forState.status === 'rejected' ? `start times unknown (ALERTS_FOR_STATE: ${messageOf(forState.reason)})` : null;
    const latencyMs = Math.max(series.value.latencyMs, forState.status === 'fulfilled' ? forState.value.latencyMs : 0);
    return { alerts: alertsFromPrometheus(series.value.data, starts, t * 1000), kind: KIND_PROMETHEUS_ALERTS, latencyMs, note };
  };

  /** True once an answer was shown: only then is there a last good list to keep. */
  let answered = false;
  const round = async (signal: AbortSignal): Promise<void> => {
    const problems: string[] = [];
    let shown: Shown | undefined;
    if (am) {
      try {
        shown = await fromAlertmanager(am, signal);
      } catch (err) {
        problems.push(`alertmanager: ${messageOf(err)}`);
      }
    }
    if (signal.aborted) return;
    if (!shown && prom) {
      try {
        shown = await fromPrometheus(prom, signal);
      } catch (err) {
        problems.push(`prometheus ALERTS: ${messageOf(err)}`);
      }
    }
    if (signal.aborted) return;
    if (!shown) {
      src.status('down', answered ? `${problems.join('; ')}; showing last good alerts` : problems.join('; '));
      throw new Error(problems.join('; '));
    }
    src.kind = shown.kind;
    src.emit({ type: 'alerts', source: ALERTS_SOURCE, at: clock.now(), alerts: shown.alerts });
    answered = true;
    const notes = [...problems, ...(shown.note ? [shown.note] : [])];
    if (problems.length > 0) notes.push('showing Prometheus ALERTS');
    src.status(notes.length > 0 ? 'degraded' : 'up', notes.length > 0 ? notes.join('; ') : null, Math.round(shown.latencyMs));
  };

  const src = new PollingSource(ALERTS_SOURCE, am ? KIND_ALERTMANAGER : KIND_PROMETHEUS_ALERTS, clock, round, () => profile.refreshMs);
  return src;
}
