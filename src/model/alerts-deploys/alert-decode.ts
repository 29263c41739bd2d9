// Turns Alertmanager /api/v2/alerts answers and Prometheus ALERTS series into Alerts, defensively.
import type { Alert, AlertState } from '../console-state/events.js';
import type { InstantSample } from '../promql/prom-response.js';

/** Longest label, summary or name kept, in characters; longer text is cut. */
export const ALERT_TEXT_MAX = 200;

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function strings(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObject(v)) for (const [k, s] of Object.entries(v)) if (typeof s === 'string') out[k] = cut(s);
  return out;
}

function cut(text: string): string {
  return text.length > ALERT_TEXT_MAX ? `${text.slice(0, ALERT_TEXT_MAX - 1)}…` : text;
}

const nonEmptyList = (v: unknown): boolean => Array.isArray(v) && v.length > 0;

/** The state of one Alertmanager alert: inhibited wins over silenced, unprocessed shows as pending, a past endsAt as resolved. */
export function alertmanagerState(status: unknown, endsAt: number, now: number): AlertState {
  const s = isObject(status) ? status : {};
  if (Number.isFinite(endsAt) && endsAt > 0 && endsAt <= now) return 'resolved';
  if (nonEmptyList(s.inhibitedBy)) return 'inhibited';
  if (nonEmptyList(s.silencedBy)) return 'silenced';
  // Alertmanager 0.28+ reports time-interval muting in mutedBy; it is closest to a silence.
  if (nonEmptyList(s.mutedBy)) return 'silenced';
  if (s.state === 'unprocessed') return 'pending';
  return 'firing';
}

/** A decoded answer: the alerts, how many entries were unusable, or a readable reason the whole answer was refused. */
export type AlertsDecoded = { ok: true; alerts: Alert[]; skipped: number } | { ok: false; error: string };

/** Decodes the JSON body of GET /api/v2/alerts; `now` (epoch ms) decides which alerts are already resolved. */
export function decodeAlertmanagerAlerts(doc: unknown, now: number): AlertsDecoded {
  if (!Array.isArray(doc)) {
    const what = typeof doc === 'string' ? `error "${cut(doc)}"` : `a JSON ${doc === null ? 'null' : typeof doc}`;
    return { ok: false, error: `expected a list of alerts, got ${what}` };
  }
  const alerts: Alert[] = [];
  let skipped = 0;
  for (const item of doc) {
    if (!isObject(item)) {
      skipped += 1;
      continue;
    }
    const labels = strings(item.labels);
    const annotations = strings(item.annotations);
    const since = typeof item.startsAt === 'string' ? Date.parse(item.startsAt) : Number.NaN;
    const endsAt = typeof item.endsAt === 'string' ? Date.parse(item.endsAt) : Number.NaN;
    if (!labels.alertname || !Number.isFinite(since)) {
      skipped += 1;
      continue;
    }
    const alert: Alert = { name: labels.alertname, state: alertmanagerState(item.status, endsAt, now), since, labels };
    if (labels.severity) alert.severity = labels.severity;
    const summary = annotations.summary ?? annotations.description ?? annotations.message;
    if (summary) alert.summary = summary;
    alerts.push(alert);
  }
  return { ok: true, alerts: sortAlerts(alerts), skipped };
}

const identity = (labels: Record<string, string>): string =>
  Object.entries(labels)
    .filter(([k]) => k !== '__name__' && k !== 'alertstate')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(',');

/**
 * Alerts from the Prometheus `ALERTS` series (alertstate firing or pending) with start times from
 * `ALERTS_FOR_STATE` (value: unix seconds the alert became active); `evaluatedAt` (epoch ms) stands in when none matches.
 */
export function alertsFromPrometheus(series: InstantSample[], forState: InstantSample[], evaluatedAt: number): Alert[] {
  const started = new Map<string, number>();
  for (const s of forState) if (Number.isFinite(s.value) && s.value > 0) started.set(identity(s.labels), s.value * 1000);
  const alerts: Alert[] = [];
  for (const s of series) {
    const labels = strings(s.labels);
    const name = labels.alertname;
    const st = labels.alertstate;
    if (!name || (st !== 'firing' && st !== 'pending')) continue;
    delete labels.__name__;
    delete labels.alertstate;
    const alert: Alert = { name, state: st, since: started.get(identity(s.labels)) ?? evaluatedAt, labels };
    if (labels.severity) alert.severity = labels.severity;
    alerts.push(alert);
  }
  return sortAlerts(alerts);
}

const STATE_ORDER: Record<AlertState, number> = { firing: 0, pending: 1, silenced: 2, inhibited: 3, resolved: 4 };
const SEVERITY_ORDER: Record<string, number> = { critical: 0, page: 0, error: 1, high: 1, warning: 2, warn: 2, info: 3, none: 4 };

/** Alerts in the order an engineer reads them: firing first, most severe first, oldest first; ties by name. */
export function sortAlerts(alerts: Alert[]): Alert[] {
  const sev = (a: Alert) => SEVERITY_ORDER[(a.severity ?? '').toLowerCase()] ?? 3.5;
  return [...alerts].sort((a, b) =>
    STATE_ORDER[a.state] - STATE_ORDER[b.state] || sev(a) - sev(b) || a.since - b.since || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
