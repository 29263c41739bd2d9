// The `incident` executable: runs the program, compiled once per version of it and of Node. The program (everything
// else in src/, bundled as one CommonJS script) follows the launcher in this file, in a comment in a function; V8's
// compiled code for it is kept in the user's cache directory, keyed by the program's hash, Node's version and the CPU
// architecture, so every start after the first skips parsing and compiling it. A missing, unreadable or stale cache
// only costs that compilation.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { key } from 'incident:program';
import { cacheDir, programIn, readCacheFile, shortHash, writeCacheFile } from '../sources/cache-files.js';
import { EARLY_CONNECT_MS, FIRST_REQUEST, proxied, sendEarly, type FirstRequestSlot } from '../sources/first-request.js';
import scanWorkerCode from '../sources/files/archive-scan-worker.ts?script';
import { startScanThreadEarly } from '../sources/files/scan-thread-start.js';

const dir = cacheDir(process.env);
// `watch`: its first range query is sent before the program is even read (sources/first-request.ts).
const slot: FirstRequestSlot = { recordFile: null, recorded: null };
// Not for a past window (--at, --from, --to): its first request is not "the same window, moved to now".
const past = process.argv.some((a) => /^--(at|from|to)(=|$)/.test(a));
if (dir && process.argv[2] === 'watch' && !past) {
  slot.recordFile = join(dir, `first-${shortHash(JSON.stringify([process.cwd(), process.argv.slice(2)]))}.url`);
  slot.recorded = readCacheFile(slot.recordFile)?.toString('utf8') ?? null;
  if (slot.recorded && !proxied(process.env)) slot.sent = sendEarly(slot.recorded);
  // The connection is made, and the request written to it, by the event loop: letting it run until then (at most
  // EARLY_CONNECT_MS; a nearby server connects well within it) lets Prometheus work on the answer while the program
  // is read and compiled, instead of after.
  if (slot.sent?.written) await Promise.race([slot.sent.written, new Promise((resolve) => setTimeout(resolve, EARLY_CONNECT_MS))]);
}
(globalThis as Record<symbol, FirstRequestSlot>)[FIRST_REQUEST] = slot;
// `replay FILE --summary`: the second scan thread starts while the program is read and compiled.
startScanThreadEarly(process.argv, scanWorkerCode);
/** Put after the launcher by the build: its body is a comment that holds the program (scripts/build.mjs). */
declare function incidentProgram(): void;
const self = fileURLToPath(import.meta.url);
const code = programIn(typeof incidentProgram === 'function' ? incidentProgram.toString() : '', self);
// One cache per command: each holds the functions its own runs compiled (a `--version` run compiles little).
const command = /^[a-z]{1,16}$/.test(process.argv[2] ?? '') ? process.argv[2] : 'other';
const file = dir ? join(dir, `code-${key}-${process.version}-${process.arch}-${command}.bin`) : null;
const cachedData = readCacheFile(file);
const script = new Script(code, { filename: 'incident.cjs', cachedData });
if (file && (cachedData === undefined || script.cachedDataRejected)) {
  // Taken at exit, the cache also holds every function this run compiled along the way (the screen, the sources).
  // `watch` takes it sooner, once its first graph is drawn: with what that needed and no more, as the next start reads
  // all of it before it can ask anything (about 5 ms less for 0.5 MB less); Ink, which loads after that graph, is
  // then compiled as it runs. Other builds, Node versions and commands each left one: the newest 8 are kept.
  let kept = false;
  const keep = () => {
    if (!kept) writeCacheFile(file, script.createCachedData(), 'code-', 8);
    kept = true;
  };
  slot.keepCode = keep;
  process.once('exit', keep);
}
const run = script.runInThisContext() as (require: NodeRequire, module: { exports: object }, filename: string, dirname: string) => void;
run(createRequire(import.meta.url), { exports: {} }, self, dirname(self));
