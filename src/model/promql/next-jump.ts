// The next jump in a series: where the error rate rises well above what came just before it (replay's `n`).

/** True when point k is at least twice the mean of the `baseline` points before it and at least `floor` above it. */
function jumpsAt(points: ReadonlyArray<[number, number | null]>, k: number, floor: number, baseline: number): boolean {
  const v = points[k]?.[1];
  if (k < baseline || v === null || v === undefined) return false;
  let sum = 0;
  for (let j = k - baseline; j < k; j++) sum += points[j][1] ?? 0;
  const mean = sum / baseline;
  return v >= 2 * mean && v - mean >= floor;
}

/**
 * The time (Unix seconds) of the first point after `afterS` where the series starts to jump: at least twice the mean
 * of the `baseline` points before it and at least `floor` above that mean, while the point before it did not. A window
 * ending there shows the jump; a rise that goes on is one jump, not one per step. Null when none is left. Points are
 * [seconds, value] in time order; gaps (null) count as 0 in the mean and are never a jump.
 */
export function nextJump(points: ReadonlyArray<[number, number | null]>, afterS: number, floor: number, baseline = 10): number | null {
  for (let k = baseline; k < points.length; k++) {
    if (points[k][0] <= afterS) continue;
    if (jumpsAt(points, k, floor, baseline) && !jumpsAt(points, k - 1, floor, baseline)) return points[k][0];
  }
  return null;
}
