// The `incident` executable: runs the program, compiled once per version of it and of Node. The program (everything
// else in src/, bundled as one CommonJS script) travels inside this file as text; V8's compiled code for it is kept
// in the user's cache directory, keyed by the program's hash, Node's version and the CPU architecture, so every start
// after the first skips parsing and compiling it. A missing, unreadable or stale cache only costs that compilation.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { key } from 'incident:program';

/** Where compiled code is kept: $XDG_CACHE_HOME/incident, else ~/.cache/incident; null when turned off. */
function cacheDir(env: NodeJS.ProcessEnv): string | null {
  if (env.INCIDENT_CODE_CACHE === '0') return null;
  const base = env.XDG_CACHE_HOME || (homedir() ? join(homedir(), '.cache') : '');
  return base ? join(base, 'incident') : null;
}

function readCache(file: string | null): Buffer | undefined {
  if (!file) return undefined;
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Writes the compiled code next to its final name, then renames it there, so a reader never sees half a file. */
function writeCache(file: string, data: Buffer): void {
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, data, { mode: 0o600 });
    renameSync(partial, file);
  } catch {
    // A read-only or full cache directory only means the next start compiles again.
  }
}

/**
 * The program: the text after the marker line at the end of this file, up to the comment's end; the build wrote
 * each "*" "/" in it with a NUL between.
 */
function programText(file: string): string {
  const all = readFileSync(file, 'latin1');
  const marker = '/*incident-program-follows\n';
  const at = all.lastIndexOf(marker);
  if (at < 0) throw new Error(`${file} holds no program: build it with scripts/build.mjs`);
  return Buffer.from(all.slice(at + marker.length, all.lastIndexOf('*/')), 'latin1').toString('utf8').replaceAll('*\0/', '*/');
}

const self = fileURLToPath(import.meta.url);
const code = programText(self);
const dir = cacheDir(process.env);
// One cache per command: each holds the functions its own runs compiled (a `--version` run compiles little).
const command = /^[a-z]{1,16}$/.test(process.argv[2] ?? '') ? process.argv[2] : 'other';
const file = dir ? join(dir, `code-${key}-${process.version}-${process.arch}-${command}.bin`) : null;
const cachedData = readCache(file);
const script = new Script(code, { filename: 'incident.cjs', cachedData });
if (file && (cachedData === undefined || script.cachedDataRejected)) {
  // Taken at exit, the cache also holds every function this run compiled along the way (the screen, the sources).
  process.once('exit', () => writeCache(file, script.createCachedData()));
}
const run = script.runInThisContext() as (require: NodeRequire, module: { exports: object }, filename: string, dirname: string) => void;
run(createRequire(import.meta.url), { exports: {} }, self, dirname(self));
