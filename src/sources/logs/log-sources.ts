// Builds the log sources a profile asks for: files and globs, commands, piped stdin and Loki.
import type { HttpTarget, Profile } from '../../config/profile.js';
import { expandNames, promString } from '../../config/template.js';
import { rescopedSource, type NameScope } from './rescoped-source.js';
import type { LineParser } from '../../model/logs/log-parse.js';
import { commandLogs } from './command-logs.js';
import { fileLogs } from './file-logs.js';
import type { LokiCredentials } from './loki-auth.js';
import { lokiLogs } from './loki.js';
import type { Source } from '../source.js';
import { stdinLogs } from './stdin-logs.js';
import { clickhouseLogSource } from './clickhouse.js';
import { quickwitLogSource } from './quickwit.js';
import { systemClock } from '../system-clock.js';

/** True when standard input is asked for as a log source (keys then come from the terminal itself). */
export const readsStdin = (profile: Profile): boolean => profile.logs.files.includes('-');

/** True when the profile has any log source. */
export function hasLogSources(profile: Profile): boolean {
  return profile.logs.files.length > 0 || profile.logs.commands.length > 0 || !!profile.logs.loki || !!profile.logs.clickhouse || !!profile.logs.quickwit;
}

/** What the log sources need besides the profile. */
export interface LogSourceDeps {
  parse: LineParser;
  service: string;
  pod?: string;
  /** Where `--logs -` reads from (process.stdin by default). */
  stdin?: NodeJS.ReadableStream;
  /** The current scope, when it can change: sources whose templates use $service or $pod follow it. */
  scope?: () => NameScope;
}

/** True when a command or selector template names the service or the pod. */
const usesScope = (template: string): boolean => /\$\{?(service|pod)\b/.test(template);

/** Loki credentials from a resolved profile target: its authorization and tenant headers. */
export function lokiCredentials(target: HttpTarget): LokiCredentials {
  const creds: LokiCredentials = {};
  const auth = target.headers.authorization ?? '';
  if (auth.startsWith('Bearer ')) creds.bearerToken = { value: auth.slice(7) };
  else if (auth.startsWith('Basic ')) {
    const decoded = Buffer.from(auth.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    creds.username = decoded.slice(0, colon < 0 ? undefined : colon);
    if (colon >= 0) creds.password = { value: decoded.slice(colon + 1) };
  }
  if (target.headers['x-scope-orgid']) creds.tenant = target.headers['x-scope-orgid'];
  return creds;
}

/** Every log source configured in the profile, not yet started. */
export function buildLogSources(profile: Profile, deps: LogSourceDeps): Source[] {
  const { parse } = deps;
  const sources: Source[] = [];
  for (const pattern of profile.logs.files) {
    if (pattern === '-') sources.push(stdinLogs({ parse, stream: deps.stdin ?? process.stdin }));
    else sources.push(fileLogs({ pattern, parse, backfillLines: profile.logs.backfillLines }));
  }
  const secrets = [profile.prometheus, profile.alertmanager, profile.logs.loki].flatMap((t) => t?.secrets ?? []);
  const scope = deps.scope ?? (() => ({ service: deps.service, pod: deps.pod }));
  // A source whose template names the service or pod is rebuilt when what it names changes (s, enter on a pod).
  const follow = (template: string, make: (s: NameScope) => Source): Source => {
    if (!deps.scope || !usesScope(template)) return make(scope());
    const namesPod = /\$\{?pod\b/.test(template);
    return rescopedSource(make, (s) => `${s.service}\u0000${namesPod ? (s.pod ?? '') : ''}`, scope);
  };
  for (const c of profile.logs.commands) {
    sources.push(follow(c.cmd, (s) => commandLogs({ command: c.cmd, vars: { service: s.service, pod: s.pod ?? '.+' }, shell: c.shell, name: c.name, parse, secrets })));
  }
  const loki = profile.logs.loki;
  if (loki) {
    // Values go into LogQL strings escaped, as they go into PromQL.
    sources.push(follow(loki.selector, (s) => lokiLogs({
      url: loki.url, query: expandNames(loki.selector, { service: promString(s.service), pod: s.pod === undefined ? undefined : promString(s.pod) }), parse,
      credentials: lokiCredentials(loki), transport: loki.transport, backfillLimit: loki.limit, timeoutMs: loki.timeoutMs, backfillWindowMs: profile.windowMs,
    })));
  }
  const clickhouse = profile.logs.clickhouse;
  if (clickhouse) {
    sources.push(clickhouseLogSource({ target: clickhouse, clock: systemClock, windowMs: () => profile.windowMs, scope }));
  }
  const quickwit = profile.logs.quickwit;
  if (quickwit) sources.push(quickwitLogSource({ target: quickwit, clock: systemClock, windowMs: () => profile.windowMs, scope }));
  return sources;
}
