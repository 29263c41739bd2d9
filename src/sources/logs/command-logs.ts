// `--logs-cmd`: runs a command (without a shell unless asked), reads its output as log lines, restarts it when it exits.
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { basename } from 'node:path';
import type { Emit } from '../../model/console-state/events.js';
import { DEFAULT_BACKOFF, backoffDelay, formatDelay, type BackoffPolicy } from '../backoff.js';
import { isKubectlLogs, kubectlResumeArgv } from './kubectl-resume.js';
import { LineBatcher, type ParseLine } from './line-batcher.js';
import { LineSplitter } from './line-splitter.js';
import type { LogSourceStats } from './log-source-stats.js';
import { terminateGroup, trackGroup } from '../process-group.js';
import { RecentLines } from './recent-lines.js';
import type { Source } from '../source.js';
import type { Clock } from '../../model/session/clock.js';
import { sleep, systemClock } from '../system-clock.js';
import { expandShellTemplate, splitArgv, type TemplateVars } from './split-argv.js';
import { StatusTracker } from '../status-tracker.js';

/** How a child process is started; node's spawn by default. */
export type SpawnFn = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

/** Settings for one log command; durations in milliseconds. */
export interface CommandLogsOptions {
  /** The command line, e.g. `kubectl logs -f -l app=$service --prefix`. */
  command: string;
  /** Values of the command's placeholders ($service, $pod): each becomes one argument, or one quoted shell word. */
  vars?: TemplateVars;
  /** Run through `/bin/sh -c` so pipes and variables work (default false). */
  shell?: boolean;
  /** Source name; by default the program's base name and its first argument ("kubectl logs"). */
  name?: string;
  parse: ParseLine;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  spawn?: SpawnFn;
  clock?: Clock;
  backoff?: BackoffPolicy;
  /** A run at least this long resets the backoff (default 10000). */
  stableAfterMs?: number;
  /** Wait between SIGTERM and SIGKILL when stopping (default 2000). */
  killGraceMs?: number;
  /** No output for this long marks the stream suspect and restarts it (default 0: off). */
  silenceMs?: number;
  /** How long a stderr line keeps the state degraded (default 10000). */
  degradedHoldMs?: number;
  /** Strings removed from every status reason (tokens the command line carries). */
  secrets?: readonly string[];
  maxLineBytes?: number;
  batchLines?: number;
  batchMs?: number;
}

interface Run {
  child: ChildProcess;
  startedAt: number;
  ended: boolean;
  exit: string | null;
  silenced: boolean;
  out: LineSplitter;
  err: LineSplitter;
  closed: Promise<void>;
  untrack: () => void;
}

/** A log source fed by a long-running command. */
export class CommandLogsSource implements Source {
  readonly name: string;
  readonly kind = 'command';
  private readonly argv: string[];
  private readonly clock: Clock;
  private readonly spawn: SpawnFn;
  private run: Run | null = null;
  private stopped = true;
  private timer: unknown;
  private silenceTimer: unknown;
  private attempt = 0;
  private runs = 0;
  private lastOutputAt = 0;
  private lastLineAt: number | null = null;
  private lastStderrAt = -Infinity;
  private lastStderr = '';
  private readonly recent = new RecentLines(256);
  private skipRepeats = false;
  private batcher: LineBatcher | undefined;
  private status: StatusTracker | undefined;
  private linesRead = 0;
  private linesCut = 0;

  constructor(private readonly o: CommandLogsOptions) {
    this.argv = o.shell ? ['/bin/sh', '-c', expandShellTemplate(o.command, o.vars ?? {})] : splitArgv(o.command, o.vars);
    const words = o.shell ? o.command.trim().split(/\s+/) : this.argv;
    this.name = o.name ?? [basename(words[0]), ...words.slice(1, 2).filter((w) => /^[\w.-]+$/.test(w) && !w.startsWith('-'))].join(' ');
    this.clock = o.clock ?? systemClock;
    this.spawn = o.spawn ?? ((cmd, args, opts) => process.getBuiltinModule('node:child_process').spawn(cmd, args, opts));
  }

  /** Starts the command. */
  start(emit: Emit): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.batcher = new LineBatcher({ source: this.name, emit, clock: this.clock, maxLines: this.o.batchLines, flushMs: this.o.batchMs });
    this.status = new StatusTracker(this.name, this.kind, emit, () => this.clock.now(), this.o.secrets);
    this.status.set('connecting');
    this.launch();
  }

  /** Stops restarting, terminates the whole process group (SIGTERM, then SIGKILL) and emits what was read. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimers();
    const run = this.run;
    if (run) {
      if (run.child.pid !== undefined) await terminateGroup(run.child.pid, this.o.killGraceMs ?? 2000, this.clock);
      await Promise.race([run.closed, sleep(this.clock, 2000)]);
    }
    this.batcher?.flush();
  }

  /** Process id of the running command (also its process group id), if one is running. */
  get pid(): number | undefined {
    return this.run?.ended === false ? this.run.child.pid : undefined;
  }

  /** Counters since start. */
  stats(): LogSourceStats {
    return { linesRead: this.linesRead, linesCut: this.linesCut };
  }

  private argvForRun(): string[] {
    const resume = !this.o.shell && this.runs > 0 && this.lastLineAt !== null && isKubectlLogs(this.argv);
    this.skipRepeats = resume;
    // A second of overlap: lines seen again are skipped, lines logged just before the restart are not lost.
    return resume ? kubectlResumeArgv(this.argv, (this.lastLineAt as number) - 1000) : this.argv;
  }

  private launch(): void {
    this.timer = undefined;
    if (this.stopped) return;
    const argv = this.argvForRun();
    this.runs += 1;
    const now = this.clock.now();
    let child: ChildProcess;
    try {
      child = this.spawn(argv[0], argv.slice(1), { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: this.o.env ?? process.env, cwd: this.o.cwd });
    } catch (err) {
      this.scheduleRestart(now, spawnFailure(err, argv[0]));
      return;
    }
    let closed!: () => void;
    const run: Run = {
      child,
      startedAt: now,
      ended: false,
      exit: null,
      silenced: false,
      out: new LineSplitter(this.o.maxLineBytes),
      err: new LineSplitter(this.o.maxLineBytes),
      closed: new Promise<void>((r) => (closed = r)),
      untrack: child.pid !== undefined ? trackGroup(child.pid) : () => false,
    };
    this.run = run;
    this.lastOutputAt = now;
    child.on('spawn', () => this.status?.set('up'));
    child.stdout?.on('data', (chunk: Buffer) => run.out.push(chunk, this.onOut));
    child.stderr?.on('data', (chunk: Buffer) => run.err.push(chunk, this.onErr));
    child.on('error', (err) => {
      if (child.pid === undefined) this.finish(run, spawnFailure(err, argv[0]), closed);
    });
    child.on('exit', (code, signal) => {
      if (!run.silenced) run.exit = signal ? `killed by ${signal}` : `exited with code ${code}`;
      // Whatever the command left running in its group goes with it.
      if (child.pid !== undefined) void terminateGroup(child.pid, this.o.killGraceMs ?? 2000, this.clock);
    });
    child.on('close', () => this.finish(run, run.exit ?? 'exited', closed));
    this.armSilence();
  }

  private finish(run: Run, reason: string, closed: () => void): void {
    if (run.ended) return;
    run.ended = true;
    run.untrack();
    for (const [splitter, onLine] of [[run.out, this.onOut], [run.err, this.onErr]] as const) {
      const rest = splitter.flush();
      if (rest !== null) onLine(rest);
      this.linesCut += splitter.cutLines;
    }
    if (this.run === run) this.run = null;
    closed();
    if (this.stopped) return;
    this.batcher?.flush();
    if (run.silenced) {
      // Restarted on purpose after a silence: at once, and the degraded status already says why.
      this.clearTimers();
      this.timer = this.clock.setTimeout(() => this.launch(), 0);
    } else this.scheduleRestart(run.startedAt, reason);
  }

  private scheduleRestart(startedAt: number, reason: string): void {
    if (this.clock.now() - startedAt >= (this.o.stableAfterMs ?? 10_000)) this.attempt = 0;
    const delay = backoffDelay(this.attempt, this.o.backoff ?? DEFAULT_BACKOFF);
    this.attempt += 1;
    const last = this.lastStderr ? ` (stderr: ${this.lastStderr})` : '';
    this.lastStderr = '';
    this.status?.set('down', `${reason}, restarting in ${formatDelay(delay)}${last}`);
    this.clearTimers();
    this.timer = this.clock.setTimeout(() => this.launch(), delay);
  }

  private armSilence(): void {
    const limit = this.o.silenceMs ?? 0;
    if (limit <= 0 || this.stopped) return;
    if (this.silenceTimer !== undefined) this.clock.clearTimeout(this.silenceTimer);
    const wait = Math.max(1, this.lastOutputAt + limit - this.clock.now());
    this.silenceTimer = this.clock.setTimeout(() => this.checkSilence(limit), wait);
  }

  private checkSilence(limit: number): void {
    this.silenceTimer = undefined;
    const run = this.run;
    if (!run || run.ended || this.stopped) return;
    if (this.clock.now() - this.lastOutputAt < limit) {
      this.armSilence();
      return;
    }
    run.silenced = true;
    this.status?.set('degraded', `no output for ${formatDelay(limit)}; the stream may be stale, restarting it`);
    if (run.child.pid !== undefined) void terminateGroup(run.child.pid, this.o.killGraceMs ?? 2000, this.clock);
  }

  private clearTimers(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    if (this.silenceTimer !== undefined) this.clock.clearTimeout(this.silenceTimer);
    this.timer = undefined;
    this.silenceTimer = undefined;
  }

  private readonly onOut = (text: string): void => {
    const now = this.clock.now();
    this.lastOutputAt = now;
    if (this.skipRepeats && this.recent.has(text)) return;
    this.skipRepeats = false;
    this.recent.add(text);
    const line = this.o.parse(text, this.name, now);
    this.lastLineAt = Math.max(this.lastLineAt ?? 0, line.timed ? Math.min(line.at, now) : now);
    this.linesRead += 1;
    this.batcher?.push(line);
    if (this.status?.state === 'degraded' && now - this.lastStderrAt >= (this.o.degradedHoldMs ?? 10_000)) this.status.set('up');
  };

  private readonly onErr = (text: string): void => {
    const now = this.clock.now();
    this.lastStderrAt = now;
    this.lastOutputAt = now;
    this.lastStderr = text.length > 200 ? `${text.slice(0, 200)}…` : text;
    this.status?.set('degraded', `stderr: ${this.lastStderr}`);
    this.linesRead += 1;
    this.batcher?.push(this.o.parse(text, this.name, now));
  };
}

function spawnFailure(err: unknown, program: string): string {
  const code = (err as { code?: string }).code;
  if (code === 'ENOENT') return `${program}: command not found`;
  if (code === 'EACCES') return `${program}: permission denied`;
  return `${program}: could not start (${code ?? (err as Error).message})`;
}

/** Builds the source for `--logs-cmd`; throws ArgvError (code INC_ARGV_*) for a command line that cannot be split. */
export function commandLogs(opts: CommandLogsOptions): CommandLogsSource {
  return new CommandLogsSource(opts);
}
