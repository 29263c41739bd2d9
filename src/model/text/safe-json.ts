// JSON for a terminal: the same document JSON.stringify gives, with the characters JSON may leave raw but a
// terminal may act on (DEL, C1 controls such as CSI, bidi controls, line and paragraph separators) written as
// \uXXXX escapes. A script reading it gets the raw values back; a terminal showing it executes nothing.

/** Characters valid raw in a JSON string that a terminal or a text viewer may still interpret. */
const RISKY = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `JSON.stringify(value, null, indent)` with risky characters escaped; the parsed value is unchanged. */
export function safeJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(RISKY, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
