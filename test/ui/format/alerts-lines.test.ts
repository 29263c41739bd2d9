// The alerts and deploys panel as exact text: state words (not only colour), durations, relative deploy times, caps.
import { describe, expect, it } from 'vitest';
import { applyEvent, emptyState, forgetScoped, type SourceInfo } from '../../../src/model/console-state/console-state.js';
import type { Alert, DeployMarker } from '../../../src/model/console-state/events.js';
import { agoText, alertAxisMarkers, alertsLines, alertsPanel } from '../../../src/ui/format/alerts-lines.js';
import { asciiGlyphs, unicodeGlyphs } from '../../../src/ui/format/glyphs.js';
import { plain } from '../../../src/terminal/styled.js';

const NOW = Date.parse('2026-11-22T14:35:00Z');
const min = 60_000;
const alert = (name: string, state: Alert['state'], agoMin: number, severity?: string, summary?: string): Alert => ({
  name, state, since: NOW - agoMin * min, labels: { alertname: name }, ...(severity ? { severity } : {}), ...(summary ? { summary } : {}),
});
const deploy = (label: string, agoMin: number, source = 'prometheus'): DeployMarker => ({ at: NOW - agoMin * min, label, source });

const ALERTS = [
  alert('DiskAlmostFull', 'silenced', 12, 'warning', 'disk 91%'),
  alert('HighErrorRate', 'firing', 4, 'critical', '5xx above 5%'),
  alert('NodeDown', 'inhibited', 3, 'warning'),
  alert('SlowP99', 'pending', 0.5, 'warning'),
];
const DEPLOYS = [deploy('payments generation 2', 4), deploy('checkout rev 7', 20, 'kubectl')];

const text = (lines: ReturnType<typeof alertsLines>) => lines.map(plain);

describe('alertsLines', () => {
  it('shows firing first with severity and duration, silenced and inhibited as words, then deploys newest first', () => {
    expect(text(alertsLines({ alerts: ALERTS, deploys: DEPLOYS, now: NOW, rows: 10, glyphs: unicodeGlyphs }))).toEqual([
      'Alerts and deploys  1 firing, 1 pending, 1 silenced, 1 inhibited, 2 deploys',
      ' ◆ firing 4m      critical HighErrorRate  5xx above 5%',
      '   pending 30s    warning  SlowP99',
      '   silenced 12m   warning  DiskAlmostFull  disk 91%',
      '   inhibited 3m   warning  NodeDown',
      ' ▼ 4m ago         14:31Z    payments generation 2  (prometheus)',
      ' ▼ 20m ago        14:15Z    checkout rev 7  (kubectl)',
    ]);
  });

  it('stays legible in ASCII', () => {
    const lines = text(alertsLines({ alerts: ALERTS.slice(1, 2), deploys: DEPLOYS.slice(0, 1), now: NOW, rows: 3, glyphs: asciiGlyphs }));
    expect(lines.slice(1)).toEqual([' ! firing 4m      critical HighErrorRate  5xx above 5%', ' v 4m ago         14:31Z    payments generation 2  (prometheus)']);
  });

  it('caps both lists in a small panel and says how many are hidden, firing ones counted', () => {
    const many = Array.from({ length: 6 }, (_, i) => alert(`Firing${i}`, 'firing', i + 1, 'critical'));
    const lines = text(alertsLines({ alerts: many, deploys: DEPLOYS, now: NOW, rows: 5, glyphs: asciiGlyphs }));
    expect(lines).toHaveLength(5);
    expect(lines[3]).toBe('   +4 more alerts (4 firing)');
    expect(lines[4]).toBe(' v 4m ago         14:31Z    payments generation 2  (prometheus)');
  });

  it('says when nothing fires and nothing shipped, and when the alert source is down or shows Prometheus ALERTS', () => {
    const down: SourceInfo = { name: 'alerts', kind: 'alertmanager', state: 'down', error: 'connection refused', latencyMs: null, since: NOW - 40_000, lastDataAt: null, firstDataAt: null };
    // Never answered: unknown, with the reason, never "no alerts firing".
    expect(text(alertsLines({ alerts: [], deploys: [], now: NOW, rows: 4, glyphs: asciiGlyphs, alertsSource: down }))).toEqual([
      'Alerts and deploys  0 deploys  alerts DOWN 40s, nothing received yet',
      '   alerts unknown: alerts DOWN: connection refused',
      '   no deploys in the window',
    ]);
    const answeredThenDown: SourceInfo = { ...down, lastDataAt: NOW - 60_000, firstDataAt: NOW - 120_000 };
    expect(text(alertsLines({ alerts: [], deploys: [], now: NOW, rows: 4, glyphs: asciiGlyphs, alertsSource: answeredThenDown }))).toEqual([
      'Alerts and deploys  0 deploys  alerts DOWN 40s, showing last good',
      '   no alerts firing',
      '   no deploys in the window',
    ]);
    const waiting: SourceInfo = { ...down, state: 'connecting', error: null };
    expect(text(alertsLines({ alerts: [], deploys: [], now: NOW, rows: 3, glyphs: asciiGlyphs, alertsSource: waiting }))[1]).toBe('   alerts unknown: waiting for the first answer');
    const fallback: SourceInfo = { ...down, kind: 'prometheus-alerts', state: 'degraded' };
    expect(text(alertsLines({ alerts: [], deploys: [], now: NOW, rows: 1, glyphs: asciiGlyphs, alertsSource: fallback }))).toEqual([
      'Alerts and deploys  0 deploys  via Prometheus ALERTS',
    ]);
  });

  it('counts deploys, and says there are none, only once the deploys source has sent a list', () => {
    const down: SourceInfo = { name: 'deploys', kind: 'deploys', state: 'down', error: 'query: connection refused', latencyMs: null, since: NOW - 9_000, lastDataAt: null, firstDataAt: null };
    // Never answered: the number of deploys is not known, and the empty list says why.
    expect(text(alertsLines({ alerts: [], deploys: [], now: NOW, rows: 3, glyphs: asciiGlyphs, deploysSource: down }))).toEqual([
      'Alerts and deploys  deploys DOWN 9s, nothing received yet',
      '   deploys unknown: deploys DOWN: query: connection refused',
    ]);
    const waiting: SourceInfo = { ...down, state: 'connecting', error: null };
    expect(text(alertsLines({ alerts: [], deploys: [], now: NOW, rows: 3, glyphs: asciiGlyphs, deploysSource: waiting }))).toEqual([
      'Alerts and deploys',
      '   deploys unknown: waiting for the first answer',
    ]);
    // A marker from a log line is a deploy that is known, whatever the queries did.
    expect(text(alertsLines({ alerts: [], deploys: DEPLOYS.slice(0, 1), now: NOW, rows: 3, glyphs: asciiGlyphs, deploysSource: down }))[0]).toBe(
      'Alerts and deploys  1 deploy  deploys DOWN 9s, nothing received yet',
    );
    const answeredThenDown: SourceInfo = { ...down, lastDataAt: NOW - 60_000, firstDataAt: NOW - 120_000 };
    expect(text(alertsLines({ alerts: [], deploys: [], now: NOW, rows: 3, glyphs: asciiGlyphs, deploysSource: answeredThenDown }))).toEqual([
      'Alerts and deploys  0 deploys  deploys DOWN 9s, showing last good',
      '   no deploys in the window',
    ]);
  });

  it('relative times: ago, and "just now" for a marker slightly ahead of the clock', () => {
    expect(agoText(NOW - 4 * min, NOW)).toBe('4m ago');
    expect(agoText(NOW - 3 * 3_600_000, NOW)).toBe('3h ago');
    expect(agoText(NOW + 5000, NOW)).toBe('just now');
  });
});

describe('alertsPanel', () => {
  it('wants no rows when there is no alert or deploy source and nothing to show', () => {
    expect(alertsPanel(emptyState(), NOW, asciiGlyphs).wants).toBe(0);
  });

  it('draws from the store: alerts and deploys of every source', () => {
    let state = emptyState();
    state = applyEvent(state, { type: 'status', source: 'alerts', kind: 'alertmanager', at: NOW, state: 'up' });
    state = applyEvent(state, { type: 'alerts', source: 'alerts', at: NOW, alerts: ALERTS.slice(0, 2) });
    state = applyEvent(state, { type: 'deploys', source: 'deploys', at: NOW, deploys: DEPLOYS.slice(0, 1) });
    const panel = alertsPanel(state, NOW, asciiGlyphs);
    expect(panel.wants).toBe(4);
    expect(panel.draw(4, 80).map(plain)).toEqual([
      'Alerts and deploys  1 firing, 1 silenced, 1 deploy',
      ' ! firing 4m      critical HighErrorRate  5xx above 5%',
      '   silenced 12m   warning  DiskAlmostFull  disk 91%',
      ' v 4m ago         14:31Z    payments generation 2  (prometheus)',
    ]);
  });

  it('after a change of service, does not call the new service\'s deploys none, nor the last good, until its list comes', () => {
    let state = emptyState();
    state = applyEvent(state, { type: 'status', source: 'deploys', kind: 'deploys', at: NOW - 60_000, state: 'up' });
    state = applyEvent(state, { type: 'deploys', source: 'deploys', at: NOW - 60_000, deploys: [] });
    expect(alertsPanel(state, NOW, asciiGlyphs).draw(2, 80).map(plain)).toEqual(['Alerts and deploys  0 deploys', '   no deploys in the window']);
    state = forgetScoped(state);
    expect(alertsPanel(state, NOW, asciiGlyphs).draw(2, 80).map(plain)).toEqual(['Alerts and deploys', '   deploys unknown: waiting for the first answer']);
    state = applyEvent(state, { type: 'status', source: 'deploys', kind: 'deploys', at: NOW, state: 'down', error: 'query: connection refused' });
    expect(alertsPanel(state, NOW, asciiGlyphs).draw(2, 80).map(plain)).toEqual([
      'Alerts and deploys  deploys DOWN 0s, nothing received yet',
      '   deploys unknown: deploys DOWN: query: connection refused',
    ]);
    state = applyEvent(state, { type: 'deploys', source: 'deploys', at: NOW, deploys: [] });
    expect(alertsPanel(state, NOW, asciiGlyphs).draw(2, 80).map(plain)[1]).toBe('   no deploys in the window');
  });
});

describe('alertAxisMarkers', () => {
  it('marks where each firing or pending alert started, once per name, leaving silenced ones off the axis', () => {
    const perPod = [alert('HighErrorRate', 'firing', 4), alert('HighErrorRate', 'firing', 6), ...ALERTS];
    expect(alertAxisMarkers(perPod)).toEqual([
      { at: NOW - 6 * min, label: 'HighErrorRate firing', source: 'alert' },
      { at: NOW - 0.5 * min, label: 'SlowP99 pending', source: 'alert' },
    ]);
  });
});
