// Suspects of a whole archive from the finished summary report: a deploy before a rise on one pod and one message
// names all three; steady errors with no deploy name nothing.
import { describe, expect, it } from 'vitest';
import { SummaryAccumulator } from '../../../src/model/summary/summary-accumulator.js';
import { fieldCandidates } from '../../../src/model/summary/summary-fields.js';
import { buildSummaryReport } from '../../../src/model/summary/summary-report.js';
import { SummaryScanner } from '../../../src/model/summary/summary-scan.js';
import { summarySuspects } from '../../../src/model/suspects/summary-suspects.js';
import { suspectJson } from '../../../src/model/suspects/suspect.js';

const T0 = Date.parse('2026-11-22T14:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

function report(lines: string[]) {
  const acc = new SummaryAccumulator({});
  new SummaryScanner(acc, { fields: fieldCandidates({}), deployPattern: /deployed version (?<version>\S+)/ }).scan(`${lines.join('\n')}\n`);
  return buildSummaryReport(acc, []);
}

/** 20 minutes of payments traffic over 4 pods, 1 line a second; from `riseMin` on, pod 1 fails a third of its requests (5 a minute). */
function archive(opts: { riseMin: number | null; deployAt: number | null; steadyErrors?: boolean }): string[] {
  const out: string[] = [];
  for (let s = 0; s < 1200; s++) {
    const at = T0 + s * 1000;
    const pod = `payments-${s % 4}`;
    const rising = opts.riseMin !== null && s >= opts.riseMin * 60 && s % 4 === 1 && s % 3 === 0;
    const steady = opts.steadyErrors && s % 25 === 0;
    if (rising) out.push(JSON.stringify({ ts: iso(at), level: 'error', service: 'payments', pod, msg: `upstream timeout after ${2000 + (s % 7)}ms calling ledger` }));
    else if (steady) out.push(JSON.stringify({ ts: iso(at), level: 'error', service: 'payments', pod, msg: ['card declined', 'bad request', 'session expired', 'rate limited'][(s / 25) % 4] }));
    else out.push(JSON.stringify({ ts: iso(at), level: 'info', service: 'payments', pod, msg: 'POST /v1/charges 200' }));
    if (opts.deployAt === s) out.push(JSON.stringify({ ts: iso(at), level: 'info', service: 'payments', msg: 'deployed version v2.4.1' }));
  }
  return out;
}

describe('summary suspects', () => {
  it('a deploy before a rise concentrated on one pod and one message names all three', () => {
    const r = report(archive({ riseMin: 14, deployAt: 13 * 60 + 20 }));
    expect(r.services[0].first_rise?.at).toBe('2026-11-22T14:14:00Z');
    expect(summarySuspects(r).map(suspectJson)).toEqual([
      { kind: 'change', subject: 'payments v2.4.1', score: 0.97, at: '2026-11-22T14:13:20Z', evidence: 'deployed 40 s before errors rose 0.0% -> 8.3%' },
      { kind: 'pod', subject: 'payments-1', score: 0.9, at: '2026-11-22T14:14:00Z', evidence: '100% of error lines (30 of 30)' },
      { kind: 'dependency', subject: 'upstream timeout after <n> calling ledger', score: 0.75, at: '2026-11-22T14:14:00Z', evidence: '100% of errors (30 of 30 lines)' },
    ]);
  });

  it('steady errors over every pod with no deploy: nothing', () => {
    const r = report(archive({ riseMin: null, deployAt: null, steadyErrors: true }));
    expect(r.services[0].first_rise).toBeNull();
    expect(summarySuspects(r)).toEqual([]);
  });

  it('a rise with no deploy near it names the pod and the message, not a change', () => {
    const r = report(archive({ riseMin: 14, deployAt: 2 * 60 }));
    expect(summarySuspects(r).map((s) => s.kind)).toEqual(['pod', 'dependency']);
  });
});
