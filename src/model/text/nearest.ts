// The names nearest to a misspelt one: edit distance, then shared prefix, then the given order.

/** Levenshtein distance between two strings, computed in two rows; stops early past `max` (returns max + 1). */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, row[j]);
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[b.length];
}

/** Up to `count` of `names` closest to `wanted` (case-insensitive), nearest first. */
export function nearestNames(wanted: string, names: readonly string[], count: number): string[] {
  const w = wanted.toLowerCase();
  return names
    .map((name, i) => ({ name, i, d: editDistance(w, name.toLowerCase(), Math.max(3, w.length)) }))
    .sort((x, y) => x.d - y.d || x.i - y.i)
    .slice(0, count)
    .map((x) => x.name);
}
