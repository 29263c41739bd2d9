// The summary model on its own: the scanner's reading of JSON, logfmt and plain lines, the timeline's rise and peak,
// message masking, nearest-rank p99 and the merge of two threads' totals.
import { describe, expect, it } from 'vitest';
import { SummaryAccumulator } from '../../src/model/summary/summary-accumulator.js';
import { fieldCandidates } from '../../src/model/summary/summary-fields.js';
import { mergeTotals } from '../../src/model/summary/summary-merge.js';
import { normaliseMessage } from '../../src/model/summary/summary-normalise.js';
import { buildSummaryReport, nearestRank, selectKth } from '../../src/model/summary/summary-report.js';
import { SummaryScanner } from '../../src/model/summary/summary-scan.js';

const T0 = Date.parse('2026-11-22T14:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

function summarise(text: string, bounds = {}) {
  const acc = new SummaryAccumulator(bounds);
  const scanner = new SummaryScanner(acc, { fields: fieldCandidates({}), deployPattern: /deployed version (?<version>\S+)/ });
  const n = scanner.scan(text);
  return { n, acc, report: buildSummaryReport(acc, []) };
}

describe('summary scanner', () => {
  it('reads the same roles from JSON, logfmt and plain lines, and CRLF endings', () => {
    const text = [
      `{"ts":"${iso(T0)}","level":"error","service":"payments","pod":"p-1","msg":"timeout after 300ms","latency_ms":120}`,
      `ts=${iso(T0 + 1000)} level=warn service=payments pod=p-2 msg="slow call" duration=0.25s`,
      `${iso(T0 + 2000)} ERROR checkout connection refused`,
      `{"ts":"${iso(T0 + 3000)}","level":"info","service":"checkout","status":503}\r`,
      '',
    ].join('\n');
    const { n, report } = summarise(text);
    expect(n).toBe(4);
    expect(report.by_level).toMatchObject({ error: 2, warn: 1, info: 1 });
    expect(report.by_service.payments).toBe(2);
    expect(report.span).toEqual({ from: '2026-11-22T14:00:00Z', to: '2026-11-22T14:00:03Z', duration_s: 3 });
    expect(report.top_errors).toContainEqual({ message: 'timeout after <n>', count: 1, example: 'timeout after 300ms' });
    const p99 = report.services.find((s) => s.service === 'payments')?.p99[0];
    expect(p99?.samples).toBe(2);
    expect(p99?.seconds).toBeCloseTo(0.25, 9);
  });

  it('takes level from a 5xx status when a line has no level, and counts JSON that is not JSON', () => {
    const { report, acc } = summarise(`{"ts":"${iso(T0)}","status":502}\n{"ts":"${iso(T0)}", "level": \n`);
    expect(report.by_level.error).toBe(1);
    expect(acc.malformedJson).toBe(1);
  });

  it('falls back to JSON.parse for escapes and nested values, and reads the same fields', () => {
    const line = `{"ts":"${iso(T0)}","level":"error","service":"pay\\u006dents","ctx":{"a":[1,2]},"msg":"quote \\" inside"}`;
    const { report } = summarise(`${line}\n`);
    expect(report.by_service).toEqual({ payments: 1 });
    expect(report.top_errors[0].example).toBe('quote " inside');
  });

  it('gives untimed lines the previous line time and counts them; --from/--to leave lines out', () => {
    const text = `{"ts":"${iso(T0)}","level":"info"}\nno time here\n{"ts":"${iso(T0 + 120_000)}","level":"info"}\n`;
    expect(summarise(text).acc.untimed).toBe(1);
    const bounded = summarise(text, { from: T0 + 60_000 });
    expect(bounded.acc.lines).toBe(1);
    expect(bounded.acc.outside).toBe(2);
  });

  it('reads timestamps in seconds, milliseconds, nanoseconds and RFC 3339 with an offset as the same moment', () => {
    const text = [
      `{"ts":${T0 / 1000},"level":"info"}`,
      `{"ts":${T0},"level":"info"}`,
      `{"ts":"${T0}000000","level":"info"}`,
      `{"time":${T0}000000,"level":"info"}`,
      '{"ts":"2026-11-22T15:00:00+01:00","level":"info"}',
    ].join('\n');
    const { report } = summarise(text);
    expect(report.lines_untimed).toBe(0);
    expect(report.span.from).toBe('2026-11-22T14:00:00Z');
    expect(report.span.to).toBe('2026-11-22T14:00:00Z');
  });

  it('finds deploys with their version, read from the message rather than the raw JSON', () => {
    const { report } = summarise(`{"ts":"${iso(T0)}","level":"info","service":"payments","msg":"deployed version v2.4.1"}\nlevel=info msg=x deployed version v3\n`);
    expect(report.deploys).toEqual([
      { at: '2026-11-22T14:00:00Z', service: 'payments', version: 'v2.4.1', message: 'deployed version v2.4.1' },
      { at: '2026-11-22T14:00:00Z', service: null, version: 'v3', message: 'x' },
    ]);
  });
});

describe('summary timeline', () => {
  it('puts the first rise at the first minute at twice the baseline and the peak at the most errors', () => {
    const lines: string[] = [];
    // 10 minutes of 100 lines; 1 error a minute, then 10 in minute 6 and 30 in minute 8.
    for (let m = 0; m < 10; m++) {
      const errors = m === 6 ? 10 : m === 8 ? 30 : 1;
      for (let i = 0; i < 100; i++) lines.push(JSON.stringify({ ts: iso(T0 + m * 60_000 + i * 100), level: i < errors ? 'error' : 'info', service: 'api' }));
    }
    const svc = summarise(`${lines.join('\n')}\n`).report.services[0];
    expect(svc.baseline_error_ratio).toBe(0.01);
    expect(svc.first_rise).toMatchObject({ at: '2026-11-22T14:06:00Z', errors: 10 });
    expect(svc.peak).toMatchObject({ at: '2026-11-22T14:08:00Z', errors: 30, error_ratio: 0.3 });
  });

  it('masks numbers, ids, UUIDs and addresses in error messages', () => {
    expect(normaliseMessage('order 1234 failed: upstream 10.0.3.7:8080 id 7d2f2bb362a5 req 0x1f uuid 123e4567-e89b-12d3-a456-426614174000'))
      .toBe('order <n> failed: upstream <ip> id <hex> req <hex> uuid <uuid>');
  });

  it('p99 by nearest rank equals a full sort, for random samples and for ties', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (const n of [1, 2, 3, 10, 99, 100, 101, 601, 602, 1000, 4321, 100_001]) {
      const xs = Array.from({ length: n }, () => Math.round(rand() * (n % 2 ? 1000 : 5)));
      const sorted = [...xs].sort((a, b) => a - b);
      for (const q of [0.5, 0.9, 0.99, 1]) expect(nearestRank(xs, q)).toBe(sorted[Math.max(0, Math.ceil(q * n) - 1)]);
      for (const k of [0, 1, n >> 1, Math.ceil(0.99 * n) - 1, n - 2, n - 1].filter((k) => k >= 0 && k < n)) {
        const a = Float64Array.from(xs);
        expect(selectKth(a, k)).toBe(sorted[k]);
        // Selected in place: the values are the same set, split at k.
        expect([...a].sort((x, y) => x - y)).toEqual(sorted);
        expect(a.subarray(0, k).every((v) => v <= a[k]) && a.subarray(k + 1).every((v) => v >= a[k])).toBe(true);
      }
    }
    expect(nearestRank([], 0.99)).toBeNaN();
  });

  it('counts error messages the same whether their masks are cached or not: all different, then all alike', () => {
    for (const order of ['different first', 'alike first']) {
      const acc = new SummaryAccumulator();
      const lines: Array<[string, string]> = [];
      for (let i = 0; i < 3000; i++) lines.push([`upstream timeout after ${i}ms to 10.0.${i % 250}.1:80 (req ${i})`, `pod-${i % 7}`]);
      for (let i = 0; i < 3000; i++) lines.push(['connection refused', `pod-${i % 3}`]);
      if (order === 'alike first') lines.reverse();
      for (const [msg, pod] of lines) acc.add(T0, 'error', 'api', pod, msg, NaN, true);
      const counts = Object.fromEntries([...acc.errorMessages].map(([k, v]) => [k, v.count]));
      expect([order, counts]).toEqual([order, { 'upstream timeout after <n> to <ip> (req <n>)': 3000, 'connection refused': 3000 }]);
      expect(acc.podErrors.get('pod-0')?.errors).toBe(429 + 1000);
    }
  });

  it('a half with no line inside --from/--to leaves the time span of the other alone', () => {
    const text = (from: number) => Array.from({ length: 10 }, (_, i) => JSON.stringify({ ts: iso(from + i * 60_000), level: 'info' })).join('\n');
    const bounds = { to: T0 + 5 * 60_000 };
    const first = summarise(text(T0), bounds).acc;
    const second = summarise(text(T0 + 3_600_000), bounds).acc;
    expect(second.firstAt).toBeNaN();
    mergeTotals(first, second);
    expect(buildSummaryReport(first, []).span).toEqual({ from: '2026-11-22T14:00:00Z', to: '2026-11-22T14:04:00Z', duration_s: 240 });
  });

  it('two halves merged give the same report as one pass', () => {
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const level = i % 7 === 0 ? 'error' : 'info';
      lines.push(JSON.stringify({ ts: iso(T0 + i * 50), level, service: ['a', 'b', 'c'][i % 3], pod: `pod-${i % 5}`, msg: `failed order ${i}`, latency_ms: i % 300 }));
    }
    const whole = summarise(`${lines.join('\n')}\n`).report;
    const first = summarise(`${lines.slice(0, 1234).join('\n')}\n`).acc;
    const second = summarise(`${lines.slice(1234).join('\n')}\n`).acc;
    mergeTotals(first, structuredClone(second));
    expect(buildSummaryReport(first, [])).toEqual(whole);
  });
});

describe('timestamp fast path', () => {
  it('reads RFC 3339 in place exactly as Date.parse does', async () => {
    const { parseTimeString } = await import('../../src/model/logs/log-timestamp.js');
    const cases = [
      '2026-11-22T14:32:04Z', '2026-11-22T14:32:04.1Z', '2026-11-22T14:32:04.123Z', '2026-11-22T14:32:04.123456789Z',
      '2026-11-22T14:32:04+01:00', '2026-11-22T14:32:04.5-05:30', '2024-02-29T23:59:59.999+00:00', '1999-12-31T23:59:59.999-12:00',
      '2026-11-22T14:32:04.123+0100',
    ];
    for (const c of cases) expect(parseTimeString(c), c).toBe(Date.parse(c.replace(/\.(\d{1,3})\d*/, (_, f: string) => `.${f.padEnd(3, '0')}`).replace(/([+-]\d\d)(\d\d)$/, '$1:$2')));
    expect(parseTimeString('2026-13-22T14:32:04Z')).toBeNull();
    // What the in-place reader must not accept (the pattern decides, as before it existed).
    for (const bad of ['2026-11-22T14:32-04Z', '2026-11-22T14:32:0:Z', '2O26-11-22T14:32:04Z', '2026-11-22T14:32:04.Z', '2026-11-22T14:32:04.1234567890Z', '2026-11-22T23:59:60Z', '2026-11-22X14:32:04Z']) {
      expect(parseTimeString(bad), bad).toBeNull();
    }
    expect(parseTimeString('2026-11-22T24:00:00Z')).toBe(Date.parse('2026-11-22T24:00:00Z'));
    expect(parseTimeString('2026-11-22 14:32 UTC')).toBe(Date.parse('2026-11-22T14:32:00Z'));
    expect(parseTimeString('2026-11-22 14:32:04,5')).toBe(Date.parse('2026-11-22T14:32:04.500Z'));
  });
});
