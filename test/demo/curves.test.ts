// Closed-form traffic curves: the integral matches a numeric sum, and the precomputed integrator matches the plain walk.
import { describe, expect, it } from 'vitest';
import { cumulative, integrator, jitter, latencyCdf, latencyQuantile, ramp, rateAt, weighted, type Wobble } from '../../src/demo/curves.js';

const w: Wobble = { mean: 40, amplitude: 0.15, periodS: 250, phase: 1.3 };

describe('curves', () => {
  it('integrates the wobbling rate exactly (checked against a fine numeric sum)', () => {
    let numeric = 0;
    const dt = 0.01;
    for (let t = dt / 2; t < 600; t += dt) numeric += rateAt(w, t) * dt;
    expect(cumulative(w, 600)).toBeCloseTo(numeric, 3);
    expect(cumulative(w, -5)).toBe(0);
  });

  it.each([0, 1, 59.9, 60, 60.1, 300, 1234.5, 50_000])('integrator equals the step walk at %s s', (t) => {
    const steps = jitter(ramp(0.01, 0.2, 100, 400, 6), 3, 60, 3600, 0.35);
    expect(integrator(w, steps)(t)).toBeCloseTo(weighted(w, steps, t), 6);
  });

  it('ramps in even steps from the start of the ramp', () => {
    expect(ramp(0, 1, 100, 200, 4)).toEqual([
      { fromS: 0, value: 0 }, { fromS: 100, value: 0.25 }, { fromS: 125, value: 0.5 }, { fromS: 150, value: 0.75 }, { fromS: 175, value: 1 },
    ]);
  });

  it('inverts the latency distribution', () => {
    const d = { median: 0.7, shape: 3.2 };
    for (const u of [0.01, 0.5, 0.99]) expect(latencyCdf(d, latencyQuantile(d, u))).toBeCloseTo(u, 12);
    expect(latencyCdf(d, Infinity)).toBe(1);
  });
});
