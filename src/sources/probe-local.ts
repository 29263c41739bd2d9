// Local probes for `incident doctor`: log files and globs exist and are readable, commands are found on PATH (not run).
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { oneLine, type CheckResult } from '../model/session/doctor-check.js';
import { redact } from '../model/session/redact.js';
import { expandGlob, hasGlob } from './logs/log-glob.js';
import { splitArgv, type TemplateVars } from './logs/split-argv.js';

/** Where relative paths start, the PATH to search, and a clock (milliseconds) for latency. */
export interface LocalProbeOptions {
  cwd: string;
  path: string;
  now?: () => number;
}

const errCode = (err: unknown) => (err as NodeJS.ErrnoException)?.code ?? 'error';

async function readable(file: string): Promise<string | null> {
  try {
    await access(file, constants.R_OK);
    return null;
  } catch (err) {
    return errCode(err);
  }
}

/** One plain file: it exists, is a regular file and can be read. */
async function fileDetail(file: string): Promise<{ ok: boolean; detail: string }> {
  let info;
  try {
    info = await stat(file);
  } catch (err) {
    const code = errCode(err);
    return { ok: false, detail: code === 'ENOENT' ? 'no such file' : `cannot stat (${code})` };
  }
  if (!info.isFile()) return { ok: false, detail: info.isDirectory() ? 'is a directory (use a glob such as dir/*.log)' : 'not a regular file' };
  const denied = await readable(file);
  if (denied) return { ok: false, detail: `not readable (${denied})` };
  return { ok: true, detail: `readable, ${info.size} bytes` };
}

/** A log file, a glob, or "-" (standard input, which only exists when watch runs). */
export async function probeLogFile(check: string, pattern: string, o: LocalProbeOptions): Promise<CheckResult> {
  const now = o.now ?? (() => performance.now());
  const started = now();
  const done = (ok: boolean, detail: string): CheckResult => ({ check, target: pattern, ok, latencyMs: Math.round(now() - started), detail });
  if (pattern === '-') return { check, target: '-', ok: true, latencyMs: null, detail: 'standard input, read when watch runs with a pipe' };
  if (!hasGlob(pattern)) {
    const r = await fileDetail(isAbsolute(pattern) ? pattern : resolve(o.cwd, pattern));
    return done(r.ok, r.detail);
  }
  const files = await expandGlob(pattern, { cwd: o.cwd, maxMatches: 1000 });
  if (files.length === 0) return done(false, 'no file matches');
  const denied: string[] = [];
  for (const f of files) {
    const code = await readable(f);
    if (code) denied.push(`${f} (${code})`);
  }
  const many = files.length >= 1000 ? '1000+' : String(files.length);
  if (denied.length > 0) return done(false, `${denied.length} of ${many} matching files not readable, first: ${denied[0]}`);
  return done(true, `${many} ${files.length === 1 ? 'file matches' : 'files match'}, all readable`);
}

/** The absolute path of `program` found on `path` (or relative to cwd when it has a slash), or null. */
export async function findProgram(program: string, o: Pick<LocalProbeOptions, 'cwd' | 'path'>): Promise<string | null> {
  const candidates = program.includes('/')
    ? [isAbsolute(program) ? program : resolve(o.cwd, program)]
    : o.path.split(delimiter).filter(Boolean).map((dir) => join(dir, program));
  for (const file of candidates) {
    try {
      await access(file, constants.X_OK);
      if ((await stat(file)).isFile()) return file;
    } catch {
      // keep looking
    }
  }
  return null;
}

/**
 * A command line: its program is found on PATH without running it; `secrets` are removed from what is shown, and
 * `vars` fill the template's placeholders ($service, $pod) as the console would.
 */
export async function probeCommand(check: string, cmd: string, shell: boolean, o: LocalProbeOptions, secrets: readonly string[] = [], vars?: TemplateVars): Promise<CheckResult> {
  const now = o.now ?? (() => performance.now());
  const started = now();
  let words: string[];
  try {
    words = shell ? cmd.trim().split(/\s+/) : splitArgv(cmd, vars);
  } catch (err) {
    return { check, target: '(command)', ok: false, latencyMs: null, detail: oneLine(redact((err as Error).message, secrets)) };
  }
  const program = words[0] ?? '';
  const done = (ok: boolean, detail: string): CheckResult => ({ check, target: redact(program, secrets), ok, latencyMs: Math.round(now() - started), detail: oneLine(redact(detail, secrets)) });
  if (program === '') return done(false, 'empty command');
  if (shell && !/^[\w./+-]+$/.test(program)) {
    const sh = await findProgram('/bin/sh', o);
    return sh ? done(true, 'run by /bin/sh; its program is not checked') : done(false, '/bin/sh not found');
  }
  const found = await findProgram(program, o);
  if (!found) return done(false, program.includes('/') ? 'not found or not executable' : 'not found on PATH');
  return done(true, found);
}
