// Full garbage collections asked for by the program, for memory V8 would free late on its own: buffers that are
// garbage as soon as they are handed on, while the code that made them allocates too little on the JS heap for V8
// to collect in time. What the process does not collect soon, the C allocator keeps as resident memory afterwards.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Shortest time between two collections, in milliseconds. */
export const COLLECT_EVERY_MS = 100;

let collect: Collect | null | undefined;
let pending: NodeJS.Timeout | undefined;
let lastCollect = 0;

/** V8's collector as the gc extension exposes it, with its options (`async`: run from V8's task queue). */
export type Collect = (options?: { type: 'major' | 'minor'; execution: 'sync' | 'async' }) => void | Promise<void>;

/** V8's own collector, exposed once; null where it cannot be (the flag refused). */
export function fullCollector(): Collect | null {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as Collect;
    } catch {
      collect = null;
    }
  }
  return collect;
}

/**
 * A full collection soon: on a later turn (what the caller is letting go of is often still held during this one), and
 * at most one every COLLECT_EVERY_MS however often it is asked for. Never keeps the program alive. `background`: the
 * timer only hands it to V8's own task queue, which runs it once the work already waiting is done.
 */
export function collectSoon(background = false): void {
  const gc = fullCollector();
  if (!gc || pending) return;
  pending = setTimeout(() => {
    pending = undefined;
    lastCollect = Date.now();
    if (background) void gc({ type: 'major', execution: 'async' });
    else void gc();
  }, Math.max(10, lastCollect + COLLECT_EVERY_MS - Date.now())).unref();
}

/**
 * Counts bytes of buffers that live a short while and then are dropped (blocks of log lines in a burst); every `per`
 * bytes, `collect` is called (by default a full collection soon, in the background). Without it tens of megabytes of
 * them wait for V8's next collection of its own.
 */
export class ChurnCollector {
  /** Bytes noted since start. */
  noted = 0;
  private since = 0;

  constructor(
    private readonly per: number,
    private readonly collect: () => void = () => collectSoon(true),
  ) {}

  /** Notes `bytes` more. */
  note(bytes: number): void {
    this.noted += bytes;
    this.since += bytes;
    if (this.since < this.per) return;
    this.since = 0;
    this.collect();
  }
}
