// The median of a list of numbers, as every benchmark reports it (the mean of the middle two for an even count).

/** The median of `xs` (not changed). */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
