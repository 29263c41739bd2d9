// The counting of plain JSON lines inside WebAssembly (json-count.wat, `run`): a line with an RFC 3339 time, a level
// that is not an error, a service and a latency written plainly is counted there without a call per line; this side
// classes the level values, hands out minute buckets, and adds what was counted to the totals.
import type { LogLevel } from '../logs/log-line.js';
import type { MinuteBucket, ServiceTotals, SummaryAccumulator } from './summary-accumulator.js';
import { addSample, BUCKET_MS, COUNTED_LEVELS } from './summary-accumulator.js';
import type { KeySpec } from './summary-line-fields.js';

/** Where json-count.wat keeps its counts (see its memory map), in bytes. */
const AT = 73728;
const LINES = AT;
const LOGGED = AT + 4;
const FIRST = AT + 8;
const LAST = AT + 16;
const END = AT + 24;
const TOUCHED_COUNT = AT + 32;
const WHY = AT + 36;
const SLOT = AT + 40;
const CLASS_OF = AT + 64;
const CLASS_LINES = AT + 128;
const SLOT_MINUTE = AT + 256;
const SLOT_BUCKET = AT + 1024;
const SCALE = AT + 1536;
const BUCKET_LINES = 77824;
const TOUCHED = 94208;
const LOG = 110592;
/** Buckets the module can count in; past them the table starts again. */
const MAX_BUCKETS = 4096;
/** Keys whose latency scale the module holds (a line under a later one is counted here). */
const MAX_SPECS = 128;
/** The slot of lines without a service. */
const NO_SERVICE = 64;
/** Level values the module numbers. */
const LEVEL_IDS = 64;

/** Why `run` stopped. */
export const RUN_END = 0;
export const RUN_LINE = 1;
export const RUN_LEVEL = 2;
export const RUN_BUCKET = 3;
export const RUN_FULL = 4;

/** A level the module leaves to the JavaScript scanner (an error). */
const OTHER = 255;

/** The module's counting, for one scanner and its accumulator. */
export class FastLane {
  private i32!: Int32Array;
  private f64!: Float64Array;
  private u8!: Uint8Array;
  /** The module's lines of each level class (1-5, COUNTED_LEVELS), and its earliest and latest time. */
  private classLines!: Int32Array;
  private times!: Float64Array;
  /** Each bucket number's bucket and its service's totals. */
  private readonly buckets: MinuteBucket[] = [];
  private readonly services: ServiceTotals[] = [];
  /** Lines added to the totals early (the bucket table was full), not yet reported by flush(). */
  private carried = 0;
  /** The module's line count when the time untimed lines inherit was last taken from it. */
  private synced = 0;

  constructor(private memory: WebAssembly.Memory, specs: readonly KeySpec[], private readonly acc: SummaryAccumulator) {
    this.views();
    for (const spec of specs) if (spec.index < MAX_SPECS) this.f64[(SCALE >> 3) + spec.index] = spec.scale;
    this.forgetBuckets();
    this.restart();
  }

  /** Makes the views again (after the module's memory grew). */
  views(): void {
    this.i32 = new Int32Array(this.memory.buffer);
    this.f64 = new Float64Array(this.memory.buffer);
    this.u8 = new Uint8Array(this.memory.buffer);
    this.classLines = new Int32Array(this.memory.buffer, CLASS_LINES, COUNTED_LEVELS.length + 1);
    this.times = new Float64Array(this.memory.buffer, FIRST, 2);
  }

  /** Why the module's `run` stopped (RUN_*). */
  why(): number {
    return this.i32[WHY >> 2];
  }

  /** Classes the level of the line `run` stopped at (RUN_LEVEL): its value's number is `id`, its level `level`. */
  classLevel(id: number, level: LogLevel): void {
    if (id < 0 || id >= LEVEL_IDS) return;
    const c = COUNTED_LEVELS.indexOf(level);
    this.u8[CLASS_OF + id] = c >= 0 ? c + 1 : OTHER;
  }

  /**
   * Gives the service of the line `run` stopped at (RUN_BUCKET) its bucket for that line's minute: `service` is its
   * name ('' for none), `at` its time. False when that minute does not hold `at` in the module's arithmetic (a time
   * too far from now to be whole milliseconds): the line is then counted line by line.
   */
  bucket(service: string, at: number): boolean {
    if (this.buckets.length >= MAX_BUCKETS) {
      // The lines counted with the buckets about to be forgotten are added now, and reported by the next flush.
      this.carried += this.flush();
      this.forgetBuckets();
    }
    const slot = this.i32[SLOT >> 2];
    const { svc, bucket, minute } = this.acc.bucketFor(service, at);
    if (!(at >= minute && at < minute + BUCKET_MS)) return false;
    this.f64[(SLOT_MINUTE >> 3) + slot] = minute;
    this.i32[(SLOT_BUCKET >> 2) + slot] = this.buckets.length;
    this.buckets.push(bucket);
    this.services.push(svc);
    return true;
  }

  /**
   * Before a line is counted by the JavaScript scanner: when the module counted lines since the last one, the line
   * inherits the last one's time. (The rest of what the module counted can wait for flush(): the totals are sums, and
   * a minute's latency samples are only ever ranked.)
   */
  sync(): void {
    const lines = this.i32[LINES >> 2];
    if (lines === this.synced) return;
    this.synced = lines;
    this.acc.placedAt(this.f64[END >> 3]);
  }

  /** Adds what the module counted since the last flush to the totals; returns how many lines that was. */
  flush(): number {
    const i32 = this.i32;
    const lines = i32[LINES >> 2];
    const carried = this.carried;
    this.carried = 0;
    if (lines === 0) return carried;
    this.sync();
    this.synced = 0;
    this.acc.addCounted(lines, this.classLines, this.times);
    this.classLines.fill(0);
    const touched = i32[TOUCHED_COUNT >> 2];
    for (let i = 0; i < touched; i++) {
      const b = i32[(TOUCHED >> 2) + i];
      const n = i32[(BUCKET_LINES >> 2) + b];
      i32[(BUCKET_LINES >> 2) + b] = 0;
      this.buckets[b].lines += n;
      this.services[b].lines += n;
    }
    const logged = i32[LOGGED >> 2];
    const f64 = this.f64;
    for (let i = 0; i < logged; i++) addSample(this.buckets[i32[(LOG >> 2) + i * 4]].latencies, f64[(LOG >> 3) + i * 2 + 1]);
    this.restart();
    return lines + carried;
  }

  /** Zeroes the counts (the buckets' own are zeroed as they are added). */
  private restart(): void {
    const i32 = this.i32;
    i32[LINES >> 2] = 0;
    i32[LOGGED >> 2] = 0;
    i32[TOUCHED_COUNT >> 2] = 0;
    this.f64[FIRST >> 3] = Infinity;
    this.f64[LAST >> 3] = -Infinity;
  }

  /** No slot has a bucket (the first line of each service in each minute is then given one). */
  private forgetBuckets(): void {
    this.f64.fill(NaN, SLOT_MINUTE >> 3, (SLOT_MINUTE >> 3) + NO_SERVICE + 1);
    this.buckets.length = 0;
    this.services.length = 0;
  }
}
