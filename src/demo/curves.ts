// Closed-form traffic curves: a wobbling rate, its exact integral, and piecewise-constant weights over it.

/** A rate that wobbles around its mean: mean x (1 + amplitude x sin(2 pi t / period + phase)). */
export interface Wobble {
  /** Mean rate in events per second. */
  mean: number;
  /** Relative amplitude, below 1 so the rate stays positive. */
  amplitude: number;
  /** Period of the wobble in seconds. */
  periodS: number;
  /** Phase in radians. */
  phase: number;
}

/** A value that holds from `fromS` (seconds since the origin) until the next step. */
export interface Step {
  fromS: number;
  value: number;
}

/** Instantaneous rate at `tS` seconds since the origin, in events per second. */
export function rateAt(w: Wobble, tS: number): number {
  return w.mean * (1 + w.amplitude * Math.sin((2 * Math.PI * tS) / w.periodS + w.phase));
}

/** Events counted from the origin up to `tS` seconds (0 before the origin); never decreases. */
export function cumulative(w: Wobble, tS: number): number {
  if (tS <= 0) return 0;
  const omega = (2 * Math.PI) / w.periodS;
  return w.mean * (tS + (w.amplitude / omega) * (Math.cos(w.phase) - Math.cos(omega * tS + w.phase)));
}

/** Integral of step value x rate from the origin up to `tS`; steps must be sorted by `fromS`, the first at 0. */
export function weighted(w: Wobble, steps: readonly Step[], tS: number): number {
  let total = 0;
  for (let i = 0; i < steps.length; i++) {
    const from = steps[i].fromS;
    if (from >= tS) break;
    const to = Math.min(tS, i + 1 < steps.length ? steps[i + 1].fromS : Infinity);
    total += steps[i].value * (cumulative(w, to) - cumulative(w, from));
  }
  return total;
}

/** `weighted` for one wobble and one set of steps, precomputed: each call costs a binary search instead of a walk over the steps. */
export function integrator(w: Wobble, steps: readonly Step[]): (tS: number) => number {
  const starts = steps.map((s) => s.fromS);
  const before: number[] = [0];
  for (let i = 0; i + 1 < steps.length; i++) {
    before.push(before[i] + steps[i].value * (cumulative(w, steps[i + 1].fromS) - cumulative(w, steps[i].fromS)));
  }
  return (tS) => {
    if (steps.length === 0 || tS <= starts[0]) return 0;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid] < tS) lo = mid;
      else hi = mid - 1;
    }
    return before[lo] + steps[lo].value * (cumulative(w, tS) - cumulative(w, starts[lo]));
  };
}

/** The step value in force at `tS`. */
export function stepAt(steps: readonly Step[], tS: number): number {
  let v = steps[0]?.value ?? 0;
  for (const s of steps) if (s.fromS <= tS) v = s.value;
  return v;
}

/** Steps going from `before` to `after` in `count` even steps between `fromS` and `toS`, `before` from 0. */
export function ramp(before: number, after: number, fromS: number, toS: number, count: number, geometric = false): Step[] {
  const steps: Step[] = [{ fromS: 0, value: before }];
  for (let i = 1; i <= count; i++) {
    const f = i / count;
    const value = geometric ? before * (after / before) ** f : before + (after - before) * f;
    steps.push({ fromS: fromS + ((toS - fromS) * (i - 1)) / count, value });
  }
  return steps;
}

/** Log-logistic latency distribution: `median` in seconds and a shape above 1 (larger is narrower). */
export interface Latency {
  median: number;
  shape: number;
}

/** Share of requests at or below `le` seconds. */
export function latencyCdf(d: Latency, le: number): number {
  if (le === Infinity) return 1;
  if (le <= 0) return 0;
  return 1 / (1 + (le / d.median) ** -d.shape);
}

/** Mean latency in seconds. */
export function latencyMean(d: Latency): number {
  const b = Math.PI / d.shape;
  return (d.median * b) / Math.sin(b);
}

/** The latency at quantile `u` (0 < u < 1), in seconds. */
export function latencyQuantile(d: Latency, u: number): number {
  return d.median * (u / (1 - u)) ** (1 / d.shape);
}

/** A deterministic hash of two integers as a number in [0, 1): the demo's only source of "randomness". */
export function hash01(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

/** Multiplies step values by deterministic noise in [1 - spread, 1 + spread] that changes every `everyS` seconds up to `untilS`. */
export function jitter(steps: readonly Step[], seed: number, everyS: number, untilS: number, spread: number): Step[] {
  const cuts = new Set(steps.map((s) => s.fromS));
  for (let t = 0; t < untilS; t += everyS) cuts.add(t);
  return [...cuts]
    .sort((a, b) => a - b)
    .map((fromS) => ({ fromS, value: stepAt(steps, fromS) * (1 + spread * (2 * hash01(seed, Math.floor(fromS / everyS)) - 1)) }));
}
