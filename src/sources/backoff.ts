// Exponential backoff for restarting commands and reconnecting streams.

/** How delays grow: the first retry waits `initialMs`, each next one `factor` times longer, never above `maxMs`. */
export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  factor: number;
}

/** One second, doubling, at most thirty seconds. */
export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 1000, maxMs: 30_000, factor: 2 };

/** Delay in milliseconds before retry number `attempt` (0 for the first retry). */
export function backoffDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const raw = policy.initialMs * policy.factor ** Math.max(0, attempt);
  return Math.round(Math.min(policy.maxMs, raw));
}

/** A delay in milliseconds as people say it: "250ms", "2s", "1.5s", "2m". */
export function formatDelay(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(1))}s`;
  return `${Number((ms / 60_000).toFixed(1))}m`;
}
