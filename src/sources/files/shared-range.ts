// A byte range read on one thread whose tail another thread may take. Both sides go through a lock in shared memory:
// the reader claims each read before making it, and a tail is only taken where the reader has claimed nothing.
import type { ByteRange } from './archive-reader.js';

const START = 0;
const END = 1;
const NEXT = 2;
/** Lock word (Int32) first, then start, end and next as float64 (file offsets may pass 2^31). */
const BYTES = 8 + 3 * 8;

/** What is left to read of a SharedRange: [next, end). */
export interface RangeLeft {
  next: number;
  end: number;
}

/** A ByteRange in a SharedArrayBuffer; build it with `SharedRange.of` and hand `memory` to the other thread. */
export class SharedRange implements ByteRange {
  private readonly lock: Int32Array;
  private readonly at: Float64Array;

  constructor(readonly memory: SharedArrayBuffer) {
    this.lock = new Int32Array(memory, 0, 1);
    this.at = new Float64Array(memory, 8, 3);
  }

  /** A new range [start, end) that nothing has read yet. */
  static of(start: number, end: number): SharedRange {
    const r = new SharedRange(new SharedArrayBuffer(BYTES));
    r.at[START] = start;
    r.at[END] = end;
    r.at[NEXT] = start;
    return r;
  }

  get start(): number {
    return this.at[START];
  }

  get end(): number {
    return this.locked(() => this.at[END]);
  }

  get next(): number {
    return this.locked(() => this.at[NEXT]);
  }

  /** Holds the lock around `fn`. The other side holds it for a few instructions, so waiting is short. */
  private locked<T>(fn: () => T): T {
    for (let spins = 0; Atomics.compareExchange(this.lock, 0, 0, 1) !== 0; spins++) {
      // Should the holder's thread be descheduled, wait on the word rather than spin.
      if (spins > 1000) Atomics.wait(this.lock, 0, 1, 1);
    }
    try {
      return fn();
    } finally {
      Atomics.store(this.lock, 0, 0);
      Atomics.notify(this.lock, 0);
    }
  }

  /** The reader's side: how many bytes from `at` it may read now (at most `most`, 0 at the end); records its next read. */
  claim(at: number, most: number): number {
    return this.locked(() => {
      const n = Math.max(0, Math.min(most, this.at[END] - at));
      this.at[NEXT] = at + n;
      return n;
    });
  }

  /** What the reader has not claimed yet. */
  left(): RangeLeft {
    return this.locked(() => ({ next: this.at[NEXT], end: this.at[END] }));
  }

  /**
   * The other side: takes [from, end) from the reader, who then stops at `from`. Returns the end taken, or -1 when the
   * reader has already claimed bytes past `from` (or `from` is not inside what is left).
   */
  takeTail(from: number): number {
    return this.locked(() => {
      const end = this.at[END];
      if (from < this.at[NEXT] || from >= end) return -1;
      this.at[END] = from;
      return end;
    });
  }
}
