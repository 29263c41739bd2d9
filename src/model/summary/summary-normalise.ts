// Masks the parts of a log message that vary between occurrences, so that the same error counts as one.

/** Each rule: the pattern, its mask, and a test for a character every match holds (skips the pattern when absent). */
const RULES: ReadonlyArray<[RegExp, string, RegExp]> = [
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>', /-/],
  [/\b(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?\b/g, '<ip>', /\./],
  [/\b(?:[0-9a-f]{1,4}:){3,7}[0-9a-f]{1,4}\b/gi, '<ip>', /:/],
  [/\b0x[0-9a-f]+\b/gi, '<hex>', /0x/i],
  [/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b/gi, '<hex>', /\d/],
  [/\b\d+(?:\.\d+)?(?:ms|s|us|ns|b|kb|mb|gb)?\b/gi, '<n>', /\d/],
];

/**
 * The message with UUIDs, IPv4/IPv6 addresses (with port), 0x-hex, hex ids of 8+ characters and numbers
 * (with a unit suffix such as ms) replaced by <uuid>, <ip>, <hex> and <n>; whitespace collapsed; at most 200 characters.
 */
export function normaliseMessage(message: string): string {
  let out = message.length > 400 ? message.slice(0, 400) : message;
  for (const [re, mask, needs] of RULES) if (needs.test(out)) out = out.replace(re, mask);
  out = out.replace(/\s+/g, ' ').trim();
  return out.length > 200 ? `${out.slice(0, 199)}…` : out;
}
