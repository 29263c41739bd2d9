// The user's cache directory ($XDG_CACHE_HOME/incident): where it is, reading and writing its files whole, and
// keeping it small: compiled code (about 1 MB a file, one per build, Node version and command) and first-request
// records (one per command line) beyond the newest few are removed. Also where the launcher finds the program.
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** Where the cache is kept: $XDG_CACHE_HOME/incident, else ~/.cache/incident; null when turned off. */
export function cacheDir(env: NodeJS.ProcessEnv): string | null {
  if (env.INCIDENT_CODE_CACHE === '0') return null;
  const base = env.XDG_CACHE_HOME || (homedir() ? join(homedir(), '.cache') : '');
  return base ? join(base, 'incident') : null;
}

/** A cache file's bytes, or undefined when there is none (or it cannot be read). */
export function readCacheFile(file: string | null): Buffer | undefined {
  if (!file) return undefined;
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Writes a cache file next to its final name, then renames it there (mode 0600, directory 0700), so a reader never
 * sees half a file; then keeps the newest `keep` files of its `prefix`. False when it could not be written (a
 * read-only or full cache directory only means doing the work again next time).
 */
export function writeCacheFile(file: string, data: Buffer | string, prefix: string, keep: number): boolean {
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, data, { mode: 0o600 });
    renameSync(partial, file);
  } catch {
    return false;
  }
  pruneCache(dirname(file), prefix, keep);
  return true;
}

/** A short hash of a string (FNV-1a, two rounds of 32 bits), for file names. */
export function shortHash(s: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < s.length; i++) {
    a = Math.imul(a ^ s.charCodeAt(i), 0x01000193) >>> 0;
    b = Math.imul(b ^ s.charCodeAt(i), 0x811c9dc5) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/**
 * The program in `source`, the source text of the function the build put after the launcher (see scripts/build.mjs):
 * the text after the marker line, up to the comment's end. `file` names the launcher in the error for a launcher that
 * was not built.
 */
export function programIn(source: string, file: string): string {
  // The marker is put together here, so that the launcher's code does not hold it whole. The build makes the program
  // ASCII, so a slice of the module's source is the program's text as it was built.
  const marker = ['/*incident', 'program-follows\n'].join('-');
  const at = source.indexOf(marker);
  if (at < 0) throw new Error(`${file} holds no program: build it with scripts/build.mjs`);
  // The build wrote the program without "*/" (scripts/comment-safe.mjs): the slice is compiled as it is, uncopied.
  return source.slice(at + marker.length, source.lastIndexOf('*/'));
}

/** Removes the files of `dir` whose name starts with `prefix`, all but the `keep` most recently written. */
export function pruneCache(dir: string, prefix: string, keep: number): void {
  try {
    const files = readdirSync(dir).filter((f) => f.startsWith(prefix) && !f.endsWith('.tmp'));
    if (files.length <= keep) return;
    const byAge = files.map((f) => ({ f, at: statSync(join(dir, f)).mtimeMs })).sort((a, b) => b.at - a.at);
    for (const { f } of byAge.slice(keep)) unlinkSync(join(dir, f));
  } catch {
    // another process pruned at the same moment, or the directory went: nothing to keep small
  }
}
