// Conformance cases for the exposition parser, grouped like prometheus/common's text parser tests and the
// OpenMetrics parser suite: what must parse (and to what), and what must be refused (and on which line).
import { describe, expect, it } from 'vitest';
import { parseExposition } from '../../../src/model/exposition/exposition.js';
import type { ExpositionSample } from '../../../src/model/exposition/exposition-types.js';

const TEXT = 'text/plain; version=0.0.4; charset=utf-8';
const OM = 'application/openmetrics-text; version=1.0.0; charset=utf-8';

type Expected = Array<[name: string, labels: Record<string, string>, value: number, timestampMs?: number]>;

function simplify(samples: ExpositionSample[]): Expected {
  return samples.map((s) => (s.timestampMs === undefined ? [s.name, { ...s.labels }, s.value] : [s.name, { ...s.labels }, s.value, s.timestampMs]));
}

describe('parseExposition: text format bodies that must parse', () => {
  const cases: Array<{ name: string; body: string; samples: Expected; types?: Record<string, string> }> = [
    { name: 'empty body', body: '', samples: [] },
    { name: 'only blank lines', body: '\n\n  \n', samples: [] },
    {
      name: 'minimal samples, integer timestamps, empty braces, HELP for a metric that never appears',
      body: 'up 1\nqueue_depth -2.5e3 1700000000123\nbare{} 7\n# plain comment\n# HELP ghost never sampled\n',
      samples: [['up', {}, 1], ['queue_depth', {}, -2500, 1700000000123], ['bare', {}, 7]],
    },
    {
      name: 'whitespace everywhere, trailing comma, value glued to the closing brace, escapes',
      body: [
        '# TYPE jobs_total counter',
        'jobs_total{queue="mail",state="done"} 12',
        'jobs_total {queue="q\\"uoted\\\\path\\nnext", state = "failed" } 3 42',
        '  # HELP   temp_celsius  Temperature \\n in "C"',
        '\t#\tTYPE temp_celsius GAUGE',
        'temp_celsius{room="lab"\t,floor   =   "2"\t} +Inf 99',
        'temp_celsius{ room = "attic" , }-Inf',
        '',
      ].join('\n'),
      samples: [
        ['jobs_total', { queue: 'mail', state: 'done' }, 12],
        ['jobs_total', { queue: 'q"uoted\\path\nnext', state: 'failed' }, 3, 42],
        ['temp_celsius', { room: 'lab', floor: '2' }, Infinity, 99],
        ['temp_celsius', { room: 'attic' }, -Infinity],
      ],
      types: { jobs_total: 'counter', temp_celsius: 'gauge' },
    },
    {
      name: 'summary interleaved with untyped lookalikes and odd comments',
      body: [
        '# TYPE rpc_seconds summary',
        'rpc_seconds{svc="a",quantile="0.5"} 0.11',
        'other_sum{svc="a"} 5',
        'rpc_seconds{svc="a",quantile="0.99"} 0.4 10',
        'rpc_seconds_count{svc="a"} 40',
        'rpc_seconds_sum{svc="a"} 9.5',
        '# HELP',
        '# HELP rpc_seconds',
        '# HELP rpc_seconds',
        'rpc_seconds{svc="b",quantile="-1.5"} NaN',
        '',
      ].join('\n'),
      samples: [
        ['rpc_seconds', { svc: 'a', quantile: '0.5' }, 0.11],
        ['other_sum', { svc: 'a' }, 5],
        ['rpc_seconds', { svc: 'a', quantile: '0.99' }, 0.4, 10],
        ['rpc_seconds_count', { svc: 'a' }, 40],
        ['rpc_seconds_sum', { svc: 'a' }, 9.5],
        ['rpc_seconds', { svc: 'b', quantile: '-1.5' }, NaN],
      ],
      types: { rpc_seconds: 'summary' },
    },
    {
      name: 'histogram with labels, sum and count',
      body: [
        '# HELP latency_seconds Request latency.',
        '# TYPE latency_seconds histogram',
        'latency_seconds_bucket{path="/pay",le="0.1"} 10',
        'latency_seconds_bucket{path="/pay",le="0.5"} 18',
        'latency_seconds_bucket{path="/pay",le="+Inf"} 20',
        'latency_seconds_sum{path="/pay"} 3.25',
        'latency_seconds_count{path="/pay"} 20',
        'latency_seconds_bucket{path="/ref",le="1e-1"} 0',
        'latency_seconds_bucket{path="/ref",le="Inf"} 0',
        'latency_seconds_count{path="/ref"} 0',
        '',
      ].join('\n'),
      samples: [
        ['latency_seconds_bucket', { path: '/pay', le: '0.1' }, 10],
        ['latency_seconds_bucket', { path: '/pay', le: '0.5' }, 18],
        ['latency_seconds_bucket', { path: '/pay', le: '+Inf' }, 20],
        ['latency_seconds_sum', { path: '/pay' }, 3.25],
        ['latency_seconds_count', { path: '/pay' }, 20],
        ['latency_seconds_bucket', { path: '/ref', le: '1e-1' }, 0],
        ['latency_seconds_bucket', { path: '/ref', le: 'Inf' }, 0],
        ['latency_seconds_count', { path: '/ref' }, 0],
      ],
      types: { latency_seconds: 'histogram' },
    },
    {
      name: 'quoted metric and label names (UTF-8 names), anywhere in the braces',
      body: '# TYPE "app.requests" counter\n{"app.requests","http.route"="/a"} 1\n{code="200", "app.requests"} 2\n{"Björn.金"} 3\n',
      samples: [['app.requests', { 'http.route': '/a' }, 1], ['app.requests', { code: '200' }, 2], ['Björn.金', {}, 3]],
      types: { 'app.requests': 'counter' },
    },
    {
      name: 'every spelling of a number Go accepts and the format allows',
      body: 'a 08\nb .5\nc 5.\nd +3\ne -0\nf 1E3\ng 2e-2\nh inf\ni -Infinity\nj nan\nk 123456789012345678\nl 0.1\n',
      samples: [
        ['a', {}, 8], ['b', {}, 0.5], ['c', {}, 5], ['d', {}, 3], ['e', {}, -0], ['f', {}, 1000], ['g', {}, 0.02],
        ['h', {}, Infinity], ['i', {}, -Infinity], ['j', {}, NaN], ['k', {}, 123456789012345678], ['l', {}, 0.1],
      ],
    },
    {
      name: 'CRLF line endings',
      body: '# TYPE x gauge\r\nx{a="1"} 2\r\n',
      samples: [['x', { a: '1' }, 2]],
      types: { x: 'gauge' },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = parseExposition(c.body, TEXT);
      expect(got.errors).toEqual([]);
      expect(got.format).toBe('text');
      expect(simplify(got.samples)).toEqual(c.samples);
      expect(Object.fromEntries(got.types)).toEqual(c.types ?? {});
    });
  }

  it('keeps __proto__ as an own label, not as the prototype', () => {
    const [sample] = parseExposition('weird{__proto__="p"} 1\n').samples;
    expect(Object.getPrototypeOf(sample.labels)).toBe(Object.prototype);
    expect(Object.keys(sample.labels)).toEqual(['__proto__']);
    expect(sample.labels.__proto__).toBe('p');
  });
});

describe('parseExposition: text format lines that must be refused', () => {
  // Each body has one bad line among good ones: the bad line is reported with its number and dropped,
  // and every other line still parses.
  const cases: Array<{ name: string; body: string; line: number; message: RegExp; kept?: number }> = [
    { name: 'no newline after an incomplete last line (body cut short)', body: 'ok 1\ncut{a="b"', line: 2, message: /does not end with a newline.*cut short/ },
    { name: 'backslash before the closing quote (an escaped quote, so the value never closes)', body: 'ok 1\nm{l="C:\\"} 3\n', line: 2, message: /not closed/ },
    { name: 'label name starting with a symbol', body: 'm{@="x"} 1\nok 1\n', line: 1, message: /invalid label name/ },
    { name: 'reserved label name __name__', body: 'm{__name__="x"} 1\nok 1\n', line: 1, message: /reserved/ },
    { name: 'junk between label name and =', body: 'm{label+="x"} 1\nok 1\n', line: 1, message: /expected "="/ },
    { name: 'unquoted label value', body: 'ok 1\nm{label=bla} 1\n', line: 2, message: /double quotes/ },
    { name: 'junk after a label value', body: 'm{label="x"+} 1\nok 1\n', line: 1, message: /expected "," or "}"/ },
    { name: 'duplicate label name in one sample', body: 'm{a="1",a="2"} 1\nok 1\n', line: 1, message: /duplicate label name "a"/ },
    { name: 'two quoted metric names', body: '{"one.name","two.name"} 1\nok 1\n', line: 1, message: /metric name given twice/ },
    { name: 'float timestamp', body: 'ok 1\nm 3.14 2.72\n', line: 2, message: /integer milliseconds/ },
    { name: 'text after the timestamp', body: 'm 3.14 2 3\nok 1\n', line: 1, message: /after the timestamp/ },
    { name: 'exemplar in the text format', body: 'm 1 # {trace="a"} 1\nok 1\n', line: 1, message: /invalid timestamp/ },
    { name: 'word as value', body: 'm blubb\nok 1\n', line: 1, message: /invalid value "blubb"/ },
    { name: 'missing value', body: 'ok 1\nm{a="b"}\n', line: 2, message: /has no value/ },
    { name: 'underscore in a number', body: 'm 1_2\nok 1\n', line: 1, message: /invalid value/ },
    { name: 'hexadecimal float', body: 'm 0x1p-3\nok 1\n', line: 1, message: /invalid value/ },
    { name: 'hexadecimal integer', body: 'm 0X1\nok 1\n', line: 1, message: /invalid value/ },
    { name: 'binary integer', body: 'm 0b1\nok 1\n', line: 1, message: /invalid value/ },
    { name: 'octal integer', body: 'm 0o1\nok 1\n', line: 1, message: /invalid value/ },
    { name: 'signed NaN', body: 'm -NaN\nok 1\n', line: 1, message: /invalid value/ },
    { name: 'metric name starting with a symbol', body: '@m{a="b"} 1\nok 1\n', line: 1, message: /invalid metric name/ },
    { name: 'metric name with a dash', body: 'met-ric 1\nok 1\n', line: 1, message: /invalid metric name/ },
    { name: 'labels without a metric name', body: '{a="b"} 1\nok 1\n', line: 1, message: /without a metric name/ },
    { name: 'empty braces without a metric name', body: '{} 1\nok 1\n', line: 1, message: /without a metric name/ },
    { name: 'second HELP line', body: '# HELP m one\n# HELP m two\nok 1\n', line: 2, message: /second HELP/ },
    { name: 'second TYPE line', body: '# TYPE m counter\n# TYPE m untyped\nok 1\n', line: 2, message: /second TYPE/ },
    { name: 'TYPE after the samples', body: 'm 4\n# TYPE m counter\nok 1\n', line: 2, message: /after its samples/, kept: 2 },
    { name: 'unknown metric type', body: '# TYPE m bla\nok 1\n', line: 1, message: /unknown metric type "bla"/ },
    { name: 'OpenMetrics-only type in the text format', body: '# TYPE m unknown\nok 1\n', line: 1, message: /unknown metric type/ },
    { name: 'invalid name in a TYPE line', body: '# TYPE met-ric counter\nok 1\n', line: 1, message: /invalid metric name in TYPE/ },
    { name: 'TYPE line without a type', body: '# TYPE m\nok 1\n', line: 1, message: /without a type/ },
    { name: 'histogram bucket le that is not a number', body: '# TYPE h histogram\nh_bucket{le="bla"} 1\nok 1\n', line: 2, message: /"le" label "bla"/ },
    { name: 'histogram bucket le in hexadecimal', body: '# TYPE h histogram\nh_bucket{le="0x1p-3"} 1\nok 1\n', line: 2, message: /"le" label/ },
    { name: 'histogram bucket without le', body: '# TYPE h histogram\nh_bucket{a="b"} 1\nok 1\n', line: 2, message: /no "le" label/ },
    { name: 'summary quantile that is not a number', body: '# TYPE s summary\ns{quantile="bla"} 1\nok 1\n', line: 2, message: /"quantile" label/ },
    { name: 'duplicate series (the first is kept)', body: 'm{a="1",b="2"} 1\nm{b="2",a="1"} 2\nok 1\n', line: 2, message: /duplicate series m\{b="2",a="1"\}/, kept: 2 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = parseExposition(c.body, TEXT);
      expect(got.errors).toHaveLength(1);
      expect(got.errors[0].line).toBe(c.line);
      expect(got.errors[0].message).toMatch(c.message);
      expect(got.samples.map((s) => s.name)).toContain('ok');
      expect(got.samples).toHaveLength(c.kept ?? 1);
    });
  }

  it('reports both halves of a label value broken by a raw newline', () => {
    const got = parseExposition('m{l="new\nline"} 3\nok 1\n');
    expect(got.errors.map((e) => e.line)).toEqual([1, 2]);
    expect(got.errors[0].message).toMatch(/not closed/);
    expect(got.errors[1].message).toMatch(/invalid metric name/);
    expect(simplify(got.samples)).toEqual([['ok', {}, 1]]);
  });

  it('keeps the first of two duplicate series with its own value', () => {
    const got = parseExposition('m{a="1"} 1\nm{a="1"} 2\n');
    expect(simplify(got.samples)).toEqual([['m', { a: '1' }, 1]]);
  });
});

describe('parseExposition: histogram checks across lines (reported, samples kept)', () => {
  const head = '# TYPE h histogram\n';
  const cases: Array<{ name: string; body: string; problems: Array<[number, RegExp]> }> = [
    { name: 'negative bucket count', body: `${head}h_bucket{le="1"} 1\nh_bucket{le="2"} -4\nh_bucket{le="+Inf"} 5\nh_count 5\n`, problems: [[3, /negative or NaN bucket count/]] },
    { name: 'negative count', body: `${head}h_bucket{le="+Inf"} 5\nh_count -5\n`, problems: [[3, /negative or NaN count/], [3, /differs/]] },
    { name: 'buckets out of le order', body: `${head}h_bucket{le="2"} 1\nh_bucket{le="1"} 1\nh_bucket{le="+Inf"} 1\n`, problems: [[3, /ascending "le"/]] },
    { name: 'counts decreasing', body: `${head}h_bucket{le="1"} 5\nh_bucket{le="2"} 3\nh_bucket{le="+Inf"} 5\n`, problems: [[3, /decrease/]] },
    { name: 'no +Inf bucket', body: `${head}h_bucket{le="1"} 5\nh_count 5\n`, problems: [[2, /no le="\+Inf" bucket/]] },
    { name: '+Inf bucket differs from _count', body: `${head}h_bucket{le="+Inf"} 5\nh_count 6\n`, problems: [[3, /_count \(6\) differs/]] },
    {
      name: 'groups are told apart by their labels, whatever their order',
      body: `${head}h_bucket{a="x",le="1"} 1\nh_bucket{b="y",le="1"} 9\nh_bucket{le="+Inf",a="x"} 2\nh_bucket{b="y",le="+Inf"} 9\nh_count{a="x"} 2\nh_count{b="y"} 9\n`,
      problems: [],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = parseExposition(c.body);
      expect(got.errors.map((e) => e.line)).toEqual(c.problems.map((p) => p[0]));
      c.problems.forEach(([, re], i) => expect(got.errors[i].message).toMatch(re));
      expect(got.samples).toHaveLength(c.body.split('\n').filter((l) => l && !l.startsWith('#')).length);
    });
  }
});

describe('parseExposition: OpenMetrics', () => {
  it('parses counters with _total and _created, float-second timestamps, UNIT, info, stateset, unknown, exemplars', () => {
    const body = [
      '# TYPE jobs counter',
      '# UNIT jobs',
      '# HELP jobs Jobs run.',
      'jobs_total{queue="mail"} 12.0 1795357757.25',
      'jobs_created{queue="mail"} 1795350000.5',
      '# TYPE h histogram',
      'h_bucket{le="0.5"} 1 # {trace_id="a b # c"} 0.3 1795357757.0',
      'h_bucket{le="+Inf"} 2 1795357757 # {trace_id="d"} 9',
      'h_count 2',
      'h_sum 9.3',
      '# TYPE build info',
      'build_info{version="1.2"} 1',
      '# TYPE mystery unknown',
      'mystery 3',
      '# EOF',
      '',
    ].join('\n');
    const got = parseExposition(body, OM);
    expect(got.errors).toEqual([]);
    expect(got.format).toBe('openmetrics');
    expect(simplify(got.samples)).toEqual([
      ['jobs_total', { queue: 'mail' }, 12, 1795357757250],
      ['jobs_created', { queue: 'mail' }, 1795350000.5],
      ['h_bucket', { le: '0.5' }, 1],
      ['h_bucket', { le: '+Inf' }, 2, 1795357757000],
      ['h_count', {}, 2],
      ['h_sum', {}, 9.3],
      ['build_info', { version: '1.2' }, 1],
      ['mystery', {}, 3],
    ]);
    expect(Object.fromEntries(got.types)).toEqual({ jobs: 'counter', h: 'histogram', build: 'info', mystery: 'unknown' });
  });

  it('rounds float-second timestamps to whole milliseconds', () => {
    const got = parseExposition('a 1 1.001\nb 1 1795357757.0005\n# EOF\n');
    expect(got.samples.map((s) => s.timestampMs)).toEqual([1001, 1795357757001]);
  });

  it('accepts "# EOF" without a final newline', () => {
    const got = parseExposition('a 1\n# EOF', OM);
    expect(got.errors).toEqual([]);
    expect(got.samples).toHaveLength(1);
  });

  const refused: Array<{ name: string; body: string; line: number; message: RegExp }> = [
    { name: 'no "# EOF"', body: 'a 1\n', line: 1, message: /does not end with "# EOF"/ },
    { name: 'content after "# EOF"', body: 'a 1\n# EOF\nb 2\n', line: 3, message: /after "# EOF"/ },
    { name: 'blank line', body: 'a 1\n\nb 2\n# EOF\n', line: 2, message: /blank line/ },
    { name: 'free-form comment', body: '# just a note\na 1\n# EOF\n', line: 1, message: /comment line not allowed/ },
    { name: 'text-format type "untyped"', body: '# TYPE a untyped\na 1\n# EOF\n', line: 1, message: /unknown metric type "untyped"/ },
    { name: 'type in upper case', body: '# TYPE a COUNTER\na_total 1\n# EOF\n', line: 1, message: /unknown metric type/ },
    { name: 'counter sample without _total', body: '# TYPE a counter\na 1\nb 1\n# EOF\n', line: 2, message: /needs the _total suffix/ },
    { name: 'negative counter', body: '# TYPE a counter\na_total -1\n# EOF\n', line: 2, message: /negative or NaN value/ },
    { name: 'NaN counter', body: '# TYPE a counter\na_total NaN\n# EOF\n', line: 2, message: /negative or NaN value/ },
    { name: 'histogram sample without suffix', body: '# TYPE a histogram\na 1\nb 1\n# EOF\n', line: 2, message: /needs a _bucket/ },
    { name: 'NaN bucket count', body: '# TYPE a histogram\na_bucket{le="+Inf"} NaN\n# EOF\n', line: 2, message: /negative or NaN bucket count/ },
    { name: 'NaN timestamp', body: 'a 1 NaN\nb 1\n# EOF\n', line: 1, message: /invalid timestamp/ },
    { name: 'Inf timestamp', body: 'a 1 +Inf\nb 1\n# EOF\n', line: 1, message: /invalid timestamp/ },
    { name: 'text after the timestamp that is not an exemplar', body: 'a 1 2 3\nb 1\n# EOF\n', line: 1, message: /after the timestamp/ },
  ];
  for (const c of refused) {
    it(`refuses: ${c.name}`, () => {
      const got = parseExposition(c.body, OM);
      expect(got.errors[0]?.line).toBe(c.line);
      expect(got.errors[0]?.message).toMatch(c.message);
      expect(got.errors).toHaveLength(1);
    });
  }
});
