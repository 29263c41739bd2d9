// The "alerts and deploys" panel: what fired (with state words, severity and duration) and what shipped, with relative times.
import { sortAlerts } from '../../model/alerts-deploys/alert-decode.js';
import { scopeAlerts, type AlertScope } from '../../model/alerts-deploys/alert-scope.js';
import type { ConsoleState, SourceInfo } from '../../model/console-state/console-state.js';
import type { Alert, DeployMarker } from '../../model/console-state/events.js';
import type { ExtraPanel } from './panel.js';
import type { Glyphs } from './glyphs.js';
import { formatAge, formatClock } from './numbers.js';
import type { Line, Tone } from '../../terminal/styled.js';

/** Most rows the panel asks for, title included. */
export const ALERTS_PANEL_MAX_ROWS = 10;

/** Props; times in epoch ms. `alertsSource`/`deploysSource` say how those sources are doing, when there are any. */
export interface AlertsLinesProps {
  alerts: Alert[];
  deploys: DeployMarker[];
  now: number;
  rows: number;
  glyphs: Glyphs;
  alertsSource?: SourceInfo;
  deploysSource?: SourceInfo;
  /**
   * Whether the deploys source has sent a list for the scope shown (after a change of service the last one is
   * dropped); by default, whether it ever sent one.
   */
  deploysKnown?: boolean;
  /** Firing alerts about other services, left out of the list. */
  firingElsewhere?: number;
}

const SEVERE = new Set(['critical', 'page', 'error', 'high']);

function alertTone(a: Alert): Tone {
  if (a.state === 'firing') return SEVERE.has((a.severity ?? '').toLowerCase()) ? 'crit' : 'warn';
  if (a.state === 'resolved') return 'ok';
  return 'muted';
}

/** "firing 4m", "silenced 12m", "pending 30s": the state as a word and how long since it started. */
export function alertStateText(a: Alert, now: number): string {
  return `${a.state} ${formatAge(now - a.since)}`;
}

/** "4m ago" for a past moment; "just now" for one a little ahead (clock skew). */
export function agoText(at: number, now: number): string {
  return at > now ? 'just now' : `${formatAge(now - at)} ago`;
}

function alertLine(a: Alert, now: number, g: Glyphs): Line {
  const tone = alertTone(a);
  const line: Line = [
    { text: ` ${a.state === 'firing' ? g.alert : ' '} `, tone },
    { text: alertStateText(a, now).padEnd(15), tone, bold: a.state === 'firing' },
    { text: (a.severity ?? '-').padEnd(9), tone },
    { text: a.name, tone: a.state === 'firing' ? tone : 'muted', bold: a.state === 'firing' },
  ];
  if (a.summary) line.push({ text: `  ${a.summary}`, tone: 'muted' });
  return line;
}

function deployLine(d: DeployMarker, now: number, g: Glyphs): Line {
  return [
    { text: ` ${g.deploy} `, tone: 'marker' },
    { text: agoText(d.at, now).padEnd(15), tone: 'marker' },
    { text: `${formatClock(d.at).slice(0, 5)}Z    `, tone: 'muted' },
    { text: d.label, tone: 'marker' },
    { text: `  (${d.source})`, tone: 'muted' },
  ];
}

/** The title's word on a source; `received` says whether what it sent is shown (by default, whether it sent any). */
function sourceNote(info: SourceInfo | undefined, what: string, now: number, received = info?.lastDataAt !== null): Line {
  if (!info) return [];
  if (info.state === 'down') {
    const shown = received ? 'showing last good' : 'nothing received yet';
    return [{ text: `  ${what} DOWN ${formatAge(now - info.since)}, ${shown}`, tone: 'crit' }];
  }
  if (info.kind === 'prometheus-alerts') return [{ text: '  via Prometheus ALERTS', tone: info.state === 'degraded' ? 'warn' : 'muted' }];
  if (info.state === 'degraded') return [{ text: `  ${what}: ${info.error ?? 'degraded'}`, tone: 'warn' }];
  return [];
}

/** The title's counts; deploys are not counted while their source has sent nothing (their number is not known). */
function counts(alerts: Alert[], deploys: DeployMarker[], deploysKnown: boolean): string {
  const by = new Map<string, number>();
  for (const a of alerts) by.set(a.state, (by.get(a.state) ?? 0) + 1);
  const parts = ['firing', 'pending', 'silenced', 'inhibited', 'resolved'].filter((s) => by.has(s)).map((s) => `${by.get(s)} ${s}`);
  if (deploysKnown || deploys.length > 0) parts.push(`${deploys.length} deploy${deploys.length === 1 ? '' : 's'}`);
  return parts.length ? `  ${parts.join(', ')}` : '';
}

/**
 * What an empty alert list means: "no alerts firing" only once the alert source has answered; before that, or when
 * it is down without ever answering, it is unknown, with the reason.
 */
function noAlertsLine(source: SourceInfo | undefined): Line {
  if (!source || source.lastDataAt !== null) return [{ text: '   no alerts firing', tone: 'ok' }];
  if (source.state === 'connecting') return [{ text: '   alerts unknown: waiting for the first answer', tone: 'muted' }];
  return [{ text: `   alerts unknown: ${source.name} ${source.state.toUpperCase()}${source.error ? `: ${source.error}` : ''}`, tone: 'crit' }];
}

/**
 * What an empty deploy list means: "no deploys in the window" only once the deploys source has sent a list for this
 * scope (or there is none, and the markers come from elsewhere); before that it is unknown: waiting, or down with the
 * reason.
 */
function noDeploysLine(source: SourceInfo | undefined, known: boolean): Line {
  if (!source || known) return [{ text: '   no deploys in the window', tone: 'muted' }];
  if (source.state !== 'down') return [{ text: '   deploys unknown: waiting for the first answer', tone: 'muted' }];
  return [{ text: `   deploys unknown: ${source.name} DOWN${source.error ? `: ${source.error}` : ''}`, tone: 'crit' }];
}

/**
 * Splits `room` rows between alerts and deploys: each list gets what it needs; when both overflow deploys keep at
 * least a third, and a firing alert always gets its row (its name is what the engineer needs first).
 */
function share(room: number, alertsWant: number, deploysWant: number, firing: boolean): [number, number] {
  if (alertsWant + deploysWant <= room) return [alertsWant, deploysWant];
  const deployRows = Math.min(deploysWant, Math.max(firing && room < 2 ? 0 : 1, Math.floor(room / 3)), room);
  const alertRows = Math.min(alertsWant, room - deployRows);
  return [alertRows, Math.min(deploysWant, room - alertRows)];
}

function capped<T>(items: T[], rows: number, draw: (t: T) => Line, more: (n: number) => string): Line[] {
  if (rows <= 0) return [];
  // With a single row the most important item beats a count of hidden ones.
  if (items.length <= rows || rows === 1) return items.slice(0, rows).map(draw);
  const shown = items.slice(0, rows - 1).map(draw);
  return [...shown, [{ text: `   ${more(items.length - (rows - 1))}`, tone: 'muted' }]];
}

/** The panel's lines (at most `rows`): a title with counts, alerts most urgent first, then deploys newest first. */
export function alertsLines(p: AlertsLinesProps): Line[] {
  if (p.rows <= 0) return [];
  const alerts = sortAlerts(p.alerts);
  const deploys = [...p.deploys].sort((a, b) => b.at - a.at);
  const deploysKnown = p.deploysKnown ?? (!p.deploysSource || p.deploysSource.lastDataAt !== null);
  const title: Line = [
    { text: 'Alerts and deploys', tone: 'title', bold: true },
    { text: counts(alerts, deploys, deploysKnown), tone: alerts.some((a) => a.state === 'firing') ? 'crit' : 'muted' },
    ...(p.firingElsewhere ? [{ text: `  +${p.firingElsewhere} firing in other services`, tone: 'warn' as Tone }] : []),
    ...sourceNote(p.alertsSource, 'alerts', p.now),
    ...sourceNote(p.deploysSource, 'deploys', p.now, deploysKnown),
  ];
  const showAlerts = alerts.length > 0 || !!p.alertsSource;
  const alertsWant = showAlerts ? Math.max(1, alerts.length) : 0;
  const [alertRows, deployRows] = share(p.rows - 1, alertsWant, Math.max(1, deploys.length), alerts.some((a) => a.state === 'firing'));
  const firingLeft = (n: number) => alerts.slice(alerts.length - n).filter((a) => a.state === 'firing').length;
  const alertPart = alerts.length === 0
    ? [noAlertsLine(p.alertsSource)].slice(0, alertRows)
    : capped(alerts, alertRows, (a) => alertLine(a, p.now, p.glyphs), (n) => `+${n} more alerts${firingLeft(n) ? ` (${firingLeft(n)} firing)` : ''}`);
  const deployPart = deploys.length === 0
    ? [noDeploysLine(p.deploysSource, deploysKnown)].slice(0, deployRows)
    : capped(deploys, deployRows, (d) => deployLine(d, p.now, p.glyphs), (n) => `+${n} earlier deploys`);
  return [title, ...alertPart, ...deployPart].slice(0, p.rows);
}

/**
 * Firing and pending alerts as time-axis markers where they started, one per alert name (its earliest start),
 * labelled "<name> firing"; source "alert". Lets a chart draw alert starts beside deploys.
 */
export function alertAxisMarkers(alerts: Alert[]): DeployMarker[] {
  const first = new Map<string, Alert>();
  for (const a of alerts) {
    if (a.state !== 'firing' && a.state !== 'pending') continue;
    const seen = first.get(a.name);
    if (!seen || a.since < seen.since || (a.since === seen.since && a.state === 'firing')) first.set(a.name, a);
  }
  return [...first.values()].map((a) => ({ at: a.since, label: `${a.name} ${a.state}`, source: 'alert' })).sort((x, y) => x.at - y.at);
}

/** Sources that feed this panel: any with kind alertmanager/prometheus-alerts, and the deploys source. */
function findSource(state: ConsoleState, kinds: string[]): SourceInfo | undefined {
  return Object.values(state.sources).find((s) => kinds.includes(s.kind));
}

/** The panel for the frame, for the alerts in `scope`: wants 0 rows when there is nothing to show and no alert or deploy source. */
export function alertsPanel(state: ConsoleState, now: number, glyphs: Glyphs, scope?: AlertScope): ExtraPanel {
  const { inScope: alerts, firingElsewhere } = scopeAlerts(Object.values(state.alerts).flat(), scope);
  const deploys = Object.values(state.deploys).flat();
  const alertsSource = findSource(state, ['alertmanager', 'prometheus-alerts']);
  const deploysSource = findSource(state, ['deploys']);
  // A change of service drops the deploys state.deploys held: the new service's are not known until its list comes.
  const deploysKnown = !deploysSource || state.deploys[deploysSource.name] !== undefined;
  const hasAlerts = alerts.length > 0 || !!alertsSource;
  const hasDeploys = deploys.length > 0 || !!deploysSource;
  const wants = !hasAlerts && !hasDeploys
    ? 0
    : Math.min(ALERTS_PANEL_MAX_ROWS, 1 + (hasAlerts ? Math.max(1, alerts.length) : 0) + Math.max(1, deploys.length));
  return {
    wants,
    draw: (rows) => alertsLines({ alerts, deploys, now, rows, glyphs, alertsSource, deploysSource, deploysKnown, firingElsewhere }),
  };
}
