// The clock and timers a source uses, injected so tests can drive time; same shape as the runtime clock.

/** Wall time in epoch milliseconds plus timers (delays in milliseconds). */
export interface SourceClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The real clock; timers are unref'd so a source never keeps the process alive on its own. */
export const systemSourceClock: SourceClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

/** Resolves after `ms` milliseconds on the given clock. */
export function sleep(clock: SourceClock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimeout(resolve, ms));
}
