// Every panel at 60x20, 80x24, 120x40 and 200x60: the frame fills the terminal exactly, never overflows a row,
// always shows the error rate, and panels give way in order of importance when rows run short.
import { describe, expect, it } from 'vitest';
import { applyEvent, emptyState } from '../../src/model/console-state/console-state.js';
import type { SourceEvent } from '../../src/model/console-state/events.js';
import { initialView } from '../../src/model/console-state/view-state.js';
import { composeFrame } from '../../src/ui/format/frame.js';
import type { ExtraPanel } from '../../src/ui/format/panel.js';
import { asciiGlyphs, unicodeGlyphs } from '../../src/ui/format/glyphs.js';
import { computeLayout } from '../../src/ui/format/layout.js';
import { line, plain } from '../../src/terminal/styled.js';

const NOW = Date.UTC(2026, 10, 22, 14, 32, 5);
const t0 = NOW / 1000 - 900;
const profile = { name: 'default', refreshMs: 1000, thresholds: { errorRateWarn: 0.01, errorRateCrit: 0.05, p99SloSeconds: 0.5 }, labels: { service: 'service', pod: 'pod', namespace: 'namespace' } };
const pods = ['payments-hot-1', 'payments-2', 'payments-3', 'payments-canary-with-a-very-long-pod-name-0'];
const events: SourceEvent[] = [
  { type: 'status', source: 'prometheus', kind: 'prometheus', at: NOW - 2000, state: 'up', latencyMs: 9 },
  { type: 'samples', source: 'prometheus', at: NOW - 2000, panel: 'error_rate', origin: 'prometheus',
    series: [{ labels: {}, points: Array.from({ length: 60 }, (_, i): [number, number | null] => [t0 + i * 15, i < 30 ? 0.004 : 0.06]) }] },
  { type: 'samples', source: 'prometheus', at: NOW - 2000, panel: 'p99', origin: 'prometheus',
    series: pods.map((pod, i) => ({ labels: { pod }, points: [[NOW / 1000, 2.5 / (i + 1)]] as Array<[number, number]> })) },
];
const state = events.reduce(applyEvent, emptyState());

/** A panel that fills whatever it is given with rows far wider than any terminal. */
const wide = (name: string, wants: number): ExtraPanel => ({
  wants,
  draw: (rows, width) => Array.from({ length: rows }, (_, i) => line(`${name} ${i} ${'x'.repeat(width * 2)}`)),
});

const frame = (cols: number, rows: number, glyphs = unicodeGlyphs) => composeFrame({
  state, view: initialView(900_000), profile, service: 'payments', now: NOW, ttfgMs: 95, cols, rows, glyphs,
  pipeline: wide('pipeline', 4), logs: wide('log', 50), footer: line('q quit  ? help  / filter'),
});

const SIZES: Array<[number, number]> = [[60, 20], [80, 24], [120, 40], [200, 60]];

describe('any terminal size', () => {
  for (const [cols, rows] of SIZES) {
    it(`fills ${cols}x${rows} exactly with every line within the width and the error rate shown`, () => {
      for (const glyphs of [unicodeGlyphs, asciiGlyphs]) {
        const f = frame(cols, rows, glyphs);
        const text = f.lines.map(plain);
        expect(text).toHaveLength(rows);
        for (const l of text) expect([...l].length).toBeLessThanOrEqual(cols);
        expect(text.filter((l) => /^Error rate 6\.00% CRIT/.test(l))).toHaveLength(1);
        expect(text[0]).toMatch(/^incident payments/);
        if (glyphs.ascii) expect(text.join('\n')).toMatch(/^[\x20-\x7e\n]*$/);
      }
    });
  }

  it('shows more at larger sizes: p99 everywhere, logs from 80x24, everything at 120x40 and up', () => {
    const shown = (cols: number, rows: number) => {
      const l = frame(cols, rows).layout;
      return { p99: l.p99 > 0, pipeline: l.pipeline > 0, logs: l.logs > 0 };
    };
    expect(shown(120, 40)).toEqual({ p99: true, pipeline: true, logs: true });
    expect(shown(200, 60)).toEqual({ p99: true, pipeline: true, logs: true });
    expect(shown(80, 24).p99).toBe(true);
    expect(shown(60, 20).p99).toBe(true);
  });

  it('gives way in order of importance as rows shrink: logs and pipeline first, then p99, error rate never', () => {
    const needs = { p99Bars: 4, pipelineRows: 4, hasLogs: true };
    // Importance rank of each panel (higher goes later); a hidden panel never outranks a shown one.
    const rank = { logs: 0, pipeline: 0, p99: 1, errorRate: 2 } as const;
    let hiddenBefore = new Set<keyof typeof rank>();
    for (let rows = 60; rows >= 8; rows--) {
      const l = computeLayout(80, rows, needs);
      expect(l.errorRate).toBeGreaterThanOrEqual(5);
      expect(l.header + l.errorRate + l.p99 + l.pipeline + l.logs + l.footer).toBeLessThanOrEqual(rows);
      const hidden = new Set((Object.keys(rank) as Array<keyof typeof rank>).filter((k) => l[k] === 0));
      for (const h of hiddenBefore) expect(hidden.has(h as keyof typeof rank), `${h} came back at ${rows} rows`).toBe(true);
      for (const h of hidden) {
        for (const s of Object.keys(rank) as Array<keyof typeof rank>) {
          if (!hidden.has(s)) expect(rank[s], `${s} shown while ${h} hidden at ${rows} rows`).toBeGreaterThanOrEqual(rank[h as keyof typeof rank]);
        }
      }
      hiddenBefore = hidden;
    }
    expect(computeLayout(80, 8, needs).p99).toBe(0);
  });
});
