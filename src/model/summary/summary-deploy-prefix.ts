// The literal text every match of a deploy pattern starts with, so that text without it can be passed over unread.

const SPECIAL = '\\^$.|?*+()[]{}';
const QUANTIFIER = '?*+{';

/**
 * The plain characters a pattern starts with, which every match must start with; null when there are fewer than 3
 * printable ASCII ones, or when the pattern ignores case or has an alternative (`|`) anywhere (then a match need
 * not start with them). A quantifier after the last of them drops it (`ab+` gives `a`).
 */
export function literalPrefix(re: RegExp): string | null {
  if (re.flags.includes('i') || re.source.includes('|')) return null;
  let lit = '';
  for (const c of re.source) {
    if (SPECIAL.includes(c)) {
      if (QUANTIFIER.includes(c)) lit = lit.slice(0, -1);
      break;
    }
    lit += c;
  }
  return lit.length >= 3 && /^[\x20-\x7e]+$/.test(lit) ? lit : null;
}

/**
 * Up to `length` characters of `literal` starting at the one least frequent in `sample` (and at least 4 before the
 * literal's end): wherever the literal is, this part is too, and a search for it stops less often on the way.
 */
export function rarestPart(literal: string, sample: Uint8Array, length = 6): string {
  const counts = new Uint32Array(256);
  for (let i = 0; i < sample.length; i++) counts[sample[i]]++;
  let best = 0;
  const last = Math.max(0, literal.length - 4);
  for (let i = 1; i <= last; i++) if (counts[literal.charCodeAt(i) & 0xff] < counts[literal.charCodeAt(best) & 0xff]) best = i;
  return literal.slice(best, best + length);
}
