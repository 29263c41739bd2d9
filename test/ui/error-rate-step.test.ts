// What the error-rate panel and the snapshot say about the step: "step 1m4s: Prometheus slow" while coarsened, and an
// age counted from the newest point rather than from the answer.
import { describe, expect, it } from 'vitest';
import { applyEvent, emptyState } from '../../src/model/console-state/console-state.js';
import type { SamplesEvent } from '../../src/model/console-state/events.js';
import { buildSnapshot } from '../../src/model/console-state/snapshot.js';
import { initialView } from '../../src/model/console-state/view-state.js';
import { composeFrame } from '../../src/ui/format/frame.js';
import { unicodeGlyphs } from '../../src/ui/format/glyphs.js';
import { plain } from '../../src/terminal/styled.js';

const NOW = Date.UTC(2026, 11, 6, 4, 40, 5);
const profile = { name: 'default', refreshMs: 5000, thresholds: { errorRateWarn: 0.01, errorRateCrit: 0.05, p99SloSeconds: 0.5 }, labels: { service: 'service', pod: 'pod', namespace: 'namespace' } };
const samples = (extra: Partial<SamplesEvent>): SamplesEvent => ({
  type: 'samples', source: 'prometheus', at: NOW - 1000, panel: 'error_rate', origin: 'prometheus',
  series: [{ labels: {}, points: Array.from({ length: 14 }, (_, i): [number, number | null] => [NOW / 1000 - 5 - 832 + i * 64, 0.06]) }], ...extra,
});
const state = (e: SamplesEvent) => applyEvent(applyEvent(emptyState(), { type: 'status', source: 'prometheus', kind: 'prometheus', at: NOW - 1000, state: 'up', latencyMs: 2400 }), e);
const title = (e: SamplesEvent) => {
  const f = composeFrame({ state: state(e), view: initialView(900_000), profile, service: 'payments', now: NOW, ttfgMs: 182, cols: 120, rows: 40, glyphs: unicodeGlyphs });
  return plain(f.lines[f.layout.header]);
};
const snapshot = (e: SamplesEvent) => buildSnapshot(state(e), {
  service: 'payments', profile: 'default', now: NOW, windowMs: 900_000, stepMs: 8000, ttfgMs: 182, sloSeconds: 0.5, podLabel: 'pod', serviceLabel: 'service',
});

describe('the step on the error-rate panel', () => {
  it('says the step and why while it is coarsened', () => {
    expect(title(samples({ asOf: NOW - 1000, stepS: 64, coarsened: true })))
      .toBe('Error rate 6.00% CRIT  warn 1.00% crit 5.00%  via prometheus, 1s old  step 1m4s: Prometheus slow');
    expect(snapshot(samples({ asOf: NOW - 1000, stepS: 64, coarsened: true })).panels.error_rate).toMatchObject({ query_step_s: 64, step_coarsened: true });
  });

  it('says nothing about the step at the chart own step', () => {
    expect(title(samples({ asOf: NOW - 1000, stepS: 8, coarsened: false }))).toBe('Error rate 6.00% CRIT  warn 1.00% crit 5.00%  via prometheus, 1s old');
    expect(snapshot(samples({ stepS: 8, coarsened: false })).panels.error_rate).toMatchObject({ query_step_s: 8, step_coarsened: false });
    expect(snapshot(samples({})).panels.error_rate).toMatchObject({ query_step_s: null, step_coarsened: false });
  });

  it('counts the age from the newest point when it is older than the answer', () => {
    expect(title(samples({ asOf: NOW - 37_000, stepS: 64, coarsened: true }))).toContain('via prometheus, 37s old  step 1m4s: Prometheus slow');
  });
});
