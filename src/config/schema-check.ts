// A small validator for profile documents: each check returns the typed value or throws ProfileError naming the field.
import { ProfileError } from './errors.js';
import { parseDurationMs } from './duration.js';

/** Validates one value found at `path` in `file`, returning it typed. */
export type Check<T> = (value: unknown, path: string, file: string) => T;

const describe = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a mapping' : `${typeof v} ${JSON.stringify(v)}`;

const fail = (file: string, path: string, problem: string, hint?: string): never => {
  throw new ProfileError(file, path, problem, hint);
};

/** A non-empty string. */
export const str = (): Check<string> => (v, path, file) =>
  typeof v === 'string' && v.length > 0 ? v : fail(file, path, `expected a non-empty string, got ${describe(v)}`);

/** A finite number within [min, max]. */
export const num = (min = -Infinity, max = Infinity): Check<number> => (v, path, file) => {
  if (typeof v !== 'number' || !Number.isFinite(v)) return fail(file, path, `expected a number, got ${describe(v)}`);
  if (v < min || v > max) return fail(file, path, `${v} is out of range ${min}..${max}`);
  return v;
};

/** true or false. */
export const bool = (): Check<boolean> => (v, path, file) =>
  typeof v === 'boolean' ? v : fail(file, path, `expected true or false, got ${describe(v)}`);

/** A duration ("15m", "5s", or a number of seconds), returned in milliseconds. */
export const duration = (minMs = 0): Check<number> => (v, path, file) => {
  const ms = parseDurationMs(v);
  if (ms === null) return fail(file, path, `expected a duration like "15m" or "5s", got ${describe(v)}`);
  if (ms < minMs) return fail(file, path, `must be at least ${minMs} ms`);
  return ms;
};

/** An http(s) URL. */
export const url = (): Check<string> => (v, path, file) => {
  const text = str()(v, path, file);
  try {
    const parsed = new URL(text);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return text;
  } catch {
    // falls through to the error below
  }
  return fail(file, path, `expected an http:// or https:// URL, got ${JSON.stringify(text)}`);
};

/** One of a fixed set of strings. */
export const oneOf = <T extends string>(...values: T[]): Check<T> => (v, path, file) =>
  values.includes(v as T) ? (v as T) : fail(file, path, `expected one of ${values.join(', ')}, got ${describe(v)}`);

/** A list of items; a single item is accepted as a list of one. */
export const list = <T>(item: Check<T>): Check<T[]> => (v, path, file) => {
  const items = Array.isArray(v) ? v : [v];
  return items.map((x, i) => item(x, `${path}[${i}]`, file));
};

/** A mapping from string keys to items. */
export const mapOf = <T>(item: Check<T>): Check<Record<string, T>> => (v, path, file) => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return fail(file, path, `expected a mapping, got ${describe(v)}`);
  const out: Record<string, T> = {};
  for (const [k, x] of Object.entries(v)) out[k] = item(x, `${path}.${k}`, file);
  return out;
};

type Shape = Record<string, Check<unknown>>;
type Out<S extends Shape> = { [K in keyof S]?: ReturnType<S[K]> };

/** A mapping with known keys, all optional; unknown keys are errors that name the nearest known key. */
export const obj = <S extends Shape>(shape: S): Check<Out<S>> => (v, path, file) => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return fail(file, path, `expected a mapping, got ${describe(v)}`);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const field = path ? `${path}.${k}` : k;
    const check = Object.hasOwn(shape, k) ? shape[k] : undefined;
    if (!check) {
      const near = nearest(k, Object.keys(shape));
      return fail(file, field, 'unknown key', near ? `did you mean "${near}"?` : `known keys: ${Object.keys(shape).join(', ')}`);
    }
    if (x !== null && x !== undefined) out[k] = check(x, field, file);
  }
  return out as Out<S>;
};

/** Accepts a value matching any of the checks, trying them in order; the last error wins. */
export const either = <A, B>(a: Check<A>, b: Check<B>): Check<A | B> => (v, path, file) => {
  try {
    return a(v, path, file);
  } catch {
    return b(v, path, file);
  }
};

function nearest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestScore) [best, bestScore] = [c, d];
  }
  return bestScore <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}
