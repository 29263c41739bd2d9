// `incident sessions --prometheus URL [--since 7d] [--json]`: the team's TTFG per host and service, read from the
// Prometheus that scrapes the Pushgateway the consoles push to.
import { formatDuration } from '../config/duration.js';
import { loadProfile } from '../config/load-profile.js';
import { httpTarget } from '../config/resolve-profile.js';
import { displayUrl } from '../model/session/redact.js';
import { safeJson } from '../model/text/safe-json.js';
import { safeText } from '../model/text/safe-text.js';
import { closeDefaultDispatcher, loadUndici } from '../sources/http-get.js';
import { systemClock } from '../sources/system-clock.js';
import { readTeamTtfg } from '../sources/telemetry/team-ttfg-source.js';
import { durationFlag, urlFlag } from './flags.js';

/** Flags of the team read-back. */
export interface TeamSessionsFlags {
  prometheus: string;
  since?: string;
  json?: boolean;
  /** A profile whose prometheus settings (TLS, proxy, credentials) are used with this URL. */
  profile?: string;
  service?: string;
}

/** Prints the team's TTFG by host and service; resolves with the exit code (1 when Prometheus could not be read). */
export async function runTeamSessions(flags: TeamSessionsFlags, out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const url = urlFlag('--prometheus', flags.prometheus);
  const sinceMs = durationFlag('--since', flags.since ?? '7d', 60_000);
  const base = flags.profile ? (await loadProfile({ name: flags.profile, cwd: process.cwd(), env: process.env })).prometheus : undefined;
  const target = { ...(base ?? {}), ...httpTarget({ url }, '--prometheus', 'prometheus', base?.timeoutMs ?? 10_000) };
  if (base) Object.assign(target, { headers: { ...base.headers, ...target.headers }, secrets: [...base.secrets, ...target.secrets], transport: base.transport });
  await loadUndici();
  try {
    const all = await readTeamTtfg(target, sinceMs, systemClock.now());
    const groups = flags.service === undefined ? all : all.filter((g) => g.service === flags.service);
    const since = formatDuration(sinceMs);
    if (flags.json) {
      out.write(`${safeJson({ prometheus: displayUrl(url), since, sessions: groups.reduce((n, g) => n + g.sessions, 0), groups }, 2)}\n`);
      return 0;
    }
    if (groups.length === 0) {
      out.write(`no pushed sessions in the last ${since} at ${safeText(displayUrl(url))} (job="incident")\n`);
      return 0;
    }
    const head = ['host', 'service', 'sessions', 'TTFG p50', 'TTFG p95', 'last (UTC)'];
    const rows = groups.map((g) => [g.host, g.service, String(g.sessions), `${g.ttfg_p50_ms} ms`, `${g.ttfg_p95_ms} ms`, g.last_at.replace('T', ' ').slice(0, 19)]
      .map((c) => safeText(c).slice(0, 80)));
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const fmt = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
    out.write(`${[fmt(head), ...rows.map(fmt)].join('\n')}\n\nTTFG pushed over the last ${since}, read from ${safeText(displayUrl(url))}\n`);
    return 0;
  } catch (e) {
    err.write(`incident: cannot read the team's TTFG: ${safeText((e as Error).message)}\n`);
    return 1;
  } finally {
    await closeDefaultDispatcher();
  }
}
