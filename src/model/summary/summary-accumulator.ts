// Running totals for a log summary: counts by level and service, per-minute buckets, error messages, pods, deploys.
import type { LogLevel } from '../logs/log-line.js';
import { normaliseMessage } from './summary-normalise.js';

/** The levels that lines counted elsewhere (addCounted) can have, in the order the counter numbers them from 1. */
export const COUNTED_LEVELS: readonly LogLevel[] = ['info', 'warn', 'debug', 'trace', 'unknown'];

/** Length of one timeline bucket, in milliseconds. */
export const BUCKET_MS = 60_000;

/**
 * Latency samples (seconds) in a growable Float64Array: its store lies outside the JS heap, so the young-generation
 * collector does not copy it again and again as it grows (plain arrays of a million numbers cost 10% of a scan), and
 * it crosses to another thread by transfer. Plain data, so that it survives structured clone.
 */
export interface Samples {
  data: Float64Array;
  length: number;
}

/** An empty sample list. */
export const noSamples = (room = 16): Samples => ({ data: new Float64Array(room), length: 0 });

/** Appends one sample. */
export function addSample(s: Samples, x: number): void {
  if (s.length === s.data.length) {
    const bigger = new Float64Array(s.data.length * 2);
    bigger.set(s.data);
    s.data = bigger;
  }
  s.data[s.length++] = x;
}

/** Appends every sample of `from` to `into`. */
export function addSamples(into: Samples, from: Samples): void {
  const need = into.length + from.length;
  if (need > into.data.length) {
    const bigger = new Float64Array(Math.max(need, into.data.length * 2));
    bigger.set(into.data.subarray(0, into.length));
    into.data = bigger;
  }
  into.data.set(from.data.subarray(0, from.length), into.length);
  into.length = need;
}

/** One service's minute: lines, errors and the latency samples seen in it. */
export interface MinuteBucket {
  lines: number;
  errors: number;
  latencies: Samples;
}

/** Totals for one service; `minutes` is keyed by the bucket start (epoch ms). */
export interface ServiceTotals {
  lines: number;
  errors: number;
  minutes: Map<number, MinuteBucket>;
}

/** A deploy line found by the deploy pattern. */
export interface DeployFound {
  /** Epoch ms, or NaN when no line before it had a time. */
  at: number;
  service: string | null;
  version: string | null;
  message: string;
}

/** Bounds on the lines counted, epoch ms (inclusive from, exclusive to). */
export interface TimeBounds {
  from?: number;
  to?: number;
}

const NO_SERVICE = '';

/** A copy of `s` that does not keep the (large) text it was sliced from alive. */
function detach(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}
const MAX_MESSAGE_CACHE = 50_000;
/**
 * Error lines after which the message cache is judged: when fewer than one in CACHE_MIN_HITS of them was found in it
 * (messages that each differ, by an id or a time), it is no longer used, since looking up and keeping every message
 * cost more than masking it again (17 ms of a million-line archive's summary: about 15,400 distinct messages among
 * 16,140 error lines; BENCHMARKS.md).
 */
const CACHE_TRIAL = 1024;
const CACHE_MIN_HITS = 8;
/** Services kept at hand for the next lines (more are looked up in the Map). */
const RECENT_SERVICES = 16;

/** Collects everything the summary needs, one line at a time; cheap per line, no per-line objects kept. */
export class SummaryAccumulator {
  lines = 0;
  /** Lines without a parseable timestamp (they took the previous line's time). */
  untimed = 0;
  /** Lines left out by --from/--to. */
  outside = 0;
  /** Lines that looked like JSON but were not (counted as plain text). */
  malformedJson = 0;
  firstAt = NaN;
  lastAt = NaN;
  readonly levels: Record<LogLevel, number> = { fatal: 0, error: 0, warn: 0, info: 0, debug: 0, trace: 0, unknown: 0 };
  readonly services = new Map<string, ServiceTotals>();
  /** Error lines by normalised message: count and one raw example. */
  readonly errorMessages = new Map<string, { count: number; example: string }>();
  /** Error lines by pod. */
  readonly podErrors = new Map<string, { service: string; errors: number }>();
  readonly deploys: DeployFound[] = [];
  /**
   * The time (epoch ms or NaN) and latency (seconds or NaN) of the line addLine counts. Numbers passed to a call are
   * boxed, one allocation each per line; number fields (doubles from the start) are updated in place.
   */
  lineAt = 0.5;
  lineLatency = 0.5;
  private prevAt = NaN;
  /** Services seen lately with the minute bucket each last counted in: most lines need neither Map. */
  private readonly recent: Array<{ name: string; svc: ServiceTotals; minute: number; bucket: MinuteBucket | null }> = [];
  private nextRecent = 0;
  /** Error lines looked up in the message cache, and found there; -1 once it is not used. */
  private cacheLookups = 0;
  private cacheHits = 0;

  /**
   * `startAt` is the time untimed lines inherit before the first timed line (epoch ms, NaN for none); `normalised`
   * caches error messages' normal forms (shared by the parts of one scan).
   */
  constructor(private readonly bounds: TimeBounds = {}, startAt = NaN, private readonly normalised = new Map<string, string>()) {
    this.prevAt = startAt;
  }

  /**
   * Totals for a later part of the same file, scanned apart and added to these with mergeTotals in file order: the
   * same bounds and message cache; its leading untimed lines inherit `startAt`.
   */
  forPart(startAt: number): SummaryAccumulator {
    return new SummaryAccumulator(this.bounds, startAt, this.normalised);
  }

  /** The time the next untimed line would inherit (epoch ms or NaN). */
  get inheritedAt(): number {
    return this.prevAt;
  }

  /** Starts a new file: its untimed lines before its first timed line inherit nothing. */
  startFile(startAt = NaN): void {
    this.prevAt = startAt;
  }

  /**
   * The time a line will be counted at: its own (ms, or NaN when it has none) or the previous line's (NaN before the
   * first timed line). Returns -Infinity when the line falls outside the bounds and must be skipped.
   */
  place(at: number): number {
    if (at === at) this.prevAt = at;
    else {
      this.untimed++;
      at = this.prevAt;
    }
    const { from, to } = this.bounds;
    if ((from !== undefined || to !== undefined) && (at !== at || (from !== undefined && at < from) || (to !== undefined && at >= to))) {
      this.outside++;
      return -Infinity;
    }
    return at;
  }

  /**
   * Counts one line already placed at `at` (epoch ms or NaN); `latency` in seconds or NaN; message and pod matter for
   * errors only. `own` says the strings are not slices of a larger text (decoded on their own), so none is copied.
   */
  add(at: number, level: LogLevel, service: string | undefined, pod: string | undefined, message: string, latency: number, own = false): void {
    this.lineAt = at;
    this.lineLatency = latency;
    this.addLine(level, service, pod, message, own);
  }

  /** add() for the line whose time and latency are in lineAt and lineLatency. */
  addLine(level: LogLevel, service: string | undefined, pod: string | undefined, message: string, own: boolean): void {
    const at = this.lineAt;
    const latency = this.lineLatency;
    this.lines++;
    // Named stores: a store keyed by the level would see seven keys at one site and go megamorphic.
    const levels = this.levels;
    if (level === 'info') levels.info++;
    else if (level === 'error') levels.error++;
    else if (level === 'warn') levels.warn++;
    else if (level === 'debug') levels.debug++;
    else if (level === 'unknown') levels.unknown++;
    else if (level === 'fatal') levels.fatal++;
    else levels.trace++;
    const name = service ?? NO_SERVICE;
    const seen = this.seen(name);
    const svc = seen.svc;
    svc.lines++;
    const isError = level === 'error' || level === 'fatal';
    if (isError) svc.errors++;
    if (at === at) {
      if (!(at >= this.firstAt)) this.firstAt = at;
      if (!(at <= this.lastAt)) this.lastAt = at;
      let bucket = seen.bucket;
      if (bucket === null || !(at >= seen.minute && at < seen.minute + BUCKET_MS)) bucket = this.bucketIn(seen, at);
      bucket.lines++;
      if (isError) bucket.errors++;
      if (latency === latency) addSample(bucket.latencies, latency);
    }
    if (isError) this.addError(name, pod, message, own);
  }

  /**
   * The minute bucket of `at` (epoch ms, not NaN) in a recent entry's service, made when needed; it becomes the entry's
   * current bucket.
   */
  private bucketIn(seen: { svc: ServiceTotals; minute: number; bucket: MinuteBucket | null }, at: number): MinuteBucket {
    const minute = at - (((at % BUCKET_MS) + BUCKET_MS) % BUCKET_MS);
    let bucket = seen.svc.minutes.get(minute);
    if (bucket === undefined) {
      // A service's minute holds about as many samples as its minute before: room for a quarter more spares growing
      // the array (a copy, and fresh memory to map) eight times or so.
      const before = seen.bucket === null ? 0 : seen.bucket.latencies.length;
      bucket = { lines: 0, errors: 0, latencies: noSamples(Math.max(16, Math.ceil(before * 1.25))) };
      seen.svc.minutes.set(minute, bucket);
    }
    seen.minute = minute;
    seen.bucket = bucket;
    return bucket;
  }

  /**
   * A service's totals and its bucket for the minute of `at` (epoch ms, not NaN), made as a line of that service at
   * that time would make them; `service` is '' for lines without one. For lines counted elsewhere (addCounted).
   */
  bucketFor(service: string, at: number): { svc: ServiceTotals; bucket: MinuteBucket; minute: number } {
    const seen = this.seen(service);
    const bucket = seen.bucket !== null && at >= seen.minute && at < seen.minute + BUCKET_MS ? seen.bucket : this.bucketIn(seen, at);
    return { svc: seen.svc, bucket, minute: seen.minute };
  }

  /**
   * Adds `lines` timed lines counted elsewhere: `classes` holds how many of them had each level of COUNTED_LEVELS (at
   * index i + 1), `times` their earliest and latest time (epoch ms). Their services' and buckets' lines and their
   * latency samples are added by the counter itself, the time untimed lines inherit by placedAt(). Only without bounds
   * (they are checked per line).
   */
  addCounted(lines: number, classes: Int32Array, times: Float64Array): void {
    this.lines += lines;
    const levels = this.levels;
    levels.info += classes[1];
    levels.warn += classes[2];
    levels.debug += classes[3];
    levels.trace += classes[4];
    levels.unknown += classes[5];
    const first = times[0];
    const last = times[1];
    if (!(first >= this.firstAt)) this.firstAt = first;
    if (!(last <= this.lastAt)) this.lastAt = last;
  }

  /** A timed line counted elsewhere was the last line before the next one added here: it was at `at` (epoch ms). */
  placedAt(at: number): void {
    this.prevAt = at;
  }

  /** True when --from or --to bounds the lines counted. */
  get bounded(): boolean {
    return this.bounds.from !== undefined || this.bounds.to !== undefined;
  }

  /** The recent entry for a service, made (and the service's totals with it) when needed. */
  private seen(name: string): { name: string; svc: ServiceTotals; minute: number; bucket: MinuteBucket | null } {
    const recent = this.recent;
    for (let i = 0; i < recent.length; i++) if (recent[i].name === name) return recent[i];
    let svc = this.services.get(name);
    if (svc === undefined) {
      svc = { lines: 0, errors: 0, minutes: new Map() };
      this.services.set(detach(name), svc);
    }
    const entry = { name: detach(name), svc, minute: NaN, bucket: null };
    if (recent.length < RECENT_SERVICES) recent.push(entry);
    else recent[this.nextRecent++ % RECENT_SERVICES] = entry;
    return entry;
  }

  private addError(service: string, pod: string | undefined, message: string, own: boolean): void {
    let key: string | undefined;
    if (this.cacheLookups >= 0) {
      key = this.normalised.get(message);
      if (key !== undefined) this.cacheHits++;
      if (++this.cacheLookups === CACHE_TRIAL && this.cacheHits * CACHE_MIN_HITS < CACHE_TRIAL) this.cacheLookups = -1;
    }
    if (key === undefined) {
      key = own ? normaliseMessage(message) : detach(normaliseMessage(message));
      if (this.cacheLookups >= 0) {
        if (this.normalised.size >= MAX_MESSAGE_CACHE) this.normalised.clear();
        this.normalised.set(own ? message : detach(message), key);
      }
    }
    const seen = this.errorMessages.get(key);
    if (seen) seen.count++;
    else this.errorMessages.set(key, { count: 1, example: own ? message : detach(message) });
    if (pod !== undefined) {
      const p = this.podErrors.get(pod);
      if (p) p.errors++;
      else this.podErrors.set(own ? pod : detach(pod), { service, errors: 1 });
    }
  }

  /** Records a deploy line (already counted by add). */
  addDeploy(at: number, service: string | undefined, version: string | null, message: string): void {
    this.deploys.push({ at, service: service === undefined ? null : detach(service), version: version === null ? null : detach(version), message: detach(message) });
  }
}
