// Parsing and applying the common flags: they override profile values.
import { parseDurationMs } from '../config/duration.js';
import { FlagError } from '../config/errors.js';
import type { Profile } from '../config/profile.js';
import { httpTarget } from '../config/resolve-profile.js';

/** Flags shared by watch, doctor and demo, as commander hands them over. */
export interface CommonFlags {
  profile?: string;
  prometheus?: string;
  window?: string;
  refresh?: string;
  color?: boolean;
  ascii?: boolean;
  stateDir?: string;
}

/** Parses a duration flag value in milliseconds, or throws FlagError naming the flag. */
export function durationFlag(flag: string, value: string, minMs: number): number {
  const ms = parseDurationMs(value);
  if (ms === null) throw new FlagError(flag, `"${value}" is not a duration`, 'use forms like 15m, 30s, 1h');
  if (ms < minMs) throw new FlagError(flag, `must be at least ${minMs / 1000}s`);
  return ms;
}

/** Checks that a flag value is an http(s) URL. */
export function urlFlag(flag: string, value: string): string {
  try {
    const u = new URL(value);
    if (u.protocol === 'http:' || u.protocol === 'https:') return value;
  } catch {
    // reported below
  }
  throw new FlagError(flag, `"${value}" is not an http:// or https:// URL`);
}

/** Returns the profile with flag overrides applied. */
export function applyCommonFlags(profile: Profile, flags: CommonFlags): Profile {
  const out: Profile = { ...profile };
  if (flags.prometheus !== undefined) {
    // An empty value turns Prometheus off, for a console fed only by direct scrapes and logs.
    if (flags.prometheus === '') out.prometheus = undefined;
    else {
      const url = urlFlag('--prometheus', flags.prometheus);
      // The profile's headers and credentials stay, unless the URL brings its own user:password (then it wins).
      const target = httpTarget({ url }, '--prometheus', 'prometheus', profile.prometheus?.timeoutMs ?? 10_000);
      out.prometheus = {
        ...target,
        headers: { ...(profile.prometheus?.headers ?? {}), ...target.headers },
        secrets: [...(profile.prometheus?.secrets ?? []), ...target.secrets],
        ...(profile.prometheus?.transport ? { transport: profile.prometheus.transport } : {}),
      };
    }
  }
  if (flags.window !== undefined) out.windowMs = durationFlag('--window', flags.window, 60_000);
  if (flags.refresh !== undefined) out.refreshMs = durationFlag('--refresh', flags.refresh, 250);
  return out;
}

/**
 * Checks a label value given on the command line (--service, --pod): it ends up in queries, selectors and command
 * arguments, so control characters and line breaks, which no real label value has, are refused.
 */
export function labelFlag(flag: string, value: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(value)) {
    throw new FlagError(flag, 'contains control characters or a line break', 'give the label value as Prometheus shows it');
  }
  if (value.trim() === '') throw new FlagError(flag, 'is empty');
  return value;
}
