// Runs a short command to completion (no shell by default) with a timeout and an output cap; never throws.
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { redact } from '../model/session/redact.js';
import { formatDelay } from './backoff.js';
import { terminateGroup, trackGroup } from './process-group.js';
import { expandShellTemplate, splitArgv, type TemplateVars } from './logs/split-argv.js';

/** How a child process is started; node's spawn by default. */
export type SpawnOnce = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

/** Settings for one run; durations in milliseconds, sizes in bytes. */
export interface RunOnceOptions {
  shell?: boolean;
  /** Values of the command's placeholders ($service, $pod): each becomes one argument, or one quoted shell word. */
  vars?: TemplateVars;
  /** Whole run limit; the process group is terminated after it (default 15000). */
  timeoutMs?: number;
  /** Largest stdout kept (default 4 MiB); beyond it the run fails. */
  maxBytes?: number;
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  spawn?: SpawnOnce;
  /** Strings removed from every reason (tokens the command line carries). */
  secrets?: readonly string[];
}

/** The outcome: stdout when the command exited 0, else a readable reason (with the last stderr line). */
export type RunOnceResult = { ok: true; stdout: string } | { ok: false; reason: string };

/** Runs `command` once; resolves with its stdout or a reason, never rejects. */
export function runCommandOnce(command: string, o: RunOnceOptions = {}): Promise<RunOnceResult> {
  let argv: string[];
  try {
    argv = o.shell ? ['/bin/sh', '-c', expandShellTemplate(command, o.vars ?? {})] : splitArgv(command, o.vars);
  } catch (err) {
    return Promise.resolve({ ok: false, reason: (err as Error).message });
  }
  if (argv.length === 0) return Promise.resolve({ ok: false, reason: 'empty command' });
  const program = argv[0];
  const max = o.maxBytes ?? 4 * 1024 * 1024;
  const safe = (text: string) => redact(text, o.secrets ?? []);
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = (o.spawn ?? process.getBuiltinModule('node:child_process').spawn)(program, argv.slice(1), { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: o.env ?? process.env, cwd: o.cwd });
    } catch (err) {
      resolve({ ok: false, reason: safe(startFailure(err, program)) });
      return;
    }
    const out: Buffer[] = [];
    let size = 0;
    let stderr = '';
    let failure: string | null = null;
    let settled = false;
    const untrack = child.pid !== undefined ? trackGroup(child.pid) : () => false;
    const stop = (why: string) => {
      failure ??= why;
      if (child.pid !== undefined) void terminateGroup(child.pid, 1000);
    };
    const timer = setTimeout(() => stop(`timed out after ${formatDelay(o.timeoutMs ?? 15_000)}`), o.timeoutMs ?? 15_000);
    timer.unref?.();
    const onAbort = () => stop('canceled');
    o.signal?.addEventListener('abort', onAbort, { once: true });
    const finish = (result: RunOnceResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
      untrack();
      resolve(result);
    };
    child.stdout?.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) stop(`printed more than ${Math.round(max / 1024)} KiB`);
      else out.push(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + String(chunk)).slice(-4096);
    });
    child.on('error', (err) => {
      if (child.pid === undefined) finish({ ok: false, reason: safe(startFailure(err, program)) });
    });
    child.on('close', (code, sig) => {
      // Whatever the command left running in its group goes with it.
      if (child.pid !== undefined) void terminateGroup(child.pid, 1000);
      const last = stderr.trim().split('\n').at(-1)?.slice(0, 200) ?? '';
      const tail = last ? ` (stderr: ${last})` : '';
      if (failure) finish({ ok: false, reason: safe(`${program}: ${failure}${tail}`) });
      else if (code === 0) finish({ ok: true, stdout: Buffer.concat(out).toString('utf8') });
      else finish({ ok: false, reason: safe(`${program}: ${sig ? `killed by ${sig}` : `exited with code ${code}`}${tail}`) });
    });
  });
}

function startFailure(err: unknown, program: string): string {
  const code = (err as { code?: string }).code;
  if (code === 'ENOENT') return `${program}: command not found`;
  if (code === 'EACCES') return `${program}: permission denied`;
  return `${program}: could not start (${code ?? (err as Error).message})`;
}
