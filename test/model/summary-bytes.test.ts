// The summary read from bytes in place equals the summary read from decoded text, line for line: on an archive full of
// odd lines (CRLF, invalid UTF-8, escapes, nesting, malformed and non-JSON lines, lines longer than a read), for any
// read size, with the default deploy pattern and with others.
import { describe, expect, it } from 'vitest';
import { SummaryAccumulator } from '../../src/model/summary/summary-accumulator.js';
import { ByteTimes, decimalAtBytes } from '../../src/model/summary/summary-bytes.js';
import { literalPrefix, rarestPart } from '../../src/model/summary/summary-deploy-prefix.js';
import { fieldCandidates, parseTimeText } from '../../src/model/summary/summary-fields.js';
import { normaliseMessage } from '../../src/model/summary/summary-normalise.js';
import { buildSummaryReport } from '../../src/model/summary/summary-report.js';
import { SummaryScanner, type ScanOptions } from '../../src/model/summary/summary-scan.js';
import { LineChunker } from '../../src/sources/files/archive-reader.js';
import { oddArchive } from '../helpers/odd-archive.js';

const DEFAULT_DEPLOY = /deployed version (?<version>\S+)/;

/** The six masks of summary-normalise.ts, in order, each to be tried on every message. */
const RULES: Array<[RegExp, string]> = [
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>'],
  [/\b(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?\b/g, '<ip>'],
  [/\b(?:[0-9a-f]{1,4}:){3,7}[0-9a-f]{1,4}\b/gi, '<ip>'],
  [/\b0x[0-9a-f]+\b/gi, '<hex>'],
  [/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b/gi, '<hex>'],
  [/\b\d+(?:\.\d+)?(?:ms|s|us|ns|b|kb|mb|gb)?\b/gi, '<n>'],
];

/** The report of `bytes` read `readSize` bytes at a time, scanned from text pieces or from bytes. */
function summarise(bytes: Buffer, readSize: number, opts: ScanOptions, from: 'text' | 'bytes') {
  const acc = new SummaryAccumulator();
  const scanner = new SummaryScanner(acc, opts);
  const chunker = new LineChunker(from === 'text' ? (t) => scanner.scan(t) : { bytes: (b, a, e) => scanner.scanBytes(b, a, e) });
  for (let at = 0; at < bytes.length; at += readSize) chunker.push(bytes.subarray(at, at + readSize));
  chunker.end();
  return { report: buildSummaryReport(acc, [{ path: 'x', bytes: chunker.bytes, lines: chunker.lines, cut: null, linesCut: chunker.cutLines }]), acc };
}

describe('summary from bytes', () => {
  const archive = oddArchive(40_000, 53, 70_000);
  const withHugeLine = Buffer.concat([archive.subarray(0, 300_000), Buffer.from(`{"msg":"${'y'.repeat(1_100_000)}"}\n`), archive.subarray(300_000)]);

  it('gives the same report as text for every read size, odd lines and a line past the 1 MiB cap included', () => {
    const opts = { fields: fieldCandidates({}), deployPattern: DEFAULT_DEPLOY };
    const text = summarise(withHugeLine, 1 << 20, opts, 'text');
    // The archive really holds what this test is about.
    expect(text.acc.malformedJson).toBeGreaterThan(10);
    expect(text.report.lines_untimed).toBeGreaterThan(100);
    expect(text.report.files[0].lines_cut).toBe(1);
    expect(text.report.deploys.length).toBeGreaterThan(10);
    expect(text.report.by_service['pay\ufffd\ufffd'] ?? text.report.by_service['p\u00ff\ufffd']).toBeGreaterThan(0);
    expect(text.report.top_errors.some((e) => e.example.includes('\ufffd'))).toBe(true);
    // Keys spelled with escapes are read as what they spell.
    expect(text.report.top_errors.some((e) => e.message === 'escaped key <n>')).toBe(true);
    for (const size of [1 << 20, 65_537, 4096, 777]) {
      const bytes = summarise(withHugeLine, size, opts, 'bytes');
      expect(JSON.stringify(bytes.report)).toBe(JSON.stringify(text.report));
    }
  });

  it('finds the same deploys with patterns that have no literal start, an alternative, or one that never matches', () => {
    for (const deployPattern of [/(?<version>v\d+)\.0 by/, /rolled|deployed version (\S+)/, /^deployed version (\S+)/m, /nothing like this/, null]) {
      const opts = { fields: fieldCandidates({}), deployPattern };
      expect(JSON.stringify(summarise(archive, 1 << 20, opts, 'bytes').report)).toBe(JSON.stringify(summarise(archive, 1 << 20, opts, 'text').report));
    }
  });

  it('reads fields named by a profile, ASCII or not, the same way', () => {
    const profiles: Array<Record<string, string[]>> = [{ service: ['pod'], level: ['severity'] }, { message: ['a'], service: ['caf\u00e9', 'service'] }];
    for (const fields of profiles) {
      const opts = { fields: fieldCandidates(fields), deployPattern: DEFAULT_DEPLOY };
      const text = summarise(archive, 65_537, opts, 'text').report;
      expect(JSON.stringify(summarise(archive, 65_537, opts, 'bytes').report)).toBe(JSON.stringify(text));
    }
  });
});

describe('values read from bytes', () => {
  const at = (s: string) => {
    const b = Buffer.from(`"${s}"`);
    return new ByteTimes().parse(b, 1, b.length - 1);
  };

  it('reads times as parseTimeText reads the same text in place', () => {
    const cases = ['2026-11-22T14:32:04Z', '2026-11-22T14:32:04.123456789Z', '2026-11-22 14:32:04,5', '2026-11-22T14:32:04+05:30',
      '2026-11-22T14:32:04-0800', '2026-11-22T24:00:00Z', '2026-02-31T00:00:00Z', '2026-11-22T14:32:04.Z', '1795357757', '1795357757123',
      '2026-11-22T14:32', 'x026-11-22T14:32:04Z', '\u00e926-11-22T14:32:04Z'];
    const times = new ByteTimes();
    for (const s of cases) {
      const b = Buffer.from(`"${s}"`);
      // Twice, so that the second read comes from the remembered minute.
      for (let i = 0; i < 2; i++) expect(times.parse(b, 1, b.length - 1)).toBe(parseTimeText(`"${s}"`, 1, `"${s}"`.length - 1));
    }
    expect(at('2026-11-22T14:32:04.5Z')).toBe(Date.parse('2026-11-22T14:32:04.500Z'));
  });

  it('reads numbers as Number() does, plain decimals in place', () => {
    for (const s of ['200', '-5', '12.25', '0.1', '1e3', '', '12ms', '1234567890123456', ' 7', '-']) {
      const b = Buffer.from(s);
      const want = s === '' ? NaN : Number(s);
      expect(decimalAtBytes(b, 0, b.length)).toBe(want);
    }
  });

  it('searches deploys by a part of the literal start that every match holds', () => {
    expect(literalPrefix(/deployed version (?<version>\S+)/)).toBe('deployed version ');
    expect(literalPrefix(/deploy: \S+ (?<version>generation \d+) rolled out/)).toBe('deploy: ');
    expect(literalPrefix(/deployed+ x/)).toBe('deploye');
    expect(literalPrefix(/a|deployed/)).toBe(null);
    expect(literalPrefix(/deployed/i)).toBe(null);
    expect(literalPrefix(/^deployed/)).toBe(null);
    const part = rarestPart('deployed version ', Buffer.from('eeeeeeddddoooo     rrrrsssiiinnnnn'));
    expect(part).toBe('ployed');
    expect('deployed version '.includes(part)).toBe(true);
  });

  it('masks messages as the six rules do when each is tried on every message', () => {
    const everyRule = (m: string) => RULES.reduce((out, [re, mask]) => out.replace(re, mask), m).replace(/\s+/g, ' ').trim();
    const parts = ['dead:beef:cafe:babe', 'DEADBEEFCAFE', '0XFF', 'abcdef-1234', '10.0.0.1:80', 'fe80::1', 'timeout', '12ms', '  ', 'id=7f9c', 'x'];
    let state = 3;
    for (let i = 0; i < 3000; i++) {
      state = (state * 1103515245 + 12345) >>> 0;
      const words = Array.from({ length: 1 + (state % 5) }, (_, k) => parts[(state >>> (k * 4)) % parts.length]);
      const m = words.join(i % 2 ? ' ' : '-');
      expect(normaliseMessage(m)).toBe(everyRule(m));
    }
    expect(normaliseMessage('payment 1b4e28ba-2fa1-11d2-883f-0016d3cca427 from 10.0.0.1:8080 took 12ms')).toBe('payment <uuid> from <ip> took <n>');
  });

  it('masks as trying every rule on every message would, whatever the message holds: a fuzz of 30,000', () => {
    const reference = (m: string) => {
      const out = RULES.reduce((o, [re, mask]) => o.replace(re, mask), m.length > 400 ? m.slice(0, 400) : m).replace(/\s+/g, ' ').trim();
      return out.length > 200 ? `${out.slice(0, 199)}…` : out;
    };
    const parts = [
      '1b4e28ba-2fa1-11d2-883f-0016d3cca427', '1B4E28BA', '2fa1', '-', '--', '.', ':', '::', '10', '255', '1.2.3', '10.0.0.1',
      ':8080', 'fe80', 'dead:beef:cafe', '0x', '0X1f', '0xZZ', 'abcdef12', 'abcdef1', 'ABCDEF123', '12345678', 'deadbeef',
      '12ms', '3.5s', '7KB', '99us', 'x', 'id=', 'timeout', '<n>', '\u00e9', '\u2028', '\u00a0', '\t', '\n', '  ', ' ', '',
    ];
    const joins = [' ', '', '-', '.', ':', '  ', '\t', ' \u00a0 '];
    let state = 11;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
    for (let i = 0; i < 30_000; i++) {
      const n = 1 + (next() % 12);
      let m = i % 3 === 0 ? ' ' : '';
      for (let k = 0; k < n; k++) m += parts[next() % parts.length] + (k < n - 1 ? joins[next() % joins.length] : '');
      if (i % 500 === 0) m = m.repeat(40);
      expect([m, normaliseMessage(m)]).toEqual([m, reference(m)]);
    }
  });
});
