// Valid data the parser must keep: label values with backslashes that are no escape, a last line without a
// newline, and a series repeated with timestamps (the newest sample wins). Cases follow the text format 0.0.4
// and OpenMetrics 1.0 rules and what Prometheus's scraper accepts.
import { describe, expect, it } from 'vitest';
import { parseExposition } from '../../../src/model/exposition/exposition.js';
import type { ExpositionSample } from '../../../src/model/exposition/exposition-types.js';

const TEXT = 'text/plain; version=0.0.4; charset=utf-8';
const OM = 'application/openmetrics-text; version=1.0.0; charset=utf-8';

type Expected = Array<[name: string, labels: Record<string, string>, value: number, timestampMs?: number]>;

function simplify(samples: ExpositionSample[]): Expected {
  return samples.map((s) => (s.timestampMs === undefined ? [s.name, { ...s.labels }, s.value] : [s.name, { ...s.labels }, s.value, s.timestampMs]));
}

describe('parseExposition: backslashes in quoted strings', () => {
  // [what is written between the quotes, the value it must give]
  const cases: Array<[written: string, value: string]> = [
    ['C:\\foo', 'C:\\foo'],
    ['\\t', '\\t'],
    ['b\\\\a\\z', 'b\\a\\z'],
    ['\\\\n', '\\n'],
    ['a\\"b', 'a"b'],
    ['x\\ny', 'x\ny'],
    ['end\\\\', 'end\\'],
    ['\\é\\☃', '\\é\\☃'],
    ['C:\\foo\\"bar\\"', 'C:\\foo"bar"'],
  ];
  for (const [written, value] of cases) {
    for (const [format, contentType, tail] of [['text', TEXT, ''], ['OpenMetrics', OM, '# EOF\n']]) {
      it(`${JSON.stringify(written)} gives ${JSON.stringify(value)} (${format})`, () => {
        const got = parseExposition(`m{path="${written}"} 1\n{"quoted ${written}"} 2\nok 1\n${tail}`, contentType);
        expect(got.errors).toEqual([]);
        expect(simplify(got.samples)).toEqual([['m', { path: value }, 1], [`quoted ${value}`, {}, 2], ['ok', {}, 1]]);
      });
    }
  }

  it('treats a literal backslash and its escaped spelling as one series', () => {
    const got = parseExposition('m{path="C:\\foo"} 1\nm{path="C:\\\\foo"} 2\n');
    expect(simplify(got.samples)).toEqual([['m', { path: 'C:\\foo' }, 1]]);
    expect(got.errors).toEqual([{ line: 2, message: expect.stringMatching(/duplicate series/) }]);
  });
});

describe('parseExposition: the last line without a newline', () => {
  const cases: Array<{ name: string; body: string; samples: Expected; errors?: Array<[number, RegExp]>; contentType?: string }> = [
    { name: 'a complete sample', body: 'a 1\nb 2', samples: [['a', {}, 1], ['b', {}, 2]] },
    { name: 'the only line', body: 'b 2', samples: [['b', {}, 2]] },
    { name: 'with labels and a timestamp', body: 'a 1\nb{x="y"} 2 1700000000000', samples: [['a', {}, 1], ['b', { x: 'y' }, 2, 1700000000000]] },
    { name: 'ending in a carriage return', body: 'a 1\r\nb 2\r', samples: [['a', {}, 1], ['b', {}, 2]] },
    { name: 'ending in trailing spaces', body: 'a 1\nb 2  \t', samples: [['a', {}, 1], ['b', {}, 2]] },
    { name: 'blank: only spaces after the last newline', body: 'a 1\n  \t ', samples: [['a', {}, 1]] },
    { name: 'a HELP comment', body: 'a 1\n# HELP a some text', samples: [['a', {}, 1]] },
    { name: 'cut inside a label value', body: 'a 1\nb{x="y', samples: [['a', {}, 1]], errors: [[2, /^last line does not end with a newline.*cut short.*: quoted string is not closed/]] },
    { name: 'cut inside the label set', body: 'a 1\nb{x="y",', samples: [['a', {}, 1]], errors: [[2, /^last line does not end with a newline.*cut short.*: label set is not closed/]] },
    { name: 'cut before the value', body: 'a 1\nb{x="y"} ', samples: [['a', {}, 1]], errors: [[2, /^last line does not end with a newline.*cut short.*: sample "b" has no value/]] },
    { name: 'cut inside the name', body: 'a 1\nb', samples: [['a', {}, 1]], errors: [[2, /^last line does not end with a newline.*cut short.*: sample "b" has no value/]] },
    { name: 'cut inside an exponent', body: 'a 1\nb 1e', samples: [['a', {}, 1]], errors: [[2, /^last line does not end with a newline.*cut short.*: invalid value "1e"/]] },
    { name: 'cut inside a TYPE line', body: 'a 1\n# TYPE b gau', samples: [['a', {}, 1]], errors: [[2, /^last line does not end with a newline.*cut short.*: unknown metric type "gau"/]] },
    {
      name: 'OpenMetrics without "# EOF": the sample is kept, the missing "# EOF" reported',
      body: 'a 1\nb 2', contentType: OM, samples: [['a', {}, 1], ['b', {}, 2]], errors: [[2, /does not end with "# EOF"/]],
    },
    { name: 'OpenMetrics with spaces after "# EOF"', body: 'a 1\n# EOF\n  ', contentType: OM, samples: [['a', {}, 1]] },
    {
      name: 'OpenMetrics with spaces and no "# EOF": no blank-line problem on top',
      body: 'a 1\n  ', contentType: OM, samples: [['a', {}, 1]], errors: [[2, /does not end with "# EOF"/]],
    },
    {
      name: 'OpenMetrics cut inside an exemplar',
      body: 'a 1\nb_bucket{le="1"} 2 # {trace_id="ab', contentType: OM, samples: [['a', {}, 1]],
      errors: [[2, /^last line does not end with a newline.*cut short.*: invalid exemplar: quoted string is not closed/], [2, /does not end with "# EOF"/]],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = parseExposition(c.body, c.contentType ?? TEXT);
      expect(simplify(got.samples)).toEqual(c.samples);
      const errors = c.errors ?? [];
      expect(got.errors.map((e) => e.line)).toEqual(errors.map(([line]) => line));
      errors.forEach(([, re], i) => expect(got.errors[i].message).toMatch(re));
    });
  }

  it('says "cut" only for the last line: the same problem on a terminated line reads as plain malformed', () => {
    const got = parseExposition('b{x="y"\na 1\n');
    expect(got.errors).toHaveLength(1);
    expect(got.errors[0].message).toMatch(/label set is not closed/);
    expect(got.errors[0].message).not.toMatch(/newline|cut/);
  });
});

describe('parseExposition: a series repeated with timestamps keeps its newest sample', () => {
  const cases: Array<{ name: string; body: string; contentType?: string; samples: Expected; errors?: Array<[number, RegExp]> }> = [
    { name: 'ascending timestamps', body: 'a 1 1\na 2 2\n', samples: [['a', {}, 2, 2]] },
    { name: 'equal timestamps: the last line', body: 'a 1 5\na 2 5\n', samples: [['a', {}, 2, 5]] },
    { name: 'three lines, last not the newest', body: 'a 1 1\na 3 3\na 2 2\n', samples: [['a', {}, 3, 3]], errors: [[3, /goes back in time \(2 ms after 3 ms\)/]] },
    { name: 'descending timestamps', body: 'a 2 2\na 1 1\n', samples: [['a', {}, 2, 2]], errors: [[2, /goes back in time/]] },
    { name: 'labels in another order, kept at the first line\'s place', body: 'a{x="1",y="2"} 1 1\nb 5\na{y="2",x="1"} 2 2\n', samples: [['a', { y: '2', x: '1' }, 2, 2], ['b', {}, 5]] },
    { name: 'other label values are other series', body: 'a{x="1"} 1 1\na{x="2"} 2 2\na{x="1"} 3 3\n', samples: [['a', { x: '1' }, 3, 3], ['a', { x: '2' }, 2, 2]] },
    { name: 'repeat without a timestamp: the first is kept', body: 'a 1 1\na 2\n', samples: [['a', {}, 1, 1]], errors: [[2, /duplicate series a; the first one is kept/]] },
    { name: 'first without a timestamp: the first is kept', body: 'a 1\na 2 2\n', samples: [['a', {}, 1]], errors: [[2, /duplicate series a; the first one is kept/]] },
    { name: 'OpenMetrics float-second timestamps', body: 'a 1 1.5\na 2 2.5\n# EOF\n', contentType: OM, samples: [['a', {}, 2, 2500]] },
    {
      name: 'OpenMetrics timestamps equal once rounded to milliseconds (duplicate_timestamps style)',
      body: 'a{x="1"} 1 0.0000001\na{x="1"} 2 0.0000002\na{x="2"} 3 0.0000001\na{x="2"} 4 0.0000002\n# EOF\n', contentType: OM,
      samples: [['a', { x: '1' }, 2, 0], ['a', { x: '2' }, 4, 0]],
    },
    {
      name: 'OpenMetrics counter: one series at two points',
      body: '# TYPE c counter\nc_total 1 10\nc_created 5 10\nc_total 4 20\nc_created 5 20\n# EOF\n', contentType: OM,
      samples: [['c_total', {}, 4, 20000], ['c_created', {}, 5, 20000]],
    },
    {
      name: 'histogram at two points: each point\'s buckets are checked on their own',
      body: '# TYPE h histogram\nh_bucket{le="1"} 1 1\nh_bucket{le="+Inf"} 2 1\nh_count 2 1\nh_bucket{le="1"} 3 2\nh_bucket{le="+Inf"} 4 2\nh_count 4 2\n',
      samples: [['h_bucket', { le: '1' }, 3, 2], ['h_bucket', { le: '+Inf' }, 4, 2], ['h_count', {}, 4, 2]],
    },
    {
      name: 'histogram at two points: buckets out of order within the second point are still reported',
      body: '# TYPE h histogram\nh_bucket{le="1"} 1 1\nh_bucket{le="2"} 1 1\nh_bucket{le="+Inf"} 2 1\nh_bucket{le="2"} 3 2\nh_bucket{le="1"} 3 2\nh_bucket{le="+Inf"} 4 2\n',
      samples: [['h_bucket', { le: '1' }, 3, 2], ['h_bucket', { le: '2' }, 3, 2], ['h_bucket', { le: '+Inf' }, 4, 2]],
      errors: [[6, /ascending "le"/]],
    },
    {
      name: 'histogram at two points: the newest +Inf bucket is compared with the newest _count',
      body: '# TYPE h histogram\nh_bucket{le="+Inf"} 2 1\nh_count 2 1\nh_bucket{le="+Inf"} 4 2\nh_count 5 2\n',
      samples: [['h_bucket', { le: '+Inf' }, 4, 2], ['h_count', {}, 5, 2]],
      errors: [[5, /_count \(5\) differs from its le="\+Inf" bucket \(4\)/]],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = parseExposition(c.body, c.contentType ?? TEXT);
      expect(simplify(got.samples)).toEqual(c.samples);
      const errors = c.errors ?? [];
      expect(got.errors.map((e) => e.line)).toEqual(errors.map(([line]) => line));
      errors.forEach(([, re], i) => expect(got.errors[i].message).toMatch(re));
    });
  }
});
