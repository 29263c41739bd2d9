// Bounded per-series history of scraped samples: a fixed-capacity ring per series and a keyed store of rings.

/** One scraped sample: t in epoch milliseconds, v the value. */
export interface TimedSample {
  t: number;
  v: number;
}

/** A fixed-capacity ring of samples in time order; the oldest is overwritten when full. */
export class SampleRing {
  private readonly ts: Float64Array;
  private readonly vs: Float64Array;
  /** Index of the oldest sample. */
  private head = 0;
  private count = 0;

  /** capacity: most samples kept (at least 1). */
  constructor(readonly capacity: number) {
    const n = Math.max(1, Math.floor(capacity));
    this.capacity = n;
    this.ts = new Float64Array(n);
    this.vs = new Float64Array(n);
  }

  /** Number of samples held. */
  get size(): number {
    return this.count;
  }

  /** Appends a sample; refuses (returns false) one not newer than the last, as Prometheus does. */
  push(t: number, v: number): boolean {
    if (!Number.isFinite(t)) return false;
    if (this.count > 0 && t <= this.ts[this.slot(this.count - 1)]) return false;
    if (this.count < this.capacity) {
      const i = this.slot(this.count);
      this.ts[i] = t;
      this.vs[i] = v;
      this.count++;
    } else {
      this.ts[this.head] = t;
      this.vs[this.head] = v;
      this.head = (this.head + 1) % this.capacity;
    }
    return true;
  }

  /** The i-th sample, oldest first (0 <= i < size). */
  at(i: number): TimedSample | undefined {
    if (i < 0 || i >= this.count) return undefined;
    const k = this.slot(i);
    return { t: this.ts[k], v: this.vs[k] };
  }

  /** The newest sample, if any. */
  last(): TimedSample | undefined {
    return this.at(this.count - 1);
  }

  /** Samples with startMs < t <= endMs (a PromQL range: left-open), oldest first. */
  range(startMs: number, endMs: number): TimedSample[] {
    const out: TimedSample[] = [];
    for (let i = this.firstAfter(startMs); i < this.count; i++) {
      const k = this.slot(i);
      if (this.ts[k] > endMs) break;
      out.push({ t: this.ts[k], v: this.vs[k] });
    }
    return out;
  }

  /** Every sample, oldest first. */
  toArray(): TimedSample[] {
    return this.range(-Infinity, Infinity);
  }

  /** Forgets every sample. */
  clear(): void {
    this.head = 0;
    this.count = 0;
  }

  private slot(i: number): number {
    return (this.head + i) % this.capacity;
  }

  /** Index (oldest = 0) of the first sample with t > ms, by binary search. */
  private firstAfter(ms: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ts[this.slot(mid)] > ms) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** A canonical series key: `name{a="x",b="y"}` with labels sorted by name and values escaped as in the text format. */
export function seriesKey(name: string, labels: Readonly<Record<string, string>>): string {
  const names = Object.keys(labels).sort();
  if (names.length === 0) return name;
  let out = `${name}{`;
  for (let i = 0; i < names.length; i++) {
    const value = labels[names[i]].replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
    out += `${i > 0 ? ',' : ''}${names[i]}="${value}"`;
  }
  return `${out}}`;
}

/** One series held by a SeriesRing. */
export interface StoredSeries {
  key: string;
  name: string;
  labels: Readonly<Record<string, string>>;
  ring: SampleRing;
}

/** Rings keyed by series, bounded in both samples per series and number of series. */
export class SeriesRing {
  private readonly series = new Map<string, StoredSeries>();
  /** Series pushed out to stay within maxSeries, since creation. */
  evicted = 0;

  /** samplesPerSeries: ring capacity; maxSeries: most series kept (the stalest is evicted beyond it). */
  constructor(
    readonly samplesPerSeries: number,
    readonly maxSeries: number,
  ) {}

  /** Number of series held. */
  get size(): number {
    return this.series.size;
  }

  /** Appends a sample (t: epoch milliseconds) to a series, creating it if needed; false if refused as out of order. */
  push(name: string, labels: Readonly<Record<string, string>>, t: number, v: number): boolean {
    const key = seriesKey(name, labels);
    let s = this.series.get(key);
    if (s === undefined) {
      if (this.series.size >= Math.max(1, this.maxSeries)) this.evictStalest();
      s = { key, name, labels: { ...labels }, ring: new SampleRing(this.samplesPerSeries) };
      this.series.set(key, s);
    }
    return s.ring.push(t, v);
  }

  /** The series with this name and labels, if held. */
  get(name: string, labels: Readonly<Record<string, string>>): StoredSeries | undefined {
    return this.series.get(seriesKey(name, labels));
  }

  /** Every held series with this metric name. */
  byName(name: string): StoredSeries[] {
    const out: StoredSeries[] = [];
    for (const s of this.series.values()) if (s.name === name) out.push(s);
    return out;
  }

  /** Every held series. */
  all(): IterableIterator<StoredSeries> {
    return this.series.values();
  }

  /** Drops series whose newest sample is older than cutoffMs (epoch milliseconds); returns how many. */
  prune(cutoffMs: number): number {
    let dropped = 0;
    for (const [key, s] of this.series) {
      const last = s.ring.last();
      if (last === undefined || last.t < cutoffMs) {
        this.series.delete(key);
        dropped++;
      }
    }
    return dropped;
  }

  private evictStalest(): void {
    let stalest: StoredSeries | undefined;
    let oldest = Infinity;
    for (const s of this.series.values()) {
      const t = s.ring.last()?.t ?? -Infinity;
      if (t < oldest) {
        oldest = t;
        stalest = s;
      }
    }
    if (stalest !== undefined) {
      this.series.delete(stalest.key);
      this.evicted++;
    }
  }
}
