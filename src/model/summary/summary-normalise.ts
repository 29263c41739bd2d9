// Masks the parts of a log message that vary between occurrences, so that the same error counts as one.

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const IPV4 = /\b(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?\b/g;
const IPV6 = /\b(?:[0-9a-f]{1,4}:){3,7}[0-9a-f]{1,4}\b/gi;
const HEX_0X = /\b0x[0-9a-f]+\b/gi;
const HEX_ID = /\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b/gi;
const NUMBER = /\b\d+(?:\.\d+)?(?:ms|s|us|ns|b|kb|mb|gb)?\b/gi;
const EIGHT_HEX = /[0-9a-f]{8}/i;
const DIGIT = /\d/;
/** Whitespace that collapsing changes: any but a lone space (most messages have none). */
const COLLAPSIBLE = /[^\S ]| {2}/;
const SPACES = /\s+/g;

/** At least `n` of `c` in `s`. */
function atLeast(s: string, c: string, n: number): boolean {
  for (let at = s.indexOf(c); at >= 0; at = s.indexOf(c, at + 1)) if (--n === 0) return true;
  return false;
}

/**
 * The message with UUIDs, IPv4/IPv6 addresses (with port), 0x-hex, hex ids of 8+ characters and numbers
 * (with a unit suffix such as ms) replaced by <uuid>, <ip>, <hex> and <n>; whitespace collapsed; at most 200 characters.
 * The masks are applied in that order. Each is skipped when the message lacks something every match holds (four
 * dashes for a UUID, three dots or colons for an address, ...): a summary meets most messages once, before V8 has
 * compiled the patterns, and a pattern not run costs nothing.
 */
export function normaliseMessage(message: string): string {
  let out = message.length > 400 ? message.slice(0, 400) : message;
  if (atLeast(out, '-', 4)) out = out.replace(UUID, '<uuid>');
  if (atLeast(out, '.', 3)) out = out.replace(IPV4, '<ip>');
  if (atLeast(out, ':', 3)) out = out.replace(IPV6, '<ip>');
  if (out.includes('0x') || out.includes('0X')) out = out.replace(HEX_0X, '<hex>');
  if (EIGHT_HEX.test(out)) out = out.replace(HEX_ID, '<hex>');
  if (DIGIT.test(out)) out = out.replace(NUMBER, '<n>');
  if (COLLAPSIBLE.test(out)) out = out.replace(SPACES, ' ');
  out = out.trim();
  return out.length > 200 ? `${out.slice(0, 199)}…` : out;
}
