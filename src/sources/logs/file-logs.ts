// `--logs PATH`: one followed file, or for a glob one followed file per match, re-expanded so new files are picked up.
import { resolve } from 'node:path';
import type { Emit } from '../../model/console-state/events.js';
import { expandGlob, hasGlob, type GlobFs } from './log-glob.js';
import type { LogSourceStats } from './log-source-stats.js';
import type { Source } from '../source.js';
import { systemClock } from '../system-clock.js';
import { assignSourceNames } from '../source-names.js';
import { StatusTracker } from '../status-tracker.js';
import { fileIdentity, nodeTailFs } from './tail-fs.js';
import { TailFileSource, type TailFileOptions } from './tail-file.js';

/** Settings for `--logs`; durations in milliseconds. */
export interface FileLogsOptions extends Omit<TailFileOptions, 'path' | 'name' | 'startAt'> {
  /** A path or a glob such as `/var/log/app/*.log`. */
  pattern: string;
  /** Directory relative patterns start from (default: the working directory). */
  cwd?: string;
  /** How often a glob is expanded again (default 2000). */
  rescanMs?: number;
  /** Most files followed at once (default 64). */
  maxFiles?: number;
  globFs?: GlobFs;
}

const MAX_REMEMBERED = 4096;

/** A source following every file a glob matches; each file's events carry its own name. */
export class GlobLogsSource implements Source {
  readonly name: string;
  readonly kind = 'file';
  private readonly children = new Map<string, TailFileSource>();
  private readonly names = new Map<string, string>();
  private readonly remembered = new Set<string>();
  private readonly clock;
  private readonly tailFs;
  private emit: Emit = () => undefined;
  private status: StatusTracker | undefined;
  private timer: unknown;
  private scanning: Promise<void> | null = null;
  private stopped = true;
  private scans = 0;

  constructor(private readonly opts: FileLogsOptions) {
    this.name = opts.pattern;
    this.clock = opts.clock ?? systemClock;
    this.tailFs = opts.fs ?? nodeTailFs;
  }

  /** Expands the glob at once and follows what matches. */
  start(emit: Emit): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.emit = emit;
    this.status = new StatusTracker(this.name, this.kind, emit, () => this.clock.now());
    this.status.set('connecting');
    this.tick();
  }

  /** Stops every followed file. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    await this.scanning;
    await Promise.all([...this.children.values()].map((c) => c.stop()));
    this.children.clear();
  }

  /** Expands the glob now and reconciles the followed files; resolves when done. */
  async rescan(): Promise<void> {
    while (this.scanning) await this.scanning;
    if (this.stopped) return;
    this.scanning = this.reconcile().finally(() => {
      this.scanning = null;
    });
    await this.scanning;
  }

  /** Paths currently followed, with their source names. */
  followed(): Array<{ path: string; name: string }> {
    return [...this.children.keys()].map((path) => ({ path, name: this.names.get(path) ?? path }));
  }

  /** The file sources currently running, for checks in tests and for stats. */
  sources(): TailFileSource[] {
    return [...this.children.values()];
  }

  /** Counters summed over every followed file. */
  stats(): LogSourceStats {
    return this.sources().reduce(
      (sum, s) => ({ linesRead: sum.linesRead + s.stats().linesRead, linesCut: sum.linesCut + s.stats().linesCut }),
      { linesRead: 0, linesCut: 0 },
    );
  }

  private tick(): void {
    this.timer = undefined;
    void this.rescan()
      .catch(() => undefined)
      .then(() => {
        if (!this.stopped) this.timer = this.clock.setTimeout(() => this.tick(), this.opts.rescanMs ?? 2000);
      });
  }

  private async reconcile(): Promise<void> {
    const maxFiles = this.opts.maxFiles ?? 64;
    const matches = await expandGlob(this.opts.pattern, { cwd: this.opts.cwd, fs: this.opts.globFs, maxMatches: maxFiles + 1 });
    const initial = this.scans === 0;
    this.scans += 1;
    const open = new Set(this.sources().flatMap((s) => s.identities()));
    for (const id of open) this.remember(id);
    const current = new Set(matches.slice(0, maxFiles));
    for (const [path, child] of this.children) {
      if (current.has(path) || child.identities().length > 0) continue;
      this.children.delete(path);
      await child.stop();
    }
    const added: Array<{ path: string; known: boolean }> = [];
    for (const path of current) {
      if (this.children.has(path) || this.children.size + added.length >= maxFiles) continue;
      const id = await this.tailFs.stat(path).then(fileIdentity, () => null);
      // A file another follower still has open (rotated away and draining) is picked up once that one lets go.
      if (id === null || open.has(id)) continue;
      added.push({ path, known: this.remembered.has(id) });
    }
    const fresh = added.filter((a) => !this.names.has(a.path)).map((a) => a.path);
    const taken = new Map([...this.names].map(([path, name]) => [name, path] as [string, string]));
    for (const [path, name] of assignSourceNames(fresh, taken)) this.names.set(path, name);
    for (const { path, known } of added) this.follow(path, initial, known);
    this.report(matches.length);
  }

  private follow(path: string, initial: boolean, known: boolean): void {
    // Files present at start show their last lines; files that appear later are read from their start,
    // unless they are a file already read under another name (a rotation), which resumes at its end.
    const startAt = initial || known ? 'end' : 'start';
    const child = new TailFileSource({
      ...this.opts,
      path,
      name: this.names.get(path),
      startAt,
      backfillLines: known ? 0 : this.opts.backfillLines,
    });
    this.children.set(path, child);
    child.start(this.emit);
  }

  private remember(id: string): void {
    this.remembered.add(id);
    if (this.remembered.size > MAX_REMEMBERED) this.remembered.delete(this.remembered.values().next().value as string);
  }

  private report(matched: number): void {
    const maxFiles = this.opts.maxFiles ?? 64;
    if (matched === 0) this.status?.set('connecting', `no file matches ${this.opts.pattern} yet; looking again`);
    else if (matched > maxFiles) this.status?.set('degraded', `more than ${maxFiles} files match ${this.opts.pattern}; following the first ${maxFiles}`);
    else this.status?.set('up');
  }
}

/** `--logs PATH`: a TailFileSource for a plain path, a GlobLogsSource when the path has `*` or `?`. */
export function fileLogs(opts: FileLogsOptions): TailFileSource | GlobLogsSource {
  if (hasGlob(opts.pattern)) return new GlobLogsSource(opts);
  return new TailFileSource({ ...opts, path: opts.cwd ? resolve(opts.cwd, opts.pattern) : opts.pattern });
}
