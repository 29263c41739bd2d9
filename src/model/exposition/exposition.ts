// Parser for the Prometheus text format 0.0.4 and OpenMetrics 1.0: a hand-rolled scanner that never throws.
//
// Lines with a syntax error (a malformed exemplar included) and repeated series are dropped and reported,
// except that a series repeated with timestamps keeps its newest sample; semantic problems (negative
// histogram counts, buckets out of order, a missing +Inf bucket, +Inf differing from _count) are reported
// and the samples kept. Every problem becomes an entry in `errors` with its 1-based line number.
import type { Exposition, ExpositionError, ExpositionExemplar, ExpositionSample } from './exposition-types.js';
import { readExemplar } from './exposition-exemplar.js';
import { FamilyResolver, HashIndex, HistogramChecks, sameLabels, type FamilyRef } from './exposition-families.js';
import { LabelBuffer, readLabelSet } from './exposition-labels.js';
import { LineCursor, parseFloatToken, parseIntToken, readMetricName, readQuoted, snippet } from './exposition-lexer.js';

/** Most problems listed per body; the rest are counted in one closing entry. */
export const MAX_EXPOSITION_ERRORS = 200;

const TEXT_TYPES = new Set(['counter', 'gauge', 'histogram', 'gauge_histogram', 'summary', 'untyped']);
const OPENMETRICS_TYPES = new Set(['counter', 'gauge', 'histogram', 'gaugehistogram', 'stateset', 'info', 'summary', 'unknown']);
const HASH = 35;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const QUOTE = 34;

/** Which dialect a body is in: the content type decides when it names one, else a `# EOF` line means OpenMetrics. */
export function detectExpositionFormat(body: string, contentType?: string): Exposition['format'] {
  const ct = (contentType ?? '').toLowerCase();
  if (ct.includes('application/openmetrics-text')) return 'openmetrics';
  if (ct.includes('text/plain')) return 'text';
  let at = body.indexOf('# EOF');
  while (at !== -1) {
    const before = at === 0 ? 10 : body.charCodeAt(at - 1);
    const after = at + 5 < body.length ? body.charCodeAt(at + 5) : 10;
    if (before === 10 && (after === 10 || after === 13)) return 'openmetrics';
    at = body.indexOf('# EOF', at + 5);
  }
  return 'text';
}

/** Parses an exposition body into samples, declared types and per-line errors; never throws. */
export function parseExposition(body: string, contentType?: string): Exposition {
  const text = typeof body === 'string' ? body : '';
  const parser = new ExpositionParser(text, detectExpositionFormat(text, contentType));
  try {
    parser.run();
  } catch (e) {
    parser.report(parser.line, `internal parser error: ${e instanceof Error ? e.message : String(e)}`);
  }
  return parser.result();
}

class ExpositionParser {
  private readonly om: boolean;
  private readonly samples: ExpositionSample[] = [];
  private readonly types = new Map<string, string>();
  private readonly errors: ExpositionError[] = [];
  private omitted = 0;
  private firstOmittedLine = 0;
  private readonly c = new LineCursor();
  private readonly labels = new LabelBuffer();
  private readonly exemplarLabels = new LabelBuffer();
  private readonly resolver = new FamilyResolver(this.types);
  /** Kept samples by series hash. */
  private readonly seen = new HashIndex();
  private readonly helpSeen = new Set<string>();
  private readonly histograms = new HistogramChecks();
  private eofLine = 0;
  /** The previous sample's name and family, reused while consecutive lines share a name. */
  private lastName = '';
  /** The last bare (unquoted) metric name, the hint for the next line. */
  private bareHint = '';
  private lastRef: FamilyRef | undefined;
  /** True while parsing a last line that has no newline after it. */
  private unterminated = false;
  line = 0;

  constructor(
    private readonly s: string,
    private readonly format: Exposition['format'],
  ) {
    this.om = format === 'openmetrics';
  }

  report(line: number, message: string): void {
    if (this.errors.length < MAX_EXPOSITION_ERRORS) this.errors.push({ line, message });
    else if (this.omitted++ === 0) this.firstOmittedLine = line;
  }

  /** Reports a line that does not parse; without a newline after it, the body was most likely cut there. */
  private malformed(message: string): void {
    this.report(this.line, this.unterminated ? `last line does not end with a newline and is incomplete (the body may have been cut short): ${message}` : message);
  }

  result(): Exposition {
    const errors = this.errors.slice().sort((a, b) => a.line - b.line);
    if (this.omitted > 0) errors.push({ line: this.firstOmittedLine, message: `${this.omitted} more problems not listed` });
    return { samples: this.samples, types: this.types, errors, format: this.format };
  }

  run(): void {
    const s = this.s;
    const len = s.length;
    const first = s.trimStart().charCodeAt(0);
    if (first === 60) {
      this.report(1, 'body looks like HTML, not a metrics exposition (a login page or proxy error?)');
      return;
    }
    let pos = 0;
    while (pos < len) {
      this.line++;
      let nl = s.indexOf('\n', pos);
      const terminated = nl !== -1;
      if (!terminated) nl = len;
      let end = nl;
      if (end > pos && s.charCodeAt(end - 1) === 13) end--;
      if (this.eofLine !== 0) {
        if (s.slice(pos).trim() !== '') this.report(this.line, 'content after "# EOF"');
        break;
      }
      // A last line without a newline is kept when it parses: only an incomplete one shows a cut body.
      this.unterminated = !terminated;
      this.parseLine(pos, end);
      pos = nl + 1;
    }
    if (this.om && this.eofLine === 0) this.report(Math.max(this.line, 1), 'OpenMetrics body does not end with "# EOF"');
    for (const p of this.histograms.finish()) this.report(p.line, p.message);
  }

  private parseLine(pos: number, end: number): void {
    const c = this.c;
    c.reset(this.s, pos, end);
    c.skipBlanks();
    if (c.pos === end) {
      if (this.om && !this.unterminated) this.report(this.line, 'blank line (not allowed in OpenMetrics)');
      return;
    }
    if (c.peek() === HASH) this.parseComment();
    else this.parseSample();
  }

  private parseComment(): void {
    const c = this.c;
    const s = this.s;
    c.pos++;
    c.skipBlanks();
    const wordStart = c.pos;
    const word = s.slice(wordStart, c.skipToken());
    if (this.om) {
      if (word === 'EOF') {
        c.skipBlanks();
        if (c.pos === c.end) this.eofLine = this.line;
        else this.malformed('unexpected text after "# EOF"');
        return;
      }
      if (word !== 'HELP' && word !== 'TYPE' && word !== 'UNIT') {
        this.malformed('comment line not allowed in OpenMetrics (only HELP, TYPE, UNIT and EOF)');
        return;
      }
    } else if (word !== 'HELP' && word !== 'TYPE') {
      return;
    }
    c.skipBlanks();
    if (c.pos === c.end) {
      if (this.om || word === 'TYPE') this.malformed(`${word} line without a metric name`);
      return;
    }
    const name = c.peek() === QUOTE ? readQuoted(c, 0) : readMetricName(c, '');
    if (c.err || name === '' || (c.pos < c.end && c.skipBlanks() === 0)) {
      this.malformed(c.err || `invalid metric name in ${word} line`);
      return;
    }
    if (word === 'HELP') {
      if (c.pos === c.end && !this.om) return;
      if (this.helpSeen.has(name)) this.report(this.line, `second HELP line for metric "${name}"`);
      else this.helpSeen.add(name);
    } else if (word === 'TYPE') {
      this.declareType(name);
    }
  }

  private declareType(name: string): void {
    const c = this.c;
    const start = c.pos;
    const raw = this.s.slice(start, c.skipToken());
    c.skipBlanks();
    if (raw === '') return this.malformed(`TYPE line for "${name}" without a type`);
    if (c.pos < c.end) return this.malformed(`unexpected text after the type in TYPE line for "${name}"`);
    const type = this.om ? raw : raw.toLowerCase();
    if (!(this.om ? OPENMETRICS_TYPES : TEXT_TYPES).has(type)) {
      return this.malformed(`unknown metric type ${snippet(raw, 0, raw.length)} for "${name}"`);
    }
    if (this.types.has(name)) return this.report(this.line, `second TYPE line for metric "${name}"`);
    if (this.resolver.hasSamples(name)) return this.report(this.line, `TYPE line for "${name}" comes after its samples`);
    this.types.set(name, type);
    this.resolver.declared(name);
    this.lastRef = undefined;
  }

  private parseSample(): void {
    const c = this.c;
    const s = this.s;
    const lineStart = c.pos;
    let name = '';
    if (c.peek() !== OPEN_BRACE) {
      name = readMetricName(c, this.bareHint);
      this.bareHint = name;
      const next = c.peek();
      if (name === '' || (next !== 32 && next !== 9 && next !== OPEN_BRACE && next !== -1)) {
        return this.malformed(`invalid metric name at ${snippet(s, lineStart, c.end)}`);
      }
      c.skipBlanks();
    }
    this.labels.count = 0;
    if (c.peek() === OPEN_BRACE) {
      name = readLabelSet(c, this.labels, name);
      if (c.err) return this.malformed(c.err);
    }
    if (name === '') return this.malformed('sample without a metric name');
    c.skipBlanks();
    if (c.pos === c.end) return this.malformed(`sample "${name}" has no value`);
    const valueStart = c.pos;
    const value = parseFloatToken(s, valueStart, c.skipToken());
    if (value === undefined) return this.malformed(`invalid value ${snippet(s, valueStart, c.pos)} for "${name}"`);
    let timestampMs: number | undefined;
    c.skipBlanks();
    if (c.pos < c.end && !(this.om && c.peek() === HASH)) {
      const tsStart = c.pos;
      const tsEnd = c.skipToken();
      if (this.om) {
        const seconds = parseFloatToken(s, tsStart, tsEnd);
        if (seconds === undefined || !Number.isFinite(seconds)) {
          return this.malformed(`invalid timestamp ${snippet(s, tsStart, tsEnd)} (OpenMetrics wants seconds)`);
        }
        timestampMs = Math.round(seconds * 1000);
      } else {
        timestampMs = parseIntToken(s, tsStart, tsEnd);
        if (timestampMs === undefined) {
          return this.malformed(`invalid timestamp ${snippet(s, tsStart, tsEnd)} (the text format wants integer milliseconds)`);
        }
      }
      c.skipBlanks();
      if (c.pos < c.end && !(this.om && c.peek() === HASH)) {
        return this.malformed(`unexpected text after the timestamp: ${snippet(s, c.pos, c.end)}`);
      }
    }
    let exemplar: ExpositionExemplar | undefined;
    // Anything left is an OpenMetrics "# {labels} value [timestamp]": every other case returned above.
    if (c.pos < c.end) {
      exemplar = readExemplar(c, this.exemplarLabels);
      if (exemplar === undefined) return this.malformed(c.err);
    }
    this.accept(name, value, timestampMs, exemplar);
  }

  /**
   * Applies the family rules to a well-formed sample and keeps it unless it must be dropped. A series
   * repeated with timestamps on both lines keeps its newest sample (the later line on equal timestamps).
   */
  private accept(name: string, value: number, timestampMs: number | undefined, exemplar: ExpositionExemplar | undefined): void {
    let ref = this.lastRef;
    if (ref === undefined || name !== this.lastName) {
      ref = this.resolver.resolve(name);
      this.lastName = name;
      this.lastRef = ref;
    }
    const buf = this.labels;
    const labels: Record<string, string> = {};
    let sum = 0;
    let leHash = 0;
    for (let k = 0; k < buf.count; k++) {
      const n = buf.names[k];
      const v = buf.values[k];
      if (n === '__proto__') Object.defineProperty(labels, n, { value: v, enumerable: true, writable: true, configurable: true });
      else labels[n] = v;
      const h = buf.pairHashes[k];
      sum = (sum + h) | 0;
      if (n === 'le') leHash = h;
    }
    const hash = (ref.nameHash + sum) | 0;
    let replaces = -1;
    for (let id = this.seen.first(hash); id >= 0; id = this.seen.next()) {
      const kept = this.samples[id];
      if (kept.name === name && sameLabels(kept.labels, labels)) {
        const keptMs = kept.timestampMs;
        if (timestampMs === undefined || keptMs === undefined) {
          return this.report(this.line, `duplicate series ${name}${buf.render()}; the first one is kept`);
        }
        if (timestampMs < keptMs) {
          return this.report(this.line, `series ${name}${buf.render()} goes back in time (${timestampMs} ms after ${keptMs} ms); the newest sample is kept`);
        }
        replaces = id;
        break;
      }
    }
    if (ref.type !== '' && !this.checkFamily(name, ref, value, (ref.familyHash + sum - leHash) | 0, timestampMs, replaces >= 0)) return;
    const sample: ExpositionSample = { name, labels, value };
    if (timestampMs !== undefined) sample.timestampMs = timestampMs;
    if (exemplar !== undefined) sample.exemplar = exemplar;
    if (replaces >= 0) {
      this.samples[replaces] = sample;
      return;
    }
    this.seen.add(hash, this.samples.length);
    this.samples.push(sample);
  }

  /** Returns false when the sample must be dropped; reports what it finds either way. `repeat`: it replaces an older sample. */
  private checkFamily(name: string, ref: FamilyRef, value: number, groupHash: number, timestampMs: number | undefined, repeat: boolean): boolean {
    const { type, suffix, family } = ref;
    if (type === 'histogram' || type === 'gauge_histogram' || type === 'gaugehistogram') {
      if (suffix === '_bucket') {
        const raw = this.labels.value('le');
        const le = raw === undefined ? undefined : parseFloatToken(raw, 0, raw.length);
        if (le === undefined || Number.isNaN(le)) {
          this.report(this.line, raw === undefined ? `histogram bucket "${name}" has no "le" label` : `"le" label ${snippet(raw, 0, raw.length)} is not a number`);
          return false;
        }
        const problem = this.histograms.bucket(groupHash, family, this.labels.names, this.labels.values, this.labels.count, le, value, this.line, timestampMs, repeat);
        if (problem) this.report(this.line, problem);
      } else if (suffix === '_count' || suffix === '_gcount') {
        const problem = this.histograms.count(groupHash, family, this.labels.names, this.labels.values, this.labels.count, value, this.line);
        if (problem) this.report(this.line, problem);
      } else if (suffix === '' && this.om) {
        this.report(this.line, `histogram sample "${name}" needs a _bucket, _count or _sum suffix`);
        return false;
      }
    } else if (type === 'summary') {
      const raw = suffix === '' ? this.labels.value('quantile') : undefined;
      if (raw !== undefined && parseFloatToken(raw, 0, raw.length) === undefined) {
        this.report(this.line, `"quantile" label ${snippet(raw, 0, raw.length)} is not a number`);
        return false;
      }
      if (suffix === '_count' && !(value >= 0)) this.report(this.line, `summary "${family}" has a negative or NaN count`);
    } else if (this.om && suffix === '' && (type === 'counter' || type === 'info')) {
      this.report(this.line, `${type} sample "${name}" needs the ${type === 'counter' ? '_total' : '_info'} suffix`);
      return false;
    } else if (this.om && suffix === '_total' && !(value >= 0)) {
      this.report(this.line, `counter "${family}" has a negative or NaN value`);
    }
    return true;
  }
}
