// Bytes that look like compressed or encrypted data, from a fixed xorshift sequence (the same bytes every run).

/** `n` pseudo-random bytes from `seed`. */
export function noise(n: number, seed = 88172645): Buffer {
  const b = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b[i] = x & 0xff;
  }
  return b;
}
