// The exposition parser on whole bodies: format detection, bodies shaped like real exporters' (Vector, Fluent Bit,
// the OpenTelemetry Collector), and bodies cut at every offset, which must never make it throw.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectExpositionFormat, parseExposition } from '../../../src/model/exposition/exposition.js';
import type { ExpositionSample } from '../../../src/model/exposition/exposition-types.js';

const TEXT = 'text/plain; version=0.0.4; charset=utf-8';
const OM = 'application/openmetrics-text; version=1.0.0; charset=utf-8';

describe('detectExpositionFormat', () => {
  const cases: Array<[body: string, contentType: string | undefined, format: 'text' | 'openmetrics']> = [
    ['a 1\n', undefined, 'text'],
    ['a 1\n# EOF\n', undefined, 'openmetrics'],
    ['a 1\n# EOF', undefined, 'openmetrics'],
    ['# EOF\n', undefined, 'openmetrics'],
    ['a 1\n# EOFISH\n', undefined, 'text'],
    ['a 1\n', OM, 'openmetrics'],
    ['a 1\n# EOF\n', TEXT, 'text'],
    ['a 1\n# EOF\n', 'application/octet-stream', 'openmetrics'],
  ];
  for (const [body, ct, format] of cases) {
    it(`${JSON.stringify(body)} with ${ct ?? 'no content type'} is ${format}`, () => {
      expect(detectExpositionFormat(body, ct)).toBe(format);
    });
  }
});

describe('parseExposition: real-world shaped bodies', () => {
  const fixtures: Array<{ file: string; contentType: string; samples: number; types: number; check: (s: ExpositionSample[]) => void }> = [
    {
      file: 'vector.prom', contentType: TEXT, samples: 20, types: 8,
      check: (s) => expect(s.find((x) => x.name === 'vector_utilization' && x.labels.component_id === 'loki_out')).toMatchObject({ value: 0.9981, timestampMs: 1795357757000 }),
    },
    {
      file: 'fluent-bit.prom', contentType: TEXT, samples: 6, types: 6,
      check: (s) => expect(s.every((x) => x.timestampMs === 1795357757123)).toBe(true),
    },
    {
      file: 'otelcol.om.txt', contentType: OM, samples: 15, types: 8,
      check: (s) => expect(s.find((x) => x.name === 'otelcol_exporter_sent_spans_total')?.timestampMs).toBe(1795357757250),
    },
  ];
  for (const f of fixtures) {
    it(`${f.file} parses without problems`, () => {
      const body = readFileSync(new URL(`../../fixtures/exposition/${f.file}`, import.meta.url), 'utf8');
      const got = parseExposition(body, f.contentType);
      expect(got.errors).toEqual([]);
      expect(got.samples).toHaveLength(f.samples);
      expect(got.types.size).toBe(f.types);
      f.check(got.samples);
    });
  }
});

describe('parseExposition never throws', () => {
  // A small deterministic generator, so a failure can be replayed.
  function prng(seed: number): () => number {
    let x = seed;
    return () => {
      x = (Math.imul(x, 1103515245) + 12345) & 0x7fffffff;
      return x / 0x7fffffff;
    };
  }
  const valid = readFileSync(new URL('../../fixtures/exposition/vector.prom', import.meta.url), 'utf8');
  const whole = parseExposition(valid);

  it('on random binary garbage, and caps the number of problems listed', () => {
    const rnd = prng(7);
    for (let round = 0; round < 20; round++) {
      let body = '';
      for (let i = 0; i < 20_000; i++) body += String.fromCharCode(Math.floor(rnd() * (round % 2 ? 0x10000 : 256)));
      const got = parseExposition(body);
      expect(got.errors.length).toBeGreaterThan(0);
      expect(got.errors.length).toBeLessThanOrEqual(201);
    }
  });

  it('on garbage made of the format\'s own characters', () => {
    const rnd = prng(11);
    const alphabet = 'a_:{}="\\\n #,+-.eE0123456789InfNa\t\r';
    for (let round = 0; round < 300; round++) {
      let body = '';
      for (let i = 0; i < 300; i++) body += alphabet[Math.floor(rnd() * alphabet.length)];
      expect(() => parseExposition(body)).not.toThrow();
      expect(() => parseExposition(body, OM)).not.toThrow();
    }
  });

  it('on an HTML error page, with one readable problem', () => {
    const got = parseExposition('<!DOCTYPE html>\n<html><body><h1>502 Bad Gateway</h1></body></html>\n');
    expect(got.samples).toEqual([]);
    expect(got.errors).toEqual([{ line: 1, message: expect.stringMatching(/looks like HTML/) }]);
  });

  it('on a body cut at every offset: the complete lines give exactly the whole body\'s samples, the cut line at most its own series', () => {
    // A cut inside the last number looks like a complete line ("182" for "182734"), so that one sample may
    // differ in value; everything before the cut must be exact.
    const byLine = new Map(whole.samples.map((s) => [JSON.stringify([s.name, s.labels]), s.value]));
    for (let cut = 0; cut < valid.length; cut += 7) {
      const got = parseExposition(valid.slice(0, cut)).samples;
      const complete = parseExposition(valid.slice(0, valid.lastIndexOf('\n', cut - 1) + 1)).samples;
      expect(got.slice(0, complete.length)).toEqual(complete);
      for (const s of complete) expect(byLine.get(JSON.stringify([s.name, s.labels]))).toBe(s.value);
      expect(got.length - complete.length).toBeLessThanOrEqual(1);
      for (const s of got.slice(complete.length)) expect(byLine.has(JSON.stringify([s.name, s.labels]))).toBe(true);
    }
  });

  it('on a single huge line and on input that is not a string', () => {
    const huge = `m{a="${'x'.repeat(2_000_000)}"} 1\n`;
    expect(parseExposition(huge).samples[0].labels.a).toHaveLength(2_000_000);
    expect(parseExposition(undefined as unknown as string)).toMatchObject({ samples: [], errors: [] });
    expect(parseExposition('\ud800 1\n').errors).toHaveLength(1);
  });

  it('lists at most 200 problems and counts the rest in one closing entry', () => {
    const got = parseExposition('bad line\n'.repeat(300));
    expect(got.errors).toHaveLength(201);
    expect(got.errors[200]).toEqual({ line: 201, message: '100 more problems not listed' });
  });

  it('keeps control characters out of problem messages', () => {
    const got = parseExposition('\u001b[2Jm 1\n');
    expect(got.errors[0].message).not.toContain('\u001b');
    expect(got.errors[0].message).toContain('\\u001b');
  });
});
