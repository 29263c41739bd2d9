// Log files for a past window (`watch --at`, `--from/--to`): every line whose own timestamp falls in the window,
// the newest `limit` of them, read once per window (plain or gzip, several files and globs).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Emit } from '../../model/console-state/events.js';
import type { LineParser } from '../../model/logs/log-parse.js';
import type { LogLine } from '../../model/logs/log-line.js';
import type { Clock } from '../../model/session/clock.js';
import type { Source } from '../source.js';
import { StatusTracker } from '../status-tracker.js';
import { expandGlob, hasGlob } from './log-glob.js';

/** Settings of one file pattern read for a window. */
export interface WindowFileOptions {
  pattern: string;
  parse: LineParser;
  clock: Clock;
  /** Window length in milliseconds, read at start. */
  windowMs: () => number;
  /** Most lines kept (the newest). */
  limit: number;
  cwd?: string;
}

/** Lines of one file whose timestamps fall in [fromMs, toMs], the newest `limit`; lines without a time are skipped. */
export async function linesInWindow(path: string, parse: LineParser, fromMs: number, toMs: number, limit: number, signal?: AbortSignal): Promise<{ lines: LogLine[]; untimed: number }> {
  const name = basename(path);
  // A missing or unreadable file fails here, before the stream starts.
  if (!(await stat(path)).isFile()) throw new Error(`${path} is not a file`);
  const raw = createReadStream(path);
  const text = path.endsWith('.gz') ? raw.pipe(process.getBuiltinModule('node:zlib').createGunzip()) : raw;
  const reader = process.getBuiltinModule('node:readline').createInterface({ input: text, crlfDelay: Infinity });
  const kept: LogLine[] = [];
  let untimed = 0;
  try {
    for await (const row of reader) {
      if (signal?.aborted) break;
      if (row === '') continue;
      const line = parse(row, name, toMs);
      if (!line.timed) {
        untimed += 1;
        continue;
      }
      if (line.at < fromMs || line.at > toMs) continue;
      kept.push(line);
      if (kept.length > 2 * limit) kept.splice(0, kept.length - limit);
    }
  } finally {
    reader.close();
    raw.destroy();
  }
  kept.sort((a, b) => a.at - b.at);
  return { lines: kept.slice(-limit), untimed };
}

/** A source reading the files a pattern names for the clock's window, once; a new window is a new source. */
export function windowFileLogs(o: WindowFileOptions): Source {
  const abort = new AbortController();
  let done: Promise<void> = Promise.resolve();
  const name = hasGlob(o.pattern) ? o.pattern : basename(o.pattern);
  return {
    name,
    kind: 'file',
    start(emit: Emit) {
      const status = new StatusTracker(name, 'file', emit, o.clock.now);
      status.set('connecting');
      done = (async () => {
        const toMs = o.clock.now();
        const fromMs = toMs - o.windowMs();
        try {
          const paths = hasGlob(o.pattern) ? await expandGlob(o.pattern, { cwd: o.cwd }) : [o.pattern];
          if (paths.length === 0) throw new Error(`no file matches ${o.pattern}`);
          const read = await Promise.all(paths.map((p) => linesInWindow(p, o.parse, fromMs, toMs, o.limit, abort.signal)));
          if (abort.signal.aborted) return;
          const lines = read.flatMap((r) => r.lines).sort((a, b) => a.at - b.at).slice(-o.limit);
          const untimed = read.reduce((n, r) => n + r.untimed, 0);
          if (lines.length > 0) emit({ type: 'lines', source: name, at: toMs, lines });
          status.set(untimed > 0 ? 'degraded' : 'up', untimed > 0 ? `${untimed} lines without a timestamp skipped` : null);
        } catch (err) {
          if (!abort.signal.aborted) status.set('down', (err as Error).message);
        }
      })();
    },
    async stop() {
      abort.abort();
      await done;
    },
  };
}
