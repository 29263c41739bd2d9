// The outcome of one `incident doctor` check, and the summary over all of them.

/** What one check found; every string is safe to show (credentials already removed). */
export interface CheckResult {
  /** What kind of thing was checked: "profile", "prometheus", "query", "scrape", "alertmanager", "loki", "log file", ... */
  check: string;
  /** Which one: a URL without credentials, a path, a query name or a program name. */
  target: string;
  ok: boolean;
  /** How long the check took in milliseconds, or null when nothing was sent or opened. */
  latencyMs: number | null;
  /** What was found when ok, why it failed otherwise; one line. */
  detail: string;
}

/** Counts over a list of checks. */
export interface CheckSummary {
  total: number;
  failed: number;
  ok: boolean;
}

/** Counts the checks and failures; `ok` only when none failed. */
export function summarizeChecks(checks: readonly CheckResult[]): CheckSummary {
  const failed = checks.filter((c) => !c.ok).length;
  return { total: checks.length, failed, ok: failed === 0 };
}

/**
 * Collapses a message to its first non-empty line (a CR LF ending counts as a line end), at most `max` characters.
 * Other controls stay: the terminal gate (model/text/safe-text) shows them, so what a server sent is seen as sent.
 */
export function oneLine(text: string, max = 300): string {
  const first = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const clean = first.replace(/\t/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 3)}...` : clean;
}
