// The composed screen at fixed sizes: exact lines for the error-rate title, bars, and a DOWN source keeping its data.
import { describe, expect, it } from 'vitest';
import { applyEvent, emptyState } from '../../src/model/console-state/console-state.js';
import type { SourceEvent } from '../../src/model/console-state/events.js';
import { initialView } from '../../src/model/console-state/view-state.js';
import { composeFrame } from '../../src/ui/format/frame.js';
import { asciiGlyphs, unicodeGlyphs } from '../../src/ui/format/glyphs.js';
import { plain } from '../../src/terminal/styled.js';

const NOW = Date.UTC(2026, 10, 22, 14, 32, 5);
const t0 = NOW / 1000 - 900;
const profile = { name: 'default', refreshMs: 5000, thresholds: { errorRateWarn: 0.01, errorRateCrit: 0.05, p99SloSeconds: 0.5 }, labels: { service: 'service', pod: 'pod', namespace: 'namespace' } };
const events: SourceEvent[] = [
  { type: 'status', source: 'prometheus', kind: 'prometheus', at: NOW - 2000, state: 'up', latencyMs: 9 },
  { type: 'samples', source: 'prometheus', at: NOW - 2000, panel: 'error_rate', origin: 'prometheus',
    series: [{ labels: {}, points: Array.from({ length: 60 }, (_, i): [number, number | null] => [t0 + i * 15, i < 30 ? 0.004 : i < 35 ? null : 0.06]) }] },
  { type: 'samples', source: 'prometheus', at: NOW - 2000, panel: 'p99', origin: 'prometheus',
    series: [{ labels: { pod: 'payments-hot-1' }, points: [[NOW / 1000, 2.5]] }, { labels: { pod: 'payments-2' }, points: [[NOW / 1000, 0.12]] }] },
];
const state = events.reduce(applyEvent, emptyState());
const frame = (s = state, cols = 80, rows = 24, glyphs = unicodeGlyphs) =>
  composeFrame({ state: s, view: initialView(900_000), profile, service: 'payments', now: NOW, ttfgMs: 182, cols, rows, glyphs });

describe('composeFrame', () => {
  it('fills exactly the terminal at 80x24 and 60x20 and 200x60, never wider', () => {
    for (const [c, r] of [[80, 24], [60, 20], [200, 60], [120, 40]]) {
      const f = frame(state, c, r);
      expect(f.lines).toHaveLength(r);
      for (const l of f.lines) expect([...plain(l)].length).toBeLessThanOrEqual(c);
      expect(plain(f.lines[f.layout.header])).toMatch(/^Error rate 6\.00% CRIT/);
    }
  });

  it('draws the header, the title with a word beside the colour, and p99 bars with OVER', () => {
    const text = frame().lines.map(plain);
    expect(text[0]).toBe('incident payments | profile default | window 15m | refresh 5s | TTFG 182ms');
    expect(text[1]).toBe('prometheus up 2s ago 9ms');
    expect(text[2]).toBe('Error rate 6.00% CRIT  warn 1.00% crit 5.00%  via prometheus, 2s old');
    expect(text.find((l) => l.includes('payments-hot-1'))).toMatch(/payments-hot-1 +█+ +2\.50s OVER$/);
    expect(text.find((l) => l.includes('payments-2'))).toMatch(/120ms$/);
    expect(frame().hasRealData).toBe(true);
  });

  it('draws a gap in the series as empty chart, never as a line at 0%, and says "no data" where it is wide', () => {
    const f = frame();
    const chart = f.lines.slice(f.layout.header + 1, f.layout.header + f.layout.errorRate - 1).map(plain);
    // The line stops where the data does: nothing is drawn in the gap (no dots on 0% that read as 0% errors).
    expect(chart.some((l) => /[┤┼]─+ +$/.test(l))).toBe(true);
    expect(chart[0]).toMatch(/┼ +─+ *$/);
    expect(chart.join('\n')).not.toContain('·');
    const wide = applyEvent(state, { type: 'samples', source: 'prometheus', at: NOW - 2000, panel: 'error_rate', origin: 'prometheus',
      series: [{ labels: {}, points: Array.from({ length: 60 }, (_, i): [number, number | null] => [t0 + i * 15, i < 20 ? 0.004 : i < 45 ? null : 0.06]) }] });
    const g = frame(wide);
    const rows = g.lines.slice(g.layout.header + 1, g.layout.header + g.layout.errorRate - 1).map(plain);
    expect(rows.filter((l) => / no data /.test(l))).toHaveLength(1);
  });

  it('keeps the last good graph with its age when the source goes down', () => {
    const down = applyEvent(state, { type: 'status', source: 'prometheus', at: NOW - 1000, state: 'down', error: 'connection refused (http://127.0.0.1:9090)' });
    const text = frame(down, 120, 40).lines.map(plain);
    expect(text[1]).toBe('prometheus DOWN 1s, showing last good (2s old): connection refused (http://127.0.0.1:9090)');
    expect(text[2]).toContain('(last good)');
  });

  it('says "no data" and why, not "waiting for data", when every metric source is down and nothing came', () => {
    const down = applyEvent(emptyState(), { type: 'status', source: 'prometheus', kind: 'prometheus', at: NOW - 5000, state: 'down', error: 'connection refused' });
    const text = frame(down, 80, 24).lines.map(plain).join('\n');
    expect(text).toContain('Error rate no data');
    expect(text).toContain('no data: prometheus DOWN (the reason is in the header)');
    expect(text).not.toContain('waiting for data');
  });

    it('says there is no metric source, not "waiting for data", for a console given none (logs only)', () => {
    const why = 'no metric source (no Prometheus, no --scrape target)';
    const noMetrics = (cols: number, rows: number) =>
      composeFrame({ state: emptyState(), view: initialView(900_000), profile, service: 'payments', now: NOW, ttfgMs: null, cols, rows, glyphs: unicodeGlyphs, noMetrics: why, why: { suspects: [], waiting: true } })
        .lines.map(plain);
    for (const [c, r] of [[80, 24], [60, 20], [200, 60]]) {
      const text = noMetrics(c, r);
      expect(text.join('\n')).not.toContain('waiting');
      expect(text.find((l) => l.startsWith('Error rate'))).toMatch(/^Error rate no data /);
      expect(text.find((l) => l.startsWith('Why'))).toBe('Why no data to judge: no metric source');
    }
    // In the error-rate chart (wrapped at 60 columns) and on the p99 panel.
    for (const [c, r] of [[80, 24], [60, 20]]) {
      const flat = noMetrics(c, r).map((l) => l.trim()).filter(Boolean).join(' ').replace(/\s+/g, ' ');
      expect(flat.split(why)).toHaveLength(3);
    }
    // A metric source that has reported keeps its own words: the reason applies only while none exists.
    const up = applyEvent(emptyState(), { type: 'status', source: 'prometheus', kind: 'prometheus', at: NOW - 1000, state: 'up' });
    const withSource = composeFrame({ state: up, view: initialView(900_000), profile, service: 'payments', now: NOW, ttfgMs: null, cols: 80, rows: 24, glyphs: unicodeGlyphs, noMetrics: why })
      .lines.map(plain).join('\n');
    expect(withSource).toContain('Error rate waiting for data');
    expect(withSource).not.toContain('no metric source');
  });

  it('uses only ASCII with --ascii', () => {
    const text = frame(state, 80, 24, asciiGlyphs).lines.map(plain).join('\n');
    expect(text).toMatch(/^[\x20-\x7e\n]*$/);
  });
});
