// Alertmanager and Prometheus ALERTS answers decoded defensively: each state, garbage entries, error strings, ordering.
import { describe, expect, it } from 'vitest';
import { alertmanagerState, alertsFromPrometheus, decodeAlertmanagerAlerts, sortAlerts } from '../../../src/model/alerts-deploys/alert-decode.js';
import type { Alert } from '../../../src/model/console-state/events.js';
import type { InstantSample } from '../../../src/model/promql/prom-response.js';

const NOW = Date.parse('2026-11-22T14:35:00Z');
const STARTS = '2026-11-22T14:31:00Z';
const FUTURE_END = '2026-11-22T14:39:00Z';

describe('alertmanagerState', () => {
  it.each<[string, unknown, number, string]>([
    ['active', { state: 'active', silencedBy: [], inhibitedBy: [] }, Number.NaN, 'firing'],
    ['unprocessed is pending', { state: 'unprocessed', silencedBy: [], inhibitedBy: [] }, Number.NaN, 'pending'],
    ['suppressed by a silence', { state: 'suppressed', silencedBy: ['a1'], inhibitedBy: [] }, Number.NaN, 'silenced'],
    ['suppressed by an inhibition', { state: 'suppressed', silencedBy: [], inhibitedBy: ['f1'] }, Number.NaN, 'inhibited'],
    ['both: inhibited wins', { state: 'suppressed', silencedBy: ['a1'], inhibitedBy: ['f1'] }, Number.NaN, 'inhibited'],
    ['muted by a time interval (0.28+)', { state: 'suppressed', silencedBy: [], inhibitedBy: [], mutedBy: ['weekends'] }, Number.NaN, 'silenced'],
    ['a future endsAt is a resend horizon, still firing', { state: 'active' }, Date.parse(FUTURE_END), 'firing'],
    ['a past endsAt is resolved', { state: 'active' }, NOW - 1000, 'resolved'],
    ['no status at all', undefined, Number.NaN, 'firing'],
    ['status of the wrong type', 'active', Number.NaN, 'firing'],
  ])('%s', (_name, status, endsAt, want) => {
    expect(alertmanagerState(status, endsAt, NOW)).toBe(want);
  });
});

describe('decodeAlertmanagerAlerts', () => {
  it('keeps usable alerts, counts unusable entries, takes severity and summary', () => {
    const doc = [
      { labels: { alertname: 'HighErrorRate', severity: 'critical', service: 'payments' }, annotations: { summary: '5xx above 5%' },
        startsAt: STARTS, endsAt: FUTURE_END, status: { state: 'active', silencedBy: [], inhibitedBy: [] } },
      { labels: { alertname: 'Watchdog' }, annotations: { description: 'always firing' }, startsAt: STARTS, status: { state: 'active' } },
      { labels: { severity: 'critical' }, startsAt: STARTS },
      { labels: { alertname: 'BadTime' }, startsAt: 'soon' },
      { labels: { alertname: 42 }, startsAt: STARTS },
      'garbage',
      null,
    ];
    const r = decodeAlertmanagerAlerts(doc, NOW);
    expect(r).toEqual({
      ok: true,
      skipped: 5,
      alerts: [
        { name: 'HighErrorRate', state: 'firing', since: Date.parse(STARTS), severity: 'critical', summary: '5xx above 5%', labels: { alertname: 'HighErrorRate', severity: 'critical', service: 'payments' } },
        { name: 'Watchdog', state: 'firing', since: Date.parse(STARTS), summary: 'always firing', labels: { alertname: 'Watchdog' } },
      ],
    });
  });

  it.each<[string, unknown, RegExp]>([
    ['a bare error string', 'bad matcher format', /expected a list of alerts, got error "bad matcher format"/],
    ['an object', { data: [] }, /got a JSON object/],
    ['null', null, /got a JSON null/],
  ])('refuses %s with a reason', (_name, doc, reason) => {
    const r = decodeAlertmanagerAlerts(doc, NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(reason);
  });

  it('cuts very long label values and summaries', () => {
    const r = decodeAlertmanagerAlerts([{ labels: { alertname: 'X' }, annotations: { summary: 'y'.repeat(5000) }, startsAt: STARTS }], NOW);
    expect(r.ok && r.alerts[0].summary?.length).toBe(200);
  });
});

describe('alertsFromPrometheus', () => {
  it('takes firing and pending from ALERTS and the start from the matching ALERTS_FOR_STATE', () => {
    const series: InstantSample[] = [
      { labels: { __name__: 'ALERTS', alertname: 'A', alertstate: 'firing', pod: 'p1' }, value: 1 },
      { labels: { __name__: 'ALERTS', alertname: 'A', alertstate: 'firing', pod: 'p2' }, value: 1 },
      { labels: { __name__: 'ALERTS', alertname: 'B', alertstate: 'pending' }, value: 1 },
      { labels: { __name__: 'ALERTS', alertname: 'C', alertstate: 'inactive' }, value: 1 },
      { labels: { __name__: 'ALERTS', alertstate: 'firing' }, value: 1 },
    ];
    const forState: InstantSample[] = [
      { labels: { __name__: 'ALERTS_FOR_STATE', alertname: 'A', pod: 'p2' }, value: 1795357000 },
      { labels: { __name__: 'ALERTS_FOR_STATE', alertname: 'A', pod: 'p1' }, value: 1795357500 },
    ];
    const r = alertsFromPrometheus(series, forState, NOW);
    expect(r.map((a) => [a.name, a.state, a.labels.pod, a.since])).toEqual([
      ['A', 'firing', 'p2', 1795357000_000],
      ['A', 'firing', 'p1', 1795357500_000],
      ['B', 'pending', undefined, NOW],
    ]);
  });
});

describe('sortAlerts', () => {
  it('orders firing before pending before silenced/inhibited, critical first, then oldest', () => {
    const a = (name: string, state: Alert['state'], severity: string | undefined, since: number): Alert => ({ name, state, since, labels: {}, ...(severity ? { severity } : {}) });
    const sorted = sortAlerts([
      a('silenced-crit', 'silenced', 'critical', 1), a('warn-old', 'firing', 'warning', 1), a('crit-new', 'firing', 'critical', 9),
      a('crit-old', 'firing', 'critical', 2), a('pending', 'pending', 'critical', 1), a('none', 'firing', undefined, 0), a('info', 'firing', 'info', 0),
    ]);
    expect(sorted.map((x) => x.name)).toEqual(['crit-old', 'crit-new', 'warn-old', 'info', 'none', 'pending', 'silenced-crit']);
  });
});
