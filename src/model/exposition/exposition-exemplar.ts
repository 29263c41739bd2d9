// Reading the OpenMetrics exemplar that may close a sample line: `# {labels} value [timestamp]`.
import type { ExpositionExemplar } from './exposition-types.js';
import { type LabelBuffer, readLabelSet } from './exposition-labels.js';
import { type LineCursor, parseFloatToken, snippet } from './exposition-lexer.js';

/** Most characters (Unicode code points) an exemplar's label names and values may add up to (OpenMetrics 1.0). */
export const MAX_EXEMPLAR_LABEL_CHARS = 128;

const OPEN_BRACE = 123;

function fail(c: LineCursor, message: string): undefined {
  c.err = `invalid exemplar: ${message}`;
  return undefined;
}

/** Length of `s` in code points: a surrogate pair counts once. */
function codePoints(s: string): number {
  let n = s.length;
  for (let i = 1; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch >= 0xdc00 && ch <= 0xdfff) {
      const before = s.charCodeAt(i - 1);
      if (before >= 0xd800 && before <= 0xdbff) n--;
    }
  }
  return n;
}

/** Combined length of the label names and values in `buf`, in code points. */
function labelChars(buf: LabelBuffer): number {
  let units = 0;
  for (let k = 0; k < buf.count; k++) units += buf.names[k].length + buf.values[k].length;
  // A string is never shorter in code points than in UTF-16 units, so short sets need no closer count.
  if (units <= MAX_EXEMPLAR_LABEL_CHARS) return units;
  let n = 0;
  for (let k = 0; k < buf.count; k++) n += codePoints(buf.names[k]) + codePoints(buf.values[k]);
  return n;
}

/**
 * Reads the exemplar that starts at the cursor (on its `#`) and must run to the end of the line, using `buf`
 * for its labels; label values follow the same escaping as a sample's. Sets `c.err` and returns undefined
 * when the exemplar is malformed.
 */
export function readExemplar(c: LineCursor, buf: LabelBuffer): ExpositionExemplar | undefined {
  c.pos++;
  if (c.skipBlanks() === 0 || c.peek() !== OPEN_BRACE) return fail(c, 'expected "# {labels} value" after the sample');
  buf.count = 0;
  const name = readLabelSet(c, buf, '');
  if (c.err) return fail(c, c.err);
  if (name !== '') return fail(c, `a metric name ${snippet(name, 0, name.length)} is not allowed in its label set`);
  const chars = labelChars(buf);
  if (chars > MAX_EXEMPLAR_LABEL_CHARS) {
    return fail(c, `its label names and values have ${chars} characters, more than the ${MAX_EXEMPLAR_LABEL_CHARS} OpenMetrics allows`);
  }
  const blanks = c.skipBlanks();
  if (c.pos === c.end) return fail(c, 'no value');
  if (blanks === 0) return fail(c, `expected a space before the value at ${snippet(c.s, c.pos, c.end)}`);
  const valueStart = c.pos;
  const value = parseFloatToken(c.s, valueStart, c.skipToken());
  if (value === undefined) return fail(c, `invalid value ${snippet(c.s, valueStart, c.pos)}`);
  const exemplar: ExpositionExemplar = { labels: buf.toRecord(), value };
  c.skipBlanks();
  if (c.pos === c.end) return exemplar;
  const tsStart = c.pos;
  const seconds = parseFloatToken(c.s, tsStart, c.skipToken());
  if (seconds === undefined || !Number.isFinite(seconds)) {
    return fail(c, `invalid timestamp ${snippet(c.s, tsStart, c.pos)} (OpenMetrics wants seconds)`);
  }
  exemplar.timestampMs = Math.round(seconds * 1000);
  c.skipBlanks();
  if (c.pos < c.end) return fail(c, `unexpected text after its timestamp: ${snippet(c.s, c.pos, c.end)}`);
  return exemplar;
}
