// Coarsens the error-rate step while Prometheus answers slowly, and brings it back once it is fast again.
import { FetchError } from '../http-get.js';
import { PromApiError } from './prometheus-api.js';

/** Largest factor the step is multiplied by while Prometheus is slow (three doublings). */
export const MAX_STEP_FACTOR = 8;

/** Fewest points a coarsened chart keeps over its window. */
export const MIN_COARSE_POINTS = 10;

/** True for failures that say the query was too heavy: a timeout, or too many samples loaded. */
export function isSlowFailure(err: unknown): boolean {
  if (err instanceof FetchError) return err.code === 'INC_TIMEOUT';
  if (err instanceof PromApiError) return err.errorType === 'timeout' || /too many samples/i.test(err.message);
  return false;
}

/**
 * The step factor of one range query. A query that takes longer than a third of the refresh interval (or times out)
 * doubles the step of the next one, up to MAX_STEP_FACTOR; one that takes less than a sixth halves it again. A range
 * query costs about in proportion to its number of steps, so an answer under a sixth at twice the step should come
 * back under a third at the finer one: the step does not flap between two sizes.
 */
export class StepGovernor {
  private factorNow = 1;

  /** The current factor (1 when Prometheus is fast). */
  get factor(): number {
    return this.factorNow;
  }

  /** The step to ask for, in milliseconds: the chart's own step times the factor, keeping MIN_COARSE_POINTS points. */
  stepMs(baseStepMs: number, windowMs: number): number {
    let f = this.factorNow;
    while (f > 1 && baseStepMs * f > windowMs / MIN_COARSE_POINTS) f /= 2;
    return baseStepMs * f;
  }

  /** Records how the last range query went: its round trip in milliseconds, or Infinity when it was too heavy. */
  note(latencyMs: number, refreshMs: number): void {
    if (latencyMs > refreshMs / 3) this.factorNow = Math.min(MAX_STEP_FACTOR, this.factorNow * 2);
    else if (latencyMs < refreshMs / 6) this.factorNow = Math.max(1, this.factorNow / 2);
  }
}
