// The sources of a past window (`watch --at`, `--from/--to`): the same Prometheus sources on a clock stopped at the
// window's end, alerts from the ALERTS series, Loki's query_range for the window, and log files by their timestamps.
// What only exists live (direct scrapes, commands, stdin, Alertmanager) is left out and said so.
import type { Profile } from '../config/profile.js';
import { expandNames, promString } from '../config/template.js';
import type { Emit } from '../model/console-state/events.js';
import { makeLineParser } from '../model/logs/log-parse.js';
import type { Clock } from '../model/session/clock.js';
import { lokiCredentials } from './logs/log-sources.js';
import { lokiLogs } from './logs/loki.js';
import { clickhouseLogSource } from './logs/clickhouse.js';
import { quickwitLogSource } from './logs/quickwit.js';
import { windowFileLogs } from './logs/window-file-logs.js';
import { buildSources } from './metrics/build-sources.js';
import type { PrometheusApi } from './metrics/prometheus-api.js';
import type { QueryScope } from './metrics/query-scope.js';
import type { PolledSource, Source } from './source.js';

/** Most log lines read for one window, per source. */
export const WINDOW_LOG_LINES = 2000;

/** Why Alertmanager is not asked for a past window. */
export const NO_ALERT_HISTORY = 'Alertmanager keeps no history: past alerts come from the ALERTS series of a Prometheus (add --prometheus)';

/** A source built again, and so read again, on every refresh and every change of window or scope. */
function rereadSource(make: () => Source): PolledSource {
  let current = make();
  let emit: Emit | undefined;
  let switching: Promise<void> = Promise.resolve();
  const again = () => {
    const old = current;
    const next = make();
    current = next;
    switching = old.stop().then(() => {
      if (emit && next === current) next.start(emit);
    });
  };
  return {
    name: current.name,
    kind: current.kind,
    start(e) {
      emit = e;
      current.start(e);
    },
    async stop() {
      await switching;
      await current.stop();
    },
    refresh: again,
    restart: again,
  };
}

/** A source that only says something about itself: a status, once. */
function noteSource(name: string, kind: string, error: string, clock: Clock): Source {
  return {
    name,
    kind,
    start: (emit) => emit({ type: 'status', source: name, kind, at: clock.now(), state: 'degraded', error }),
    stop: async () => undefined,
  };
}

/** The live-only parts of a profile removed: what Prometheus and the past-window log sources cannot answer. */
function pastOnly(profile: Profile): Profile {
  return {
    ...profile,
    alertmanager: undefined,
    scrape: { ...profile.scrape, targets: [] },
    pipeline: { ...profile.pipeline, targets: [] },
    deploys: { ...profile.deploys, command: undefined },
    logs: { ...profile.logs, files: [], commands: [], loki: undefined, clickhouse: undefined, quickwit: undefined },
  };
}

/** Every source of a past window; `clock.now()` is the window's end; `api` replaces the Prometheus client. */
export function buildHistoricalSources(profile: Profile, scope: () => QueryScope, clock: Clock, api?: PrometheusApi): Source[] {
  const sources = buildSources(pastOnly(profile), scope, clock, api);
  if (profile.alertmanager && !profile.prometheus) sources.push(noteSource('alerts', 'alertmanager', NO_ALERT_HISTORY, clock));
  const parse = makeLineParser(profile.logs.fields);
  const windowMs = () => scope().windowMs;
  for (const pattern of profile.logs.files) {
    if (pattern === '-') continue;
    sources.push(rereadSource(() => windowFileLogs({ pattern, parse, clock, windowMs: windowMs, limit: WINDOW_LOG_LINES })));
  }
  const live = [...profile.logs.commands.map((c) => c.name ?? c.cmd.split(/\s+/)[0]), ...(profile.logs.files.includes('-') ? ['stdin'] : [])];
  if (live.length > 0) sources.push(noteSource('live logs', 'command', `${live.join(', ')}: live only, not read for a past window`, clock));
  const loki = profile.logs.loki;
  if (loki) {
    sources.push(rereadSource(() => {
      const s = scope();
      return lokiLogs({
        url: loki.url, query: expandNames(loki.selector, { service: promString(s.service), pod: s.pod === undefined ? undefined : promString(s.pod) }),
        parse, credentials: lokiCredentials(loki), transport: loki.transport, backfillLimit: Math.max(loki.limit, WINDOW_LOG_LINES),
        timeoutMs: loki.timeoutMs, backfillWindowMs: s.windowMs, clock, tail: false,
      });
    }));
  }
  const clickhouse = profile.logs.clickhouse;
  if (clickhouse) sources.push(clickhouseLogSource({ target: clickhouse, clock, windowMs, scope, past: true }));
  const quickwit = profile.logs.quickwit;
  if (quickwit) sources.push(quickwitLogSource({ target: quickwit, clock, windowMs, scope, past: true }));
  return sources;
}
