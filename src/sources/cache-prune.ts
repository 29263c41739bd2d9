// The cache directory stays small: compiled code (about 1 MB a file, one per build, Node version and command) and
// first-request records (one per command line) beyond the newest few are removed.
import { readdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

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
