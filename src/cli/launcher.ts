// The `incident` executable: runs the program, compiled once per version of it and of Node. The program (everything
// else in src/, bundled as one CommonJS script) travels inside this file as text; V8's compiled code for it is kept
// in the user's cache directory, keyed by the program's hash, Node's version and the CPU architecture, so every start
// after the first skips parsing and compiling it. A missing, unreadable or stale cache only costs that compilation.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { pruneCache } from '../sources/cache-prune.js';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { key } from 'incident:program';
import { FIRST_REQUEST, type EarlyAnswer, type FirstRequestSlot } from '../sources/first-request.js';

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
    // Other builds, Node versions and commands each left one: the newest few are kept.
    pruneCache(dirname(file), 'code-', 8);
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

/** A short hash of a string (FNV-1a, two rounds of 32 bits), for file names. */
function shortHash(s: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < s.length; i++) {
    a = Math.imul(a ^ s.charCodeAt(i), 0x01000193) >>> 0;
    b = Math.imul(b ^ s.charCodeAt(i), 0x811c9dc5) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/** Most bytes the early answer may have (the program's own cap for Prometheus answers). */
const EARLY_MAX_BYTES = 8 * 1024 * 1024;

/**
 * Sends last time's first range query again, its window moved to now (ends at the last multiple of its step), with
 * the headers the program sends; resolves with the answer, or null when anything goes wrong.
 */
function sendEarly(recorded: string): FirstRequestSlot['sent'] {
  let u: URL;
  try {
    u = new URL(recorded);
  } catch {
    return undefined;
  }
  const step = Number(u.searchParams.get('step'));
  const span = Number(u.searchParams.get('end')) - Number(u.searchParams.get('start'));
  if (u.protocol !== 'http:' || !(step > 0) || !(span > 0)) return undefined;
  const end = Math.floor(Date.now() / 1000 / step) * step;
  u.searchParams.set('start', String(end - span));
  u.searchParams.set('end', String(end));
  const sentAt = performance.now();
  const answer = new Promise<EarlyAnswer | null>((resolve) => {
    const req = request(u, { headers: { accept: 'application/json', 'accept-encoding': 'identity' }, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > EARLY_MAX_BYTES) {
          req.destroy();
          resolve(null);
        } else chunks.push(c);
      });
      res.on('end', () => resolve({
        status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''),
        body: Buffer.concat(chunks).toString('utf8'), doneAt: performance.now(),
      }));
      res.on('error', () => resolve(null));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(null));
    req.end();
  });
  return { url: u.toString(), sentAt, answer };
}

/** True when a proxy variable is set: the program decides then, and the launcher sends nothing itself. */
const proxied = (env: NodeJS.ProcessEnv) => ['http_proxy', 'HTTP_PROXY', 'all_proxy', 'ALL_PROXY'].some((k) => !!env[k]);

const dir = cacheDir(process.env);
// `watch`: its first range query is sent before the program is even read (sources/first-request.ts).
const slot: FirstRequestSlot = { recordFile: null, recorded: null };
// Not for a past window (--at, --from, --to): its first request is not "the same window, moved to now".
const past = process.argv.some((a) => /^--(at|from|to)(=|$)/.test(a));
if (dir && process.argv[2] === 'watch' && !past) {
  slot.recordFile = join(dir, `first-${shortHash(JSON.stringify([process.cwd(), process.argv.slice(2)]))}.url`);
  try {
    slot.recorded = readFileSync(slot.recordFile, 'utf8');
  } catch {
    slot.recorded = null;
  }
  if (slot.recorded && !proxied(process.env)) slot.sent = sendEarly(slot.recorded);
}
(globalThis as Record<symbol, FirstRequestSlot>)[FIRST_REQUEST] = slot;
const self = fileURLToPath(import.meta.url);
const code = programText(self);
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
