// Log text made safe for a terminal, and measured and cut by display width.
//
// Every control character is shown in caret notation (ESC as ^[, BEL as ^G, CR as ^M, NUL as ^@, DEL as ^?),
// so an escape sequence such as ESC ] 0 ; title BEL arrives on screen as the visible text ^[]0;title^G.
// C1 controls, bidi overrides and isolates, and lone surrogates are shown as <U+XXXX>. A tab becomes a space.

/** Characters that need rewriting; valid surrogate pairs also match and are kept by the slow path. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/;

const hex = (code: number) => `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;

function escapeChar(code: number): string {
  if (code === 0x09) return ' ';
  if (code < 0x20) return `^${String.fromCharCode(code + 0x40)}`;
  if (code === 0x7f) return '^?';
  return hex(code);
}

/**
 * The text with every control character, escape sequence introducer, C1 control, bidi control and lone surrogate
 * replaced by a visible form. Only the first `maxChars` UTF-16 units are looked at when given (a 1 MB line costs
 * what is shown, not what was read).
 */
export function safeText(s: string, maxChars?: number): string {
  const text = maxChars !== undefined && s.length > maxChars ? s.slice(0, maxChars) : s;
  if (!UNSAFE.test(text)) return text;
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const isSafe = c >= 0x20 && c !== 0x7f && !(c >= 0x80 && c <= 0x9f) && c !== 0x61c && c !== 0x200e && c !== 0x200f
      && !(c >= 0x202a && c <= 0x202e) && !(c >= 0x2066 && c <= 0x2069) && !(c >= 0xd800 && c <= 0xdfff);
    if (isSafe) continue;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
    }
    out += text.slice(from, i) + escapeChar(c);
    from = i + 1;
  }
  return out + text.slice(from);
}

/** Columns a code point takes: 0 for combining marks, 2 for East Asian wide and emoji, else 1. */
export function charWidth(cp: number): number {
  if (cp < 0x300) return 1;
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200d) || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) || (cp >= 0xac00 && cp <= 0xd7a3)
    || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60)
    || (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1f64f) || (cp >= 0x1f900 && cp <= 0x1f9ff)
    || (cp >= 0x20000 && cp <= 0x3fffd)
  ) return 2;
  return 1;
}

/** Display width of already safe text, in terminal columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch.codePointAt(0) ?? 0);
  return w;
}

/** Cuts safe text to at most `width` columns, ending with `marker` when cut; never splits a pair or a wide character. */
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
