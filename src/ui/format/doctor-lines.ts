// The text report of `incident doctor`: one aligned line per check with ok/FAIL, latency, what and why, then a verdict.
import { summarizeChecks, type CheckResult } from '../../model/session/doctor-check.js';
import { safeText } from '../../model/text/safe-text.js';

/** How to draw: `color` adds green/red to the ok/FAIL word (the word itself always says it). */
export interface DoctorLinesOptions {
  color: boolean;
  /** Profile name and the file it came from, for the first line. */
  profile: { name: string; file: string };
}

const GREEN = '\x1b[32m';
const RED = '\x1b[1;31m';
const RESET = '\x1b[0m';

/** Latency as "12 ms", or "-" when nothing was sent. */
export function formatLatency(ms: number | null): string {
  return ms === null ? '-' : `${ms} ms`;
}

/** Every line of the report, without trailing newlines. */
export function doctorLines(checks: readonly CheckResult[], o: DoctorLinesOptions): string[] {
  const checkWidth = Math.max(0, ...checks.map((c) => c.check.length));
  const targetWidth = Math.min(48, Math.max(0, ...checks.map((c) => c.target.length)));
  const latencyWidth = Math.max(0, ...checks.map((c) => formatLatency(c.latencyMs).length));
  // Targets and details carry what servers, files and commands said: shown, never executed.
  const out = [`profile ${safeText(o.profile.name)} (${safeText(o.profile.file)})`];
  for (const c of checks) {
    const word = c.ok ? 'ok  ' : 'FAIL';
    const status = o.color ? `${c.ok ? GREEN : RED}${word}${RESET}` : word;
    const safeTarget = safeText(c.target);
    const target = safeTarget.length > targetWidth ? safeTarget : safeTarget.padEnd(targetWidth);
    out.push(`${status}  ${formatLatency(c.latencyMs).padStart(latencyWidth)}  ${c.check.padEnd(checkWidth)}  ${target}  ${safeText(c.detail)}`.trimEnd());
  }
  const s = summarizeChecks(checks);
  out.push(s.ok ? `all ${s.total} checks passed` : `${s.failed} of ${s.total} checks failed`);
  return out;
}

/** The JSON document `doctor --json` prints: snake_case names like the snapshot. */
export function doctorJson(checks: readonly CheckResult[], profile: { name: string; file: string }): object {
  const s = summarizeChecks(checks);
  return {
    profile: profile.name,
    file: profile.file,
    ok: s.ok,
    failed: s.failed,
    checks: checks.map((c) => ({ check: c.check, target: c.target, ok: c.ok, latency_ms: c.latencyMs, detail: c.detail })),
  };
}
