// The one measure of text on a terminal: how many columns a code point takes. Log text, panels and the screen
// writer all count with it, so a cut line and the cells the writer addresses always agree.

/** Ranges most terminals draw two columns wide (CJK, Hangul, full-width forms, most emoji). */
const WIDE: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f], [0x2e80, 0x303e], [0x3040, 0xa4cf], [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe30, 0xfe4f],
  [0xff00, 0xff60], [0xffe0, 0xffe6], [0x1f300, 0x1f64f], [0x1f900, 0x1f9ff], [0x20000, 0x3fffd],
];

/** Columns a code point takes: 0 for combining marks and zero-width characters, 2 for wide ones, else 1. */
export function charWidth(cp: number): number {
  if (cp < 0x300) return 1;
  if (cp <= 0x36f) return 0;
  if (cp < 0x1100) return 1;
  if ((cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
  // Box drawing, blocks and braille (the charts' characters) are below the first wide range after 0x1160.
  if (cp > 0x115f && cp < 0x2e80) return 1;
  for (const [lo, hi] of WIDE) if (cp >= lo && cp <= hi) return 2;
  return 1;
}

/** Display width of text in terminal columns (control characters must have been made visible first). */
export function displayWidth(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x300) {
      w++;
      continue;
    }
    const cp = s.codePointAt(i) ?? c;
    if (cp > 0xffff) i++;
    w += charWidth(cp);
  }
  return w;
}

/** Cuts text to at most `width` columns, ending with `marker` when cut; never splits a pair or a wide character. */
export function cutToWidth(s: string, width: number, marker: string): string {
  if (width <= 0) return '';
  const room = Math.max(0, width - displayWidth(marker));
  let used = 0;
  let keep = 0;
  let pos = 0;
  // Walks only as far as the width reaches, so a 1 MB line costs what is shown.
  for (const ch of s) {
    used += charWidth(ch.codePointAt(0) ?? 0);
    if (used > width) return s.slice(0, keep) + marker;
    pos += ch.length;
    if (used <= room) keep = pos;
  }
  return s;
}
