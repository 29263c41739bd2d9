// Reading one sample's `{name="value",...}` label set into reusable buffers, hashing as it goes.
import { labelNameSeed, mixHash } from './exposition-families.js';
import { type LineCursor, readLabelName, readQuoted, snippet } from './exposition-lexer.js';

const CLOSE_BRACE = 125;
const QUOTE = 34;
const COMMA = 44;
const EQUALS = 61;

/**
 * The labels of the line being parsed, in arrays reused from line to line. Entries past `count` still
 * hold earlier lines' labels; the previous line's names serve as hints for the next one.
 */
export class LabelBuffer {
  names: string[] = [];
  values: string[] = [];
  /** Per position, the last bare (unquoted) name read there. */
  hints: string[] = [];
  /** Per label: labelNameSeed of names[k], and the mixed hash of the pair (name, value). */
  seeds: number[] = [];
  pairHashes: number[] = [];
  count = 0;

  /** The value of `label` on the current line, or undefined. */
  value(label: string): string | undefined {
    for (let k = 0; k < this.count; k++) if (this.names[k] === label) return this.values[k];
    return undefined;
  }

  /** The current labels as a fresh record (a `__proto__` label stays an own property). */
  toRecord(): Record<string, string> {
    const out: Record<string, string> = {};
    for (let k = 0; k < this.count; k++) {
      const n = this.names[k];
      if (n === '__proto__') Object.defineProperty(out, n, { value: this.values[k], enumerable: true, writable: true, configurable: true });
      else out[n] = this.values[k];
    }
    return out;
  }

  /** The current labels as `{a="x",b="y"}` for a message (values shortened and escaped). */
  render(): string {
    if (this.count === 0) return '';
    const parts: string[] = [];
    for (let k = 0; k < this.count; k++) parts.push(`${this.names[k]}=${snippet(this.values[k], 0, this.values[k].length)}`);
    return `{${parts.join(',')}}`;
  }
}

/**
 * Reads `{...}` at the cursor into `buf` (which the caller emptied) and returns the metric name: `name`,
 * or a quoted name found inside the braces. On a syntax error sets `c.err`.
 */
export function readLabelSet(c: LineCursor, buf: LabelBuffer, name: string): string {
  c.pos++;
  for (;;) {
    c.skipBlanks();
    const ch = c.peek();
    if (ch === CLOSE_BRACE) {
      c.pos++;
      return name;
    }
    if (ch === -1) {
      c.err = 'label set is not closed with "}"';
      return name;
    }
    const quoted = ch === QUOTE;
    const k = buf.count;
    const hint = buf.hints[k] ?? '';
    const labelName = quoted ? readQuoted(c, 0) : readLabelName(c, hint);
    if (c.err) return name;
    if (labelName === '') {
      c.err = quoted ? 'empty quoted name' : `invalid label name at ${snippet(c.s, c.pos, c.end)}`;
      return name;
    }
    c.skipBlanks();
    let sep = c.peek();
    if (quoted && (sep === COMMA || sep === CLOSE_BRACE)) {
      if (name !== '') {
        c.err = 'metric name given twice';
        return name;
      }
      name = labelName;
    } else {
      if (sep !== EQUALS) {
        c.err = `expected "=" after label name "${labelName}"`;
        return name;
      }
      c.pos++;
      c.skipBlanks();
      if (c.peek() !== QUOTE) {
        c.err = `label value for "${labelName}" must be in double quotes`;
        return name;
      }
      const seed = !quoted && labelName === hint && buf.names[k] === hint ? buf.seeds[k] : labelNameSeed(labelName);
      const value = readQuoted(c, seed);
      if (c.err) return name;
      if (labelName === '__name__') {
        c.err = 'label name "__name__" is reserved';
        return name;
      }
      for (let j = 0; j < k; j++) {
        if (buf.names[j] === labelName) {
          c.err = `duplicate label name "${labelName}"`;
          return name;
        }
      }
      buf.names[k] = labelName;
      buf.hints[k] = quoted ? '' : labelName;
      buf.values[k] = value;
      buf.seeds[k] = seed;
      buf.pairHashes[k] = mixHash(c.hash);
      buf.count++;
      c.skipBlanks();
      sep = c.peek();
    }
    if (sep === COMMA) c.pos++;
    else if (sep !== CLOSE_BRACE) {
      c.err = sep === -1 ? 'label set is not closed with "}"' : `expected "," or "}" after label ${snippet(c.s, c.pos, c.end)}`;
      return name;
    }
  }
}
