// Wires sources into the store: starts them in parallel, follows scope changes, stops everything on exit.
import type { Profile } from '../config/profile.js';
import { LogBuffer } from '../model/logs/log-buffer.js';
import { PipelineTracker } from '../model/pipeline/pipeline-health.js';
import type { LogLine } from '../model/logs/log-line.js';
import type { PolledSource, Source } from '../sources/source.js';
import type { Clock } from '../model/session/clock.js';
import type { QueryScope } from '../sources/metrics/query-scope.js';
import { Store } from './store.js';

/** Builds the sources for a profile and scope; injected so tests and replay can use their own. */
export type SourceFactory = (profile: Profile, scope: () => QueryScope, clock: Clock) => Source[];

/** Runtime settings. */
export interface RuntimeOptions {
  profile: Profile;
  service: string;
  pod?: string;
  clock: Clock;
  /** Chart plot width in columns, read at every query. */
  columns: () => number;
  sources: SourceFactory;
  /** The log buffer `lines` events feed (none: lines only count towards source state). */
  logs?: LogBuffer;
}

const isPolled = (s: Source): s is PolledSource => typeof (s as PolledSource).restart === 'function';

/** A source that wants to see parsed log lines (the deploys source's log pattern). */
interface LineObserver extends Source {
  noteLines(lines: readonly LogLine[]): void;
}
const observesLines = (s: Source): s is LineObserver => typeof (s as LineObserver).noteLines === 'function';

/** The running console's engine (no UI). */
export class ConsoleRuntime {
  readonly store: Store;
  /** The log lines every log source feeds, bounded by the profile's buffer size. */
  readonly logs: LogBuffer;
  /** Pipeline components seen by any source, with rates and verdicts. */
  readonly pipeline: PipelineTracker;
  readonly sources: Source[];
  private scope: QueryScope;
  private started = false;

  constructor(private readonly opts: RuntimeOptions) {
    this.logs = opts.logs ?? new LogBuffer({ capacity: opts.profile.logs.bufferLines, reorderWindowMs: opts.profile.logs.reorderWindowMs });
    this.pipeline = new PipelineTracker({ thresholds: { ...opts.profile.pipeline, refreshMs: opts.profile.refreshMs } });
    this.store = new Store(opts.clock, 33, this.logs, this.pipeline);
    this.scope = { service: opts.service, pod: opts.pod, windowMs: opts.profile.windowMs, columns: opts.columns() };
    this.sources = opts.sources(opts.profile, () => ({ ...this.scope, columns: opts.columns() }), opts.clock);
    const observers = this.sources.filter(observesLines);
    if (observers.length) this.store.tap((e) => e.type === 'lines' && observers.forEach((o) => o.noteLines(e.lines)));
  }

  /** The current scope. */
  get currentScope(): QueryScope {
    return { ...this.scope, columns: this.opts.columns() };
  }

  /** Starts every source in parallel. */
  start(): void {
    if (this.started) return;
    this.started = true;
    for (const s of this.sources) s.start(this.store.apply);
  }

  /** Changes the window (ms): in-flight queries are cancelled and re-run. */
  setWindow(windowMs: number): void {
    if (windowMs === this.scope.windowMs) return;
    this.scope = { ...this.scope, windowMs };
    for (const s of this.sources) if (isPolled(s)) s.restart();
  }

  /** Changes service or pod scope; metric queries re-run at once. */
  setScope(service: string, pod?: string): void {
    if (service === this.scope.service && pod === this.scope.pod) return;
    this.scope = { ...this.scope, service, pod };
    this.store.forgetScoped();
    for (const s of this.sources) if (isPolled(s)) s.restart();
  }

  /** Asks every polled source for a fresh round now. */
  refreshNow(): void {
    for (const s of this.sources) if (isPolled(s)) s.refresh();
  }

  /** Stops every source; resolves when timers, requests and children are gone. */
  async stop(): Promise<void> {
    await Promise.allSettled(this.sources.map((s) => s.stop()));
  }
}
