// PromQL's `sum by (...)`: add up series that agree on the listed labels.

/** A labelled value, the input and output unit of sumBy. */
export interface LabelledValue {
  labels: Readonly<Record<string, string>>;
  value: number;
}

/**
 * Sums values grouped by the given label names. Each result carries only those labels (a label missing or
 * empty on a series counts as empty and is left out, as in Prometheus). Groups come out in order of first
 * appearance; sums are compensated (Kahan-Neumaier, as Prometheus adds), NaN and infinities propagate.
 */
export function sumBy(items: Iterable<LabelledValue>, by: readonly string[]): LabelledValue[] {
  const groups = new Map<string, { labels: Record<string, string>; sum: number; c: number }>();
  for (const item of items) {
    const values = by.map((name) => (Object.hasOwn(item.labels, name) ? item.labels[name] : ''));
    const key = JSON.stringify(values);
    let g = groups.get(key);
    if (g === undefined) {
      const labels: Record<string, string> = {};
      by.forEach((name, i) => {
        if (values[i] !== '') Object.defineProperty(labels, name, { value: values[i], enumerable: true, writable: true, configurable: true });
      });
      g = { labels, sum: 0, c: 0 };
      groups.set(key, g);
    }
    const t = g.sum + item.value;
    if (!Number.isFinite(t)) g.c = 0;
    else if (Math.abs(g.sum) >= Math.abs(item.value)) g.c += g.sum - t + item.value;
    else g.c += item.value - t + g.sum;
    g.sum = t;
  }
  const out: LabelledValue[] = [];
  for (const g of groups.values()) out.push({ labels: g.labels, value: Number.isFinite(g.sum) ? g.sum + g.c : g.sum });
  return out;
}
