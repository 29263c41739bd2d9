// Text from outside made safe for a terminal: every control shown, never executed (measured by model/text).
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
