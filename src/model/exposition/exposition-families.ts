// Which declared metric family a sample belongs to, series hashing, and the cross-line histogram checks.
import { hashRange } from './exposition-lexer.js';

/** A sample name resolved against the TYPE lines seen so far. */
export interface FamilyRef {
  /** Metric family name (the sample name without its suffix when a TYPE line claims it). */
  family: string;
  /** Declared type, or '' when no TYPE line covers the sample. */
  type: string;
  /** The suffix that tied the sample to its family ('_bucket', '_total', ...), or '' for an exact match. */
  suffix: string;
  /** seriesNameHash of the sample name and of the family name. */
  nameHash: number;
  familyHash: number;
}

/** Sample-name suffixes each declared type may use (text format and OpenMetrics spellings). */
const SUFFIXES: Record<string, readonly string[]> = {
  counter: ['_total', '_created'],
  histogram: ['_bucket', '_count', '_sum', '_created'],
  gauge_histogram: ['_bucket', '_count', '_sum'],
  gaugehistogram: ['_bucket', '_gcount', '_gsum'],
  summary: ['_count', '_sum', '_created'],
  info: ['_info'],
};
const ALL_SUFFIXES = ['_bucket', '_count', '_sum', '_total', '_created', '_gcount', '_gsum', '_info'];

/** FNV-1a offset basis: the seed of every hash here. */
export const HASH_SEED = 0x811c9dc5 | 0;

/** Final avalanche step (MurmurHash3's fmix32), so sums of hashes stay well spread. */
export function mixHash(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** Hash of a metric or family name; a series hash adds the pair hashes of its labels (order-free). */
export function seriesNameHash(name: string): number {
  return mixHash(hashRange(HASH_SEED, name, 0, name.length));
}

/** The seed a label value's hash continues from, given the label name. */
export function labelNameSeed(name: string): number {
  return hashRange(HASH_SEED, name, 0, name.length) ^ 0x5bd1e995;
}

/** Resolves a sample name to its family given declared types (metric family name -> type). */
export function sampleFamily(name: string, types: ReadonlyMap<string, string>): FamilyRef {
  const exact = types.get(name);
  const own = seriesNameHash(name);
  if (exact !== undefined) return { family: name, type: exact, suffix: '', nameHash: own, familyHash: own };
  for (const suffix of ALL_SUFFIXES) {
    if (name.length <= suffix.length || !name.endsWith(suffix)) continue;
    const family = name.slice(0, name.length - suffix.length);
    const type = types.get(family);
    if (type !== undefined && SUFFIXES[type]?.includes(suffix)) {
      return { family, type, suffix, nameHash: own, familyHash: seriesNameHash(family) };
    }
  }
  return { family: name, type: '', suffix: '', nameHash: own, familyHash: own };
}

/** Caches sample-name resolution and remembers which families already had samples. */
export class FamilyResolver {
  private readonly cache = new Map<string, FamilyRef>();
  private readonly sampled = new Set<string>();

  constructor(private readonly types: ReadonlyMap<string, string>) {}

  /** The family of a sample name, noting that the family now has samples. */
  resolve(name: string): FamilyRef {
    let ref = this.cache.get(name);
    if (ref === undefined) {
      ref = sampleFamily(name, this.types);
      this.cache.set(name, ref);
      this.sampled.add(ref.family);
    }
    return ref;
  }

  /** Whether samples of this family (by exact family name) were already seen. */
  hasSamples(family: string): boolean {
    return this.sampled.has(family);
  }

  /** Forgets cached resolutions a new TYPE line for `family` could change. */
  declared(family: string): void {
    this.cache.delete(family);
    for (const suffix of ALL_SUFFIXES) this.cache.delete(family + suffix);
  }
}

/**
 * An open-addressing hash table of small integers (ids >= 0) keyed by 32-bit hashes. Equal hashes may
 * belong to different keys: `first`/`next` walk every id stored under a hash and the caller decides.
 */
export class HashIndex {
  private hashes = new Int32Array(1024);
  private ids = new Int32Array(1024);
  private size = 0;
  private probe = 0;
  private probeHash = 0;

  /** The first id stored under `hash`, or -1. */
  first(hash: number): number {
    this.probeHash = hash;
    this.probe = (hash & (this.ids.length - 1)) - 1;
    return this.next();
  }

  /** The next id stored under the hash given to `first`, or -1. */
  next(): number {
    const mask = this.ids.length - 1;
    for (let i = (this.probe + 1) & mask; this.ids[i] !== 0; i = (i + 1) & mask) {
      if (this.hashes[i] === this.probeHash) {
        this.probe = i;
        return this.ids[i] - 1;
      }
    }
    return -1;
  }

  /** Stores `id` under `hash`. */
  add(hash: number, id: number): void {
    if ((this.size + 1) * 2 > this.ids.length) this.grow();
    this.put(hash, id + 1);
    this.size++;
  }

  private put(hash: number, stored: number): void {
    const mask = this.ids.length - 1;
    let i = hash & mask;
    while (this.ids[i] !== 0) i = (i + 1) & mask;
    this.hashes[i] = hash;
    this.ids[i] = stored;
  }

  private grow(): void {
    const { hashes, ids } = this;
    this.hashes = new Int32Array(ids.length * 2);
    this.ids = new Int32Array(ids.length * 2);
    for (let i = 0; i < ids.length; i++) if (ids[i] !== 0) this.put(hashes[i], ids[i]);
  }
}

interface HistogramGroup {
  family: string;
  /** Label names and values other than `le`, to tell hash collisions apart. */
  names: string[];
  values: string[];
  firstLine: number;
  lastLe: number;
  lastCount: number;
  infCount: number | undefined;
  count: number | undefined;
  countLine: number;
  /** Timestamp (epoch ms) of the buckets the order checks follow, when they carried one. */
  pointMs: number | undefined;
}

function inGroup(g: HistogramGroup, family: string, names: string[], values: string[], count: number): boolean {
  if (g.family !== family) return false;
  let n = 0;
  for (let k = 0; k < count; k++) {
    if (names[k] === 'le') continue;
    if (n >= g.names.length || g.names[n] !== names[k] || g.values[n] !== values[k]) return false;
    n++;
  }
  return n === g.names.length;
}

/** A problem found by a cross-line check: which line, and why. */
export interface LineProblem {
  line: number;
  message: string;
}

/** Checks classic histograms across lines: ascending `le`, non-decreasing counts, `+Inf` bucket equal to `_count`. */
export class HistogramChecks {
  private readonly groups: HistogramGroup[] = [];
  private readonly index = new HashIndex();
  private last: HistogramGroup | undefined;
  private lastHash = 0;

  /** Finds or creates the group of a line: family plus its labels other than `le` (names/values[0..count)). */
  private group(hash: number, family: string, names: string[], values: string[], count: number, line: number): HistogramGroup {
    // Buckets of one group arrive one after another, so the last group is nearly always the answer.
    if (this.last !== undefined && this.lastHash === hash && inGroup(this.last, family, names, values, count)) return this.last;
    let id = this.index.first(hash);
    while (id >= 0 && !inGroup(this.groups[id], family, names, values, count)) id = this.index.next();
    let g: HistogramGroup;
    if (id >= 0) g = this.groups[id];
    else {
      const ownNames: string[] = [];
      const ownValues: string[] = [];
      for (let k = 0; k < count; k++) {
        if (names[k] === 'le') continue;
        ownNames.push(names[k]);
        ownValues.push(values[k]);
      }
      g = { family, names: ownNames, values: ownValues, firstLine: line, lastLe: -Infinity, lastCount: -Infinity, infCount: undefined, count: undefined, countLine: 0, pointMs: undefined };
      this.index.add(hash, this.groups.length);
      this.groups.push(g);
    }
    this.last = g;
    this.lastHash = hash;
    return g;
  }

  /**
   * Records one `_bucket` sample; returns a problem message or ''. `repeat` says the bucket replaces an earlier
   * sample of its series: with a new timestamp it starts the group's next point, checked afresh.
   */
  bucket(hash: number, family: string, names: string[], values: string[], count: number, le: number, value: number, line: number, timestampMs?: number, repeat = false): string {
    const g = this.group(hash, family, names, values, count, line);
    if (repeat && timestampMs !== g.pointMs) {
      g.lastLe = -Infinity;
      g.lastCount = -Infinity;
      g.infCount = undefined;
    }
    g.pointMs = timestampMs;
    let problem = '';
    if (!(value >= 0)) problem = `histogram "${family}" has a negative or NaN bucket count`;
    else if (le <= g.lastLe) problem = `histogram "${family}" buckets are not in ascending "le" order`;
    else if (value < g.lastCount) problem = `histogram "${family}" bucket counts decrease as "le" grows`;
    if (le > g.lastLe) g.lastLe = le;
    if (value > g.lastCount) g.lastCount = value;
    if (le === Infinity) g.infCount = value;
    return problem;
  }

  /** Records one `_count` sample; returns a problem message or ''. */
  count(hash: number, family: string, names: string[], values: string[], count: number, value: number, line: number): string {
    const g = this.group(hash, family, names, values, count, line);
    g.count = value;
    g.countLine = line;
    return value >= 0 ? '' : `histogram "${family}" has a negative or NaN count`;
  }

  /** Problems visible only once every line is read. */
  finish(): LineProblem[] {
    const out: LineProblem[] = [];
    for (const g of this.groups) {
      if (g.lastLe === -Infinity) continue;
      if (g.infCount === undefined) {
        out.push({ line: g.firstLine, message: `histogram "${g.family}" has no le="+Inf" bucket` });
      } else if (g.count !== undefined && g.count !== g.infCount && !(Number.isNaN(g.count) && Number.isNaN(g.infCount))) {
        out.push({ line: g.countLine, message: `histogram "${g.family}" _count (${g.count}) differs from its le="+Inf" bucket (${g.infCount})` });
      }
    }
    return out;
  }
}

/** Whether two label sets are equal. */
export function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  let na = 0;
  for (const k in a) {
    if (!Object.hasOwn(b, k) || a[k] !== b[k]) return false;
    na++;
  }
  let nb = 0;
  for (const _ in b) nb++;
  return na === nb;
}
