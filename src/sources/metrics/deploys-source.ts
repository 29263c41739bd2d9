// The deploys source: profile deploy queries over the window, a CI file, a command and log-pattern matches, merged into one marker set.
import type { Profile } from '../../config/profile.js';
import { expandNames, expandQuery, stepForWidth } from '../../config/template.js';
import { parseDeployOutput } from '../../model/alerts-deploys/deploy-k8s.js';
import { describeRefused, deployMarkerFromLine, FUTURE_TOLERANCE_MS, markersFromSeries, markersInWindow, mergeMarkers } from '../../model/alerts-deploys/deploy-markers.js';
import type { DeployMarker, Emit, SourceState } from '../../model/console-state/events.js';
import { BlockLiteral } from '../../model/logs/line-records.js';
import type { LogLine } from '../../model/logs/log-line.js';
import { PrometheusApi } from './prometheus-api.js';
import { readFileTail, type FileTail } from '../logs/read-file-tail.js';
import { runCommandOnce, type RunOnceOptions, type RunOnceResult } from '../run-command-once.js';
import type { Clock } from '../../model/session/clock.js';
import { Poller } from './poller.js';
import type { PolledSource } from '../source.js';
import type { ScopeGetter } from './query-scope.js';
import { alignedRange } from '../../model/promql/aligned-range.js';

/** Source name of the deploys source in the header and the snapshot. */
export const DEPLOYS_SOURCE = 'deploys';

/** Refreshes in a row a deploy query may return no series before it is no longer asked (until the scope changes). */
export const EMPTY_ROUNDS_BEFORE_RETIRING = 3;

/** Most log-pattern markers remembered. */
const MAX_LOG_MARKERS = 500;

/** What the deploys source uses besides the profile; each has a working default. */
export interface DeploysSourceOptions {
  api?: PrometheusApi;
  run?: (command: string, o: RunOnceOptions) => Promise<RunOnceResult>;
  readFile?: (path: string) => Promise<FileTail>;
  /** Least time between two runs of the deploys command, in milliseconds (default 30000). */
  commandEveryMs?: number;
  /** Time limit for one run of the deploys command, in milliseconds (default 15000). */
  commandTimeoutMs?: number;
  /** Let every round wait for the command it started (the first round always does). */
  waitForCommand?: boolean;
  /** Count failed Argo CD syncs as deploys too (default false). */
  includeFailedSyncs?: boolean;
}

/** The deploys source; the runtime hands it parsed log lines so the profile's log pattern can mark deploys. */
export interface DeploysSource extends PolledSource {
  noteLines(lines: readonly LogLine[]): void;
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Info series (…_info) mark new revisions, counters (…_total, …_count) increases, anything else changes of value. */
function queryKind(query: string): 'counter' | 'generation' | 'revision' {
  if (/_info\b/.test(query)) return 'revision';
  return /_total\b|_count\b/.test(query) ? 'counter' : 'generation';
}

/**
 * Builds the deploys source, or null when the profile asks for no deploy markers (no queries with a Prometheus,
 * no file, no command, no log pattern). $service and $pod are expanded in the command line and the file path.
 * Each input keeps its last good markers when it fails; the status names the inputs that failed and what was
 * refused (unreadable lines, times in the future).
 */
export function deploysSource(profile: Profile, scope: ScopeGetter, clock: Clock, opts: DeploysSourceOptions = {}): DeploysSource | null {
  const d = profile.deploys;
  const api = profile.prometheus && d.queries.length > 0 ? (opts.api ?? new PrometheusApi(profile.prometheus)) : undefined;
  if (!api && !d.file && !d.command && !d.logPattern) return null;
  const secrets = [profile.prometheus, profile.alertmanager, profile.logs.loki].flatMap((t) => t?.secrets ?? []);
  const run = opts.run ?? runCommandOnce;
  const readFile = opts.readFile ?? readFileTail;
  const commandName = d.command ? (d.command.trim().split(/\s+/)[0].split('/').at(-1) ?? 'command') : 'command';
  let pattern: RegExp | null = null;
  let patternProblem: string | null = null;
  if (d.logPattern) {
    try {
      pattern = new RegExp(d.logPattern);
    } catch (err) {
      patternProblem = `log pattern: ${messageOf(err)}`;
    }
  }
  const literal = pattern && BlockLiteral.of(pattern);
  let emit: Emit = () => undefined;
  const known = new Map<string, DeployMarker[]>();
  const problems = new Map<string, string>();
  let logMarkers: DeployMarker[] = [];
  let commandRanAt = -Infinity;
  // Per deploy query: refreshes in a row without a series. A query that reaches EMPTY_ROUNDS_BEFORE_RETIRING asks
  // nothing more, so a Prometheus without kube-state-metrics, Argo CD or Flux pays for three queries and no more.
  const emptyRounds = d.queries.map(() => 0);
  const asked = (i: number) => emptyRounds[i] < EMPTY_ROUNDS_BEFORE_RETIRING;

  const status = (state: SourceState, error: string | null, latencyMs?: number) =>
    emit({ type: 'status', source: DEPLOYS_SOURCE, kind: 'deploys', at: clock.now(), state, error, latencyMs });

  const publish = () => {
    const now = clock.now();
    const all = [...known.values(), logMarkers].flat();
    emit({ type: 'deploys', source: DEPLOYS_SOURCE, at: now, deploys: mergeMarkers(markersInWindow(all, now - scope().windowMs, now + FUTURE_TOLERANCE_MS), 0) });
  };

  // Whether an input (a query, the file) answered in the round under way: a round in which none did publishes nothing,
  // so that the screen shows the last list for what it is (its age) and never a list nothing sent as fresh.
  let answered = false;

  const fromQueries = async (client: PrometheusApi, signal: AbortSignal): Promise<number> => {
    const s = scope();
    const stepMs = stepForWidth(s.windowMs, s.columns);
    // Aligned to the step like the error rate (caches answer it), one step before the window so a change at the first
    // visible step is seen as a change. A deploy in the newest, unfinished step shows once that step is whole.
    const { start, end, step } = alignedRange(clock.now(), s.windowMs, stepMs, 1);
    const vars = { service: s.service, pod: s.pod, windowMs: s.windowMs, stepMs, scrapeIntervalMs: profile.scrapeIntervalMs };
    const results = await Promise.allSettled(d.queries.map((q, i) => (asked(i) ? client.queryRange(expandQuery(q, vars), start, end, step, signal) : Promise.resolve(null))));
    let latency = 0;
    results.forEach((r, i) => {
      const key = `query ${i + 1}`;
      if (r.status === 'fulfilled') {
        // A query no longer asked had no series three rounds in a row: that is still what it knows.
        answered = true;
        if (r.value === null) return;
        emptyRounds[i] = r.value.data.length === 0 ? emptyRounds[i] + 1 : 0;
        latency = Math.max(latency, r.value.latencyMs);
        known.set(key, markersFromSeries(r.value.data, 'prometheus', { kind: queryKind(d.queries[i]), includeFailed: opts.includeFailedSyncs, rangeStartS: start }));
        problems.delete(key);
      } else problems.set(key, `${d.queries.length > 1 ? `${key}: ` : 'query: '}${messageOf(r.reason)}`);
    });
    return latency;
  };

  const readText = (key: 'file' | 'command', got: { ok: true; text: string } | { ok: false; reason: string }, source: string): void => {
    if (!got.ok) {
      problems.set(key, `${key}: ${got.reason}`);
      return;
    }
    if (key === 'file') answered = true;
    const parsed = parseDeployOutput(got.text, clock.now(), source);
    const refused = describeRefused(parsed);
    if (parsed.markers.length === 0 && parsed.garbage > 0) {
      const table = /REVISION\s+CHANGE-CAUSE/.test(got.text) ? ' (kubectl printed a table: add -o json)' : '';
      problems.set(key, `${key}: nothing usable, ${refused}${table}`);
      return;
    }
    known.set(key, parsed.markers);
    if (refused) problems.set(key, `${key}: skipped ${refused}`);
    else problems.delete(key);
  };

  let lastLatency: number | undefined;
  const report = (): SourceState => {
    const reasons = [...problems.values(), ...(patternProblem ? [patternProblem] : [])];
    const inputs = (api ? d.queries.filter((_q, i) => asked(i)).length : 0) + (d.file ? 1 : 0) + (d.command ? 1 : 0);
    const failed = [...problems.values()].filter((p) => !/: skipped /.test(p)).length;
    const state: SourceState = inputs > 0 && failed >= inputs ? 'down' : reasons.length > 0 ? 'degraded' : 'up';
    status(state, reasons.length ? reasons.join('; ') : null, lastLatency);
    return state;
  };

  let commandBusy: AbortController | null = null;
  let commandDone: Promise<void> = Promise.resolve();
  let commandAnswered = false;
  // The command runs beside the rounds, so a slow kubectl never holds up the query markers.
  const startCommand = (command: string, vars: { service: string; pod: string }) => {
    commandRanAt = clock.now();
    const controller = new AbortController();
    commandBusy = controller;
    commandDone = run(command, { vars, signal: controller.signal, secrets, timeoutMs: opts.commandTimeoutMs ?? 15_000 }).then((r) => {
      if (commandBusy === controller) commandBusy = null;
      if (controller.signal.aborted) return;
      commandAnswered = true;
      readText('command', r.ok ? { ok: true, text: r.stdout } : r, commandName);
      publish();
      report();
    });
  };

  const round = async (signal: AbortSignal): Promise<void> => {
    const names = { service: scope().service, pod: scope().pod };
    answered = false;
    if (d.command && !commandBusy && clock.now() - commandRanAt >= (opts.commandEveryMs ?? 30_000)) startCommand(d.command, { service: names.service, pod: names.pod ?? '.+' });
    const [latency] = await Promise.all([
      api ? fromQueries(api, signal) : Promise.resolve(undefined),
      d.file ? readFile(expandNames(d.file, names)).then((t) => readText('file', t, 'file')) : undefined,
    ]);
    if (signal.aborted) return;
    if (latency !== undefined) lastLatency = Math.round(latency);
    // With no input to ask (markers from log lines only) every round slides the window over what the lines gave.
    if (answered || (!api && !d.file && !d.command)) publish();
    // The first status waits for the command's first answer, so it speaks for every input (and --once sees them all);
    // the query markers above are already shown meanwhile.
    if (d.command && (!commandAnswered || opts.waitForCommand)) {
      await commandDone;
      if (signal.aborted || !commandAnswered) return;
    }
    if (report() === 'down') throw new Error([...problems.values()].join('; '));
  };

  const poller = new Poller(round, { intervalMs: () => profile.refreshMs, clock });
  return {
    name: DEPLOYS_SOURCE,
    kind: 'deploys',
    start(e) {
      emit = e;
      status('connecting', null);
      poller.start();
    },
    async stop() {
      commandBusy?.abort();
      await Promise.all([poller.stop(), commandDone]);
    },
    refresh: () => poller.kick(),
    restart: () => {
      // Another service or window may have deploys where this one had none: every query is asked again, and what
      // the inputs said for the old scope is not sent again as the new one's.
      emptyRounds.fill(0);
      known.clear();
      commandBusy?.abort();
      commandBusy = null;
      commandRanAt = -Infinity;
      commandAnswered = false;
      poller.restart();
    },
    noteLines(lines) {
      if (!pattern) return;
      const found: DeployMarker[] = [];
      for (const l of lines) {
        // During a burst most lines come packed: a block without the pattern's literal start is not decoded line by line.
        if (literal !== null && !literal.mayHold(l)) continue;
        const m = deployMarkerFromLine(l, pattern);
        if (m !== null) found.push(m);
      }
      if (found.length === 0) return;
      logMarkers = mergeMarkers([...logMarkers, ...found], 0).slice(-MAX_LOG_MARKERS);
      publish();
    },
  };
}
