// The one clock type: wall time and timers, injected so that tests, replay and `--at` can drive time.

/** Opaque timer handle. */
export type TimerHandle = unknown;

/** Wall time in epoch milliseconds plus timers (delays in milliseconds). */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}
