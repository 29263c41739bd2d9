// The doctor report as exact text: aligned columns, ok/FAIL words, the verdict line, and the JSON names.
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../src/model/session/doctor-check.js';
import { oneLine } from '../../../src/model/session/doctor-check.js';
import { doctorJson, doctorLines } from '../../../src/ui/format/doctor-lines.js';

const CHECKS: CheckResult[] = [
  { check: 'profile', target: 'fast', ok: true, latencyMs: null, detail: 'valid' },
  { check: 'prometheus', target: 'http://127.0.0.1:9090', ok: true, latencyMs: 12, detail: 'version 2.42.0' },
  { check: 'scrape', target: 'http://127.0.0.1:1/metrics', ok: false, latencyMs: 1003, detail: 'connection refused' },
];
const who = { name: 'fast', file: '/etc/incident/fast.yaml' };

describe('doctorLines', () => {
  it('aligns the columns and ends with how many failed', () => {
    expect(doctorLines(CHECKS, { color: false, profile: who })).toEqual([
      'profile fast (/etc/incident/fast.yaml)',
      'ok          -  profile     fast                        valid',
      'ok      12 ms  prometheus  http://127.0.0.1:9090       version 2.42.0',
      'FAIL  1003 ms  scrape      http://127.0.0.1:1/metrics  connection refused',
      '1 of 3 checks failed',
    ]);
  });

  it('says all passed, and colours only the status word', () => {
    const lines = doctorLines(CHECKS.slice(0, 2), { color: true, profile: who });
    expect(lines.at(-1)).toBe('all 2 checks passed');
    expect(lines[2]).toBe('\x1b[32mok  \x1b[0m  12 ms  prometheus  http://127.0.0.1:9090  version 2.42.0');
  });
});

describe('doctorJson', () => {
  it('uses snake_case names', () => {
    expect(doctorJson(CHECKS.slice(2), who)).toEqual({
      profile: 'fast', file: '/etc/incident/fast.yaml', ok: false, failed: 1,
      checks: [{ check: 'scrape', target: 'http://127.0.0.1:1/metrics', ok: false, latency_ms: 1003, detail: 'connection refused' }],
    });
  });
});

describe('oneLine', () => {
  it.each([
    ['first non-empty line', '\n  first\nsecond', 'first'],
    ['a CR LF ends the line', 'first\r\nsecond', 'first'],
    ['other controls stay for the terminal gate', 'a\u001b[31mb\u0007\rc', 'a\u001b[31mb\u0007\rc'],
    ['long text is cut', 'x'.repeat(400), `${'x'.repeat(297)}...`],
  ])('%s', (_name, input, want) => {
    expect(oneLine(input)).toBe(want);
  });
});
