// OpenMetrics exemplars (`sample # {labels} value [timestamp]`), from the OpenMetrics 1.0 text format rules:
// a well-formed exemplar rides on its sample, a malformed one makes the whole line malformed.
import { describe, expect, it } from 'vitest';
import { parseExposition } from '../../../src/model/exposition/exposition.js';
import { MAX_EXEMPLAR_LABEL_CHARS } from '../../../src/model/exposition/exposition-exemplar.js';
import type { ExpositionExemplar } from '../../../src/model/exposition/exposition-types.js';

const OM = 'application/openmetrics-text; version=1.0.0; charset=utf-8';

describe('parseExposition: exemplars that must be kept on their sample', () => {
  const cases: Array<{ name: string; line: string; exemplar: ExpositionExemplar; timestampMs?: number }> = [
    {
      name: 'histogram bucket with trace id, value and float-second timestamp',
      line: 'foo_bucket{le="0.5"} 10 # {trace_id="abc123"} 0.3 1520879607.789',
      exemplar: { labels: { trace_id: 'abc123' }, value: 0.3, timestampMs: 1520879607789 },
    },
    { name: 'without a timestamp', line: 'foo_bucket{le="+Inf"} 11 # {trace_id="d"} 9', exemplar: { labels: { trace_id: 'd' }, value: 9 } },
    { name: 'empty label set', line: 'foo_bucket{le="+Inf"} 11 # {} 1', exemplar: { labels: {}, value: 1 } },
    {
      name: 'after the sample\'s own timestamp, which stays the sample\'s',
      line: 'foo_bucket{le="+Inf"} 11 1795357757 # {a="b"} 2.5 1795357756.5',
      exemplar: { labels: { a: 'b' }, value: 2.5, timestampMs: 1795357756500 },
      timestampMs: 1795357757000,
    },
    {
      name: 'label values with known escapes, an unknown escape, and " # " inside',
      line: 'foo_bucket{le="+Inf"} 11 # {path="C:\\foo",q="a\\"b\\\\c\\nd",note="x # y"} 1',
      exemplar: { labels: { path: 'C:\\foo', q: 'a"b\\c\nd', note: 'x # y' }, value: 1 },
    },
    { name: 'several labels, spaces around them, NaN value', line: 'foo_bucket{le="+Inf"} 11 # { trace_id="t" , span_id="s" } NaN', exemplar: { labels: { trace_id: 't', span_id: 's' }, value: NaN } },
    { name: 'on a counter total', line: 'foo_total 7 # {trace_id="c"} 1 2', exemplar: { labels: { trace_id: 'c' }, value: 1, timestampMs: 2000 } },
    {
      name: `label names and values of exactly ${MAX_EXEMPLAR_LABEL_CHARS} characters`,
      line: `foo_bucket{le="+Inf"} 11 # {a="${'x'.repeat(MAX_EXEMPLAR_LABEL_CHARS - 1)}"} 1`,
      exemplar: { labels: { a: 'x'.repeat(MAX_EXEMPLAR_LABEL_CHARS - 1) }, value: 1 },
    },
    {
      name: `${MAX_EXEMPLAR_LABEL_CHARS} characters counted as code points, not UTF-16 units (☃ and 😀 are one each)`,
      line: `foo_bucket{le="+Inf"} 11 # {a="☃😀${'x'.repeat(MAX_EXEMPLAR_LABEL_CHARS - 3)}"} 1`,
      exemplar: { labels: { a: `☃😀${'x'.repeat(MAX_EXEMPLAR_LABEL_CHARS - 3)}` }, value: 1 },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = parseExposition(`${c.line}\nplain 1\n# EOF\n`, OM);
      expect(got.errors).toEqual([]);
      expect(got.samples).toHaveLength(2);
      expect(got.samples[0].exemplar).toEqual(c.exemplar);
      expect(got.samples[0].timestampMs).toBe(c.timestampMs);
      expect(got.samples[1].exemplar).toBeUndefined();
    });
  }

  it('keeps a __proto__ exemplar label as an own label, not as the prototype', () => {
    const [sample] = parseExposition('a 1 # {__proto__="p"} 1\n# EOF\n', OM).samples;
    expect(Object.getPrototypeOf(sample.exemplar?.labels)).toBe(Object.prototype);
    expect(Object.keys(sample.exemplar?.labels ?? {})).toEqual(['__proto__']);
  });

  it('keeps the exemplar of the newest sample when a series repeats with timestamps', () => {
    const got = parseExposition('a_total 1 1 # {t="old"} 1\na_total 2 2 # {t="new"} 1\n# EOF\n', OM);
    expect(got.errors).toEqual([]);
    expect(got.samples.map((s) => [s.value, s.exemplar?.labels.t])).toEqual([[2, 'new']]);
  });
});

describe('parseExposition: malformed exemplars make a malformed line', () => {
  // Line 2 carries the bad exemplar and is dropped; lines 1 and 3 still parse.
  const cases: Array<{ name: string; exemplar: string; message: RegExp }> = [
    { name: 'hash and nothing after it', exemplar: '#', message: /invalid exemplar: expected "# \{labels\} value"/ },
    { name: 'no space after the hash', exemplar: '#{} 1', message: /invalid exemplar: expected "# \{labels\} value"/ },
    { name: 'no label set', exemplar: '# trace 1', message: /invalid exemplar: expected "# \{labels\} value"/ },
    { name: 'no value', exemplar: '# {a="b"}', message: /invalid exemplar: no value/ },
    { name: 'value glued to the closing brace', exemplar: '# {}1', message: /invalid exemplar: expected a space before the value/ },
    { name: 'hexadecimal value', exemplar: '# {} 0x1p-3', message: /invalid exemplar: invalid value "0x1p-3"/ },
    { name: 'hexadecimal timestamp', exemplar: '# {} 1 0x1p-3', message: /invalid exemplar: invalid timestamp/ },
    { name: 'NaN timestamp', exemplar: '# {} 1 NaN', message: /invalid exemplar: invalid timestamp/ },
    { name: '+Inf timestamp', exemplar: '# {} 1 +Inf', message: /invalid exemplar: invalid timestamp/ },
    { name: '-Inf timestamp', exemplar: '# {} 1 -Inf', message: /invalid exemplar: invalid timestamp/ },
    { name: 'text after the timestamp', exemplar: '# {} 1 2 3', message: /invalid exemplar: unexpected text after its timestamp/ },
    { name: 'unquoted label value', exemplar: '# {trace_id=abc} 1', message: /invalid exemplar: label value for "trace_id" must be in double quotes/ },
    { name: 'label value not closed', exemplar: '# {trace_id="abc} 1', message: /invalid exemplar: quoted string is not closed/ },
    { name: 'label set not closed', exemplar: '# {trace_id="abc" 1', message: /invalid exemplar: expected "," or "}"/ },
    { name: 'duplicate label name', exemplar: '# {t="a",t="b"} 1', message: /invalid exemplar: duplicate label name "t"/ },
    { name: 'reserved label name', exemplar: '# {__name__="a"} 1', message: /invalid exemplar: label name "__name__" is reserved/ },
    { name: 'a metric name in the label set', exemplar: '# {"a.b"} 1', message: /invalid exemplar: a metric name "a.b" is not allowed/ },
    {
      name: `label names and values of ${MAX_EXEMPLAR_LABEL_CHARS + 1} characters`,
      exemplar: `# {a="${'x'.repeat(MAX_EXEMPLAR_LABEL_CHARS)}"} 1`,
      message: new RegExp(`invalid exemplar: its label names and values have ${MAX_EXEMPLAR_LABEL_CHARS + 1} characters`),
    },
    {
      name: 'over the limit in code points though short on screen (combining accents count)',
      exemplar: `# {a="${'e\u0301'.repeat(MAX_EXEMPLAR_LABEL_CHARS / 2)}"} 1`,
      message: /invalid exemplar: its label names and values have 129 characters/,
    },
    {
      name: 'over the limit across several labels',
      exemplar: `# {trace_id="${'t'.repeat(60)}",span_id="${'s'.repeat(60)}"} 1`,
      message: /invalid exemplar: its label names and values have 135 characters/,
    },
  ];
  for (const c of cases) {
    for (const sampleEnd of ['1', '1 1795357757']) {
      it(`${c.name} (after "${sampleEnd}")`, () => {
        const got = parseExposition(`before 1\nfoo_bucket{le="+Inf"} ${sampleEnd} ${c.exemplar}\nafter 1\n# EOF\n`, OM);
        expect(got.errors).toHaveLength(1);
        expect(got.errors[0].line).toBe(2);
        expect(got.errors[0].message).toMatch(c.message);
        expect(got.samples.map((s) => s.name)).toEqual(['before', 'after']);
      });
    }
  }

  it('is still no exemplar in the text format, where " # " is not allowed after the value', () => {
    const got = parseExposition('foo_bucket{le="+Inf"} 1 # {trace_id="a"} 1\nafter 1\n', 'text/plain; version=0.0.4');
    expect(got.errors.map((e) => e.line)).toEqual([1]);
    expect(got.samples.map((s) => s.name)).toEqual(['after']);
  });
});
