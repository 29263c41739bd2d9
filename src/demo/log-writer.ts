// Writes the demo's log and deploys files in a temporary directory: a backfill at start, then lines as time passes.
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deployFileLines, logLinesBetween } from './log-lines.js';
import type { DemoSimulation } from './simulation.js';

/** The files the demo writes and how to stop writing them. */
export interface DemoFiles {
  /** Temporary directory holding both files; removed by `close`. */
  dir: string;
  /** JSON-lines application log, appended to as time passes. */
  logFile: string;
  /** Deploy events, one `{"at","label"}` JSON line each. */
  deploysFile: string;
  /** Stops appending and removes the directory. */
  close(): void;
}

/** Options: the clock (epoch milliseconds), how far back to backfill and how often to append, in milliseconds. */
export interface DemoFilesOptions {
  now: () => number;
  backfillMs: number;
  everyMs: number;
}

/** Creates the files, backfills the last `backfillMs` of log lines and appends new ones every `everyMs`. */
export function startDemoFiles(sim: DemoSimulation, opts: DemoFilesOptions): DemoFiles {
  const dir = mkdtempSync(join(tmpdir(), 'incident-demo-'));
  const logFile = join(dir, 'app.log');
  const deploysFile = join(dir, 'deploys.jsonl');
  let last = opts.now();
  const text = (from: number, to: number) => logLinesBetween(sim, from, to).map((l) => `${l.text}\n`).join('');
  writeFileSync(logFile, text(last - opts.backfillMs, last));
  writeFileSync(deploysFile, deployFileLines(sim, last).map((l) => `${l}\n`).join(''));
  let closed = false;
  const timer = setInterval(() => {
    const now = opts.now();
    if (now <= last) return;
    try {
      const chunk = text(last, now);
      if (chunk) appendFileSync(logFile, chunk);
    } catch {
      // The directory was removed under us: nothing left to write to.
    }
    last = now;
  }, opts.everyMs);
  timer.unref();
  return {
    dir,
    logFile,
    deploysFile,
    close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
