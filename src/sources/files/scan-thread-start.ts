// Starting a scan thread for `replay --summary`. Node takes some 50 ms to start a thread; the launcher starts it for a
// large file before the program is even read, so that it is ready when the first thread starts scanning.
import { statSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';

/** Plain files smaller than this (bytes) are not worth a thread. */
export const SPLIT_MIN_BYTES = 16 << 20;

/** Posted by a scan thread once it has started and waits for its job. */
export const READY = 'ready';

/** A scan thread being started: `ready` resolves true once it waits for its job, false when it failed first. */
export interface StartedWorker {
  worker: Worker;
  ready: Promise<boolean>;
  /**
   * True once the thread waits for its job, read from memory both threads share: a thread scanning its own part sees
   * it between two pieces, without waiting for its event loop to deliver READY.
   */
  readyNow(): boolean;
}

/** Marks, in the memory shared with the thread that started it, that this scan thread waits for its job. */
export function markReady(shared: unknown): void {
  if (shared instanceof SharedArrayBuffer) Atomics.store(new Int32Array(shared), 0, 1);
}

/** Where the launcher leaves the thread it started early. */
const EARLY = Symbol.for('incident.early-scan-thread');

/** Starts a thread running `code` (archive-scan-worker.ts, built); idle, it does not keep the program alive. */
export function startScanWorker(code: string): StartedWorker {
  // node:worker_threads is loaded when a thread is started, not by every command.
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const worker = new (process.getBuiltinModule('node:worker_threads').Worker)(code, { eval: true, stdout: true, stderr: false, workerData: flag.buffer });
  worker.unref();
  const ready = new Promise<boolean>((resolve) => {
    const onMessage = (m: unknown): void => {
      if (m !== READY) return;
      worker.off('message', onMessage);
      resolve(true);
    };
    worker.on('message', onMessage);
    // Also keeps an early failure from being an unhandled 'error' event before anyone else listens.
    worker.on('error', () => resolve(false));
    worker.once('exit', () => resolve(false));
  });
  return { worker, ready, readyNow: () => Atomics.load(flag, 0) === 1 };
}

function sizeOf(path: string): number {
  try {
    const st = statSync(path);
    return st.isFile() ? st.size : 0;
  } catch {
    return 0;
  }
}

/**
 * For `incident replay <file...> --summary` with a file of at least SPLIT_MIN_BYTES among its arguments, starts a
 * scan thread and leaves it for takeEarlyScanThread. Any other command starts nothing.
 */
export function startScanThreadEarly(argv: string[], code: string): void {
  if (argv[2] !== 'replay' || !argv.includes('--summary')) return;
  if (!argv.slice(3).some((a) => !a.startsWith('-') && sizeOf(a) >= SPLIT_MIN_BYTES)) return;
  (globalThis as Record<symbol, StartedWorker | undefined>)[EARLY] = startScanWorker(code);
}

/** The thread the launcher started, once (null when it started none). */
export function takeEarlyScanThread(): StartedWorker | null {
  const slot = globalThis as Record<symbol, StartedWorker | undefined>;
  const early = slot[EARLY] ?? null;
  slot[EARLY] = undefined;
  return early;
}
