// Expands simple file globs (`*`, `?`, `**`, backslash escapes) into the regular files that match, without a dependency.
import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';

/** Directory listing and stat, injectable for tests. */
export interface GlobFs {
  readdir(dir: string): Promise<Array<{ name: string; isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }>>;
  stat(path: string): Promise<{ isFile(): boolean; isDirectory(): boolean }>;
}

/** The real file system. */
export const nodeGlobFs: GlobFs = {
  readdir: (dir) => readdir(dir, { withFileTypes: true }),
  stat: (path) => stat(path),
};

/** Expansion limits and where relative patterns start. */
export interface GlobOptions {
  /** Directory relative patterns are resolved against (default: the working directory). */
  cwd?: string;
  fs?: GlobFs;
  /** How many directories deep `**` descends (default 8). */
  maxDepth?: number;
  /** Most paths returned (default 1000); the rest are ignored. */
  maxMatches?: number;
}

/** True when `pattern` has an unescaped `*` or `?`. */
export function hasGlob(pattern: string): boolean {
  return /(^|[^\\])(\\\\)*[*?]/.test(pattern);
}

/** A RegExp matching a whole file name against one pattern segment (`*` any run, `?` one character, `\x` literal x). */
export function segmentToRegExp(segment: string): RegExp {
  let out = '';
  for (let i = 0; i < segment.length; i += 1) {
    const ch = segment[i];
    if (ch === '\\' && i + 1 < segment.length) {
      i += 1;
      out += segment[i].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else if (ch === '*') out += '[^/]*';
    else if (ch === '?') out += '[^/]';
    else out += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${out}$`, 's');
}

function unescape(segment: string): string {
  return segment.replace(/\\(.)/g, '$1');
}

interface Walk {
  dir: string;
  index: number;
  depth: number;
}

/** Paths of regular files matching `pattern`, sorted; unreadable directories are skipped. */
export async function expandGlob(pattern: string, opts: GlobOptions = {}): Promise<string[]> {
  const fs = opts.fs ?? nodeGlobFs;
  const maxDepth = opts.maxDepth ?? 8;
  const maxMatches = opts.maxMatches ?? 1000;
  const absolute = isAbsolute(pattern);
  const segments = pattern.split('/').filter((s) => s !== '' && s !== '.');
  // A trailing `**` means every file below.
  if (segments.at(-1) === '**') segments.push('*');
  const root = absolute ? '/' : resolve(opts.cwd ?? process.cwd());
  const found = new Set<string>();
  const queue: Walk[] = [{ dir: root, index: 0, depth: 0 }];
  const seen = new Set<string>();
  while (queue.length > 0 && found.size < maxMatches) {
    const { dir, index, depth } = queue.shift() as Walk;
    const key = `${dir}\u0000${index}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const segment = segments[index];
    const last = index === segments.length - 1;
    if (segment === undefined) continue;
    if (segment === '**') {
      queue.push({ dir, index: index + 1, depth });
      if (depth >= maxDepth) continue;
      for (const sub of await listDirs(fs, dir)) queue.push({ dir: join(dir, sub), index, depth: depth + 1 });
      continue;
    }
    if (!hasGlob(segment)) {
      const next = join(dir, unescape(segment));
      if (!last) queue.push({ dir: next, index: index + 1, depth });
      else if (await isFile(fs, next)) found.add(next);
      continue;
    }
    const re = segmentToRegExp(segment);
    const entries = await fs.readdir(dir).catch(() => []);
    for (const entry of entries) {
      if (entry.name.startsWith('.') && !segment.startsWith('.')) continue;
      if (!re.test(entry.name)) continue;
      const path = join(dir, entry.name);
      if (last) {
        if (entry.isFile() || (entry.isSymbolicLink() && (await isFile(fs, path)))) found.add(path);
      } else if (entry.isDirectory() || (entry.isSymbolicLink() && (await isDir(fs, path)))) {
        queue.push({ dir: path, index: index + 1, depth });
      }
    }
  }
  return [...found].sort().slice(0, maxMatches);
}

async function listDirs(fs: GlobFs, dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir).catch(() => []);
  return entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name);
}

async function isFile(fs: GlobFs, path: string): Promise<boolean> {
  return fs.stat(path).then((s) => s.isFile(), () => false);
}

async function isDir(fs: GlobFs, path: string): Promise<boolean> {
  return fs.stat(path).then((s) => s.isDirectory(), () => false);
}
