// The highest finite bucket bound of each series behind a `histogram_quantile(q, inner)` p99 query, asked with the
// inner expression now and then, so that a p99 stuck at that bound can read "at least".
import type { InstantSample } from '../../model/promql/prom-response.js';
import { boundOf, topFiniteBounds } from '../../model/promql/quantile-query.js';

/** Query time (seconds) over which bounds are kept before they are asked again: bucket layouts change only with deploys. */
export const BOUNDS_KEPT_S = 60;

/** Rounds a failed question waits before it is asked again (a server that cannot answer it is not asked every refresh). */
export const BOUNDS_RETRY_ROUNDS = 12;

/** Inner expressions (scopes: the service, a pod drilled into) whose bounds are kept. */
const KEPT_SCOPES = 8;

/** Bounds per inner expression, keyed by its text (which holds the scope), aged by the query time they were read at. */
export class BucketBounds {
  private readonly known = new Map<string, { t: number; map: Map<string, number>; rechecked: boolean }>();
  private readonly waitRounds = new Map<string, number>();
  private readonly asking = new Set<string>();

  /**
   * Asks (through `ask`) for the bounds of `inner` for a query at `t` (unix seconds) when none are known or they were
   * read more than BOUNDS_KEPT_S away from `t` (a past window moved back counts as well as time going on); gives the
   * answer on its way, or null when nothing was asked. The bounds known stay in use until the answer replaces them,
   * and a failure keeps them.
   */
  refresh(inner: string, t: number, ask: () => Promise<InstantSample[]>, aborted: () => boolean): Promise<void> | null {
    const have = this.known.get(inner);
    const waiting = this.waitRounds.get(inner) ?? 0;
    if (waiting > 0) this.waitRounds.set(inner, waiting - 1);
    const due = (!have || Math.abs(t - have.t) >= BOUNDS_KEPT_S) && waiting === 0 && !this.asking.has(inner);
    return due ? this.ask(inner, t, ask, aborted, false) : null;
  }

  /**
   * Asks again at once when the bounds known for `inner` cannot tell about every series in `drawn` (the p99 answer's
   * label sets): series newer than the bounds, as when a pod started or Prometheus had no samples yet when they were
   * read. Bounds read for this same time are not asked again. An answer got this way is not rechecked until it is due
   * (BOUNDS_KEPT_S), so series without a finite bucket cost one more question a period, not one a refresh. Gives the
   * answer on its way, or null.
   */
  recheck(inner: string, t: number, drawn: ReadonlyArray<Record<string, string>>, ask: () => Promise<InstantSample[]>, aborted: () => boolean): Promise<void> | null {
    const have = this.known.get(inner);
    if (!have || have.t === t || have.rechecked || this.asking.has(inner) || drawn.every((labels) => boundOf(labels, have.map) !== undefined)) return null;
    return this.ask(inner, t, ask, aborted, true);
  }

  private ask(inner: string, t: number, ask: () => Promise<InstantSample[]>, aborted: () => boolean, rechecked: boolean): Promise<void> {
    this.asking.add(inner);
    const asked = ask().then(
      (samples) => {
        this.known.delete(inner);
        this.known.set(inner, { t, map: topFiniteBounds(samples), rechecked });
        while (this.known.size > KEPT_SCOPES) this.known.delete(this.known.keys().next().value as string);
      },
      () => {
        if (!aborted()) this.waitRounds.set(inner, BOUNDS_RETRY_ROUNDS);
      },
    ).finally(() => this.asking.delete(inner));
    return asked;
  }

  /** The bounds known for `inner` now. */
  get(inner: string): ReadonlyMap<string, number> | undefined {
    return this.known.get(inner)?.map;
  }
}
