// Full garbage collections asked for by the program, for buffers V8 would free late on its own: an idle program
// allocates too little on the JS heap for V8 to collect at all, and a busy one collects the old generation for memory
// outside the heap only after it has grown about 64 MB. What the process does not free soon, the C allocator keeps as
// resident memory afterwards.

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
      process.getBuiltinModule('node:v8').setFlagsFromString('--expose-gc');
      collect = process.getBuiltinModule('node:vm').runInNewContext('gc') as Collect;
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

/** Bytes V8 counts outside its heap: buffers, and the memory of WebAssembly instances. */
const outsideHeap = (): number => process.getBuiltinModule('node:v8').getHeapStatistics().external_memory;

/**
 * Watches the memory outside V8's heap where buffers live a short while and then are dropped (blocks of log lines in
 * a burst): once it has grown `per` bytes above its lowest level since the last collection asked for, `collect` is
 * called (by default a full collection soon, in the background). V8 would let it grow about 64 MB before collecting
 * on its own, when the buffers' handles have reached its old generation.
 */
export class ChurnCollector {
  /** Times checked since start. */
  checks = 0;
  private lowest = Number.POSITIVE_INFINITY;

  constructor(
    private readonly per: number,
    private readonly collect: () => void = () => collectSoon(true),
    private readonly measure: () => number = outsideHeap,
  ) {}

  /** Checks the memory now: after each buffer handed on. */
  check(): void {
    this.checks += 1;
    const now = this.measure();
    if (now < this.lowest) this.lowest = now;
    if (now - this.lowest < this.per) return;
    // The next lowest level is the one after that collection.
    this.lowest = Number.POSITIVE_INFINITY;
    this.collect();
  }
}
