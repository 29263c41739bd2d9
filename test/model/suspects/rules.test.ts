// Each suspect rule on its own: where it speaks, with the exact evidence and score, and where it must stay silent.
import { describe, expect, it } from 'vitest';
import { findRise } from '../../../src/model/suspects/rise.js';
import {
  alertSuspects, changeSuspect, dependencySuspect, latencySuspects, mergePodSuspects, podErrorSuspect, trustSuspects, type ComponentInput,
} from '../../../src/model/suspects/rules.js';
import { messageFilter, suspectAction } from '../../../src/model/suspects/suspect-actions.js';
import { rankSuspects, suspectJson } from '../../../src/model/suspects/suspect.js';
import { compileLogFilter } from '../../../src/model/logs/log-match.js';
import type { LogLine } from '../../../src/model/logs/log-line.js';

const T0 = Date.parse('2026-11-22T14:00:00Z');
const flat = (n: number, ratio: number, from = T0, stepMs = 10_000) => Array.from({ length: n }, (_, i) => ({ at: from + i * stepMs, ratio }));

describe('the rise (the summary rule on a ratio series)', () => {
  it('finds the first point past twice the median and one point above it, with the highest ratio after', () => {
    const points = [...flat(20, 0.001), { at: T0 + 200_000, ratio: 0.005 }, { at: T0 + 210_000, ratio: 0.02 }, { at: T0 + 220_000, ratio: 0.05 }, { at: T0 + 230_000, ratio: 0.04 }];
    expect(findRise(points)).toEqual({ at: T0 + 210_000, before: 0.001, after: 0.05 });
  });
  it('without counts, a rise must hold: a lone noisy step, or one the median after it does not follow, is none', () => {
    const calm = flat(30, 0);
    const blip = [...calm.slice(0, 10), { at: T0 + 100_000, ratio: 0.03 }, ...calm.slice(11)];
    expect(findRise(blip)).toBeNull();
    // Two noisy steps, then calm for longer than they lasted: the median from them on is calm.
    const pair = [...calm.slice(0, 10), { at: T0 + 100_000, ratio: 0.03 }, { at: T0 + 110_000, ratio: 0.03 }, ...calm.slice(12)];
    expect(findRise(pair)).toBeNull();
    // A blip, calm, then the real rise: the rise is the real one.
    const real = [...blip.slice(0, 25), ...flat(5, 0.2, T0 + 250_000)];
    expect(findRise(real)).toEqual({ at: T0 + 250_000, before: 0, after: 0.2 });
    // The newest point alone past the threshold waits for the next.
    expect(findRise([...calm, { at: T0 + 300_000, ratio: 0.2 }])).toBeNull();
  });
  it('stays silent on steady errors, on a rise in the first point, on gaps only and under the count rule', () => {
    expect(findRise(flat(30, 0.03))).toBeNull();
    expect(findRise([{ at: T0, ratio: 0.5 }, ...flat(10, 0.001, T0 + 10_000)])).toBeNull();
    expect(findRise([{ at: T0, ratio: null }, { at: T0 + 1, ratio: null }])).toBeNull();
    // Log-derived points carry counts: two errors in a minute are not a rise, whatever the ratio.
    expect(findRise([{ at: T0, ratio: 0, errors: 0 }, { at: T0 + 60_000, ratio: 0, errors: 0 }, { at: T0 + 120_000, ratio: 0.5, errors: 2 }])).toBeNull();
    expect(findRise([{ at: T0, ratio: 0, errors: 0 }, { at: T0 + 60_000, ratio: 0, errors: 0 }, { at: T0 + 120_000, ratio: 0.5, errors: 3 }]))
      .toEqual({ at: T0 + 120_000, before: 0, after: 0.5 });
  });
});

describe('change', () => {
  const rise = { at: T0 + 600_000, before: 0.001, after: 0.05 };
  it('names the deploy nearest before the rise with the lag and the rates', () => {
    const s = changeSuspect(rise, [{ at: T0 + 60_000, label: 'v2.4.0' }, { at: T0 + 560_000, label: 'v2.4.1' }], 10_000);
    expect(s).toEqual({ kind: 'change', subject: 'v2.4.1', at: T0 + 560_000, score: 0.97, evidence: 'deployed 40 s before errors rose 0.1% -> 5.0%', brief: 'deploy v2.4.1 40s before rise' });
  });
  it('takes a deploy within one step after the rise point as at the rise', () => {
    expect(changeSuspect(rise, [{ at: T0 + 605_000, label: 'v3' }], 10_000)).toMatchObject({ subject: 'v3', score: 1, evidence: 'deployed as errors rose 0.1% -> 5.0%', brief: 'deploy v3 at rise' });
  });
  it('stays silent without a rise, with a deploy more than 10 minutes before it, or after it', () => {
    expect(changeSuspect(null, [{ at: T0, label: 'v1' }], 10_000)).toBeNull();
    expect(changeSuspect(rise, [{ at: T0 + 600_000 - 600_001, label: 'old' }], 10_000)).toBeNull();
    expect(changeSuspect(rise, [{ at: T0 + 611_000, label: 'later' }], 10_000)).toBeNull();
  });
  it('scores half at the edge of the lag', () => {
    expect(changeSuspect(rise, [{ at: T0, label: 'edge' }], 10_000)).toMatchObject({ score: 0.5, evidence: 'deployed 10m before errors rose 0.1% -> 5.0%' });
  });
});

describe('pod by latency', () => {
  const peers = ['a', 'b', 'c', 'd', 'e'].map((n) => ({ name: `payments-${n}`, seconds: 0.25, at: T0 }));
  it('names a pod far from the median of its peers', () => {
    expect(latencySuspects([{ name: 'payments-hot-1', seconds: 2.5, at: T0 }, ...peers])).toEqual([
      { kind: 'pod', subject: 'payments-hot-1', label: 'pod', at: T0, score: 0.9, evidence: 'p99 2.50 s vs 250 ms median of 5 peers', brief: 'payments-hot-1 p99 10x peers' },
    ]);
  });
  it('says "at least" when the pod\'s p99 is a floor, past its histogram\'s highest bucket', () => {
    expect(latencySuspects([{ name: 'payments-hot-1', seconds: 2.5, at: T0, atLeast: true }, ...peers])).toEqual([
      { kind: 'pod', subject: 'payments-hot-1', label: 'pod', at: T0, score: 0.9, evidence: 'p99 >=2.50 s vs 250 ms median of 5 peers', brief: 'payments-hot-1 p99 >=10x peers' },
    ]);
  });
  it('stays silent under three times the median, under 100 ms above it, or with fewer than two peers', () => {
    expect(latencySuspects([{ name: 'x', seconds: 0.7, at: T0 }, ...peers])).toEqual([]);
    expect(latencySuspects([{ name: 'x', seconds: 0.09, at: T0 }, ...peers.map((p) => ({ ...p, seconds: 0.01 }))])).toEqual([]);
    expect(latencySuspects([{ name: 'x', seconds: 2.5, at: T0 }, peers[0]])).toEqual([]);
    expect(latencySuspects([{ name: 'x', seconds: Number.NaN, at: T0 }, ...peers.slice(0, 2)])).toEqual([]);
  });
});

describe('pod by errors and dependency', () => {
  const top = { key: 'payments-hot-1', errors: 91, at: T0 };
  it('names the pod with most error lines when errors are elevated', () => {
    expect(podErrorSuspect({ top, total: 100, keys: 3 }, true)).toEqual({
      kind: 'pod', subject: 'payments-hot-1', label: 'pod', at: T0, score: 0.85, evidence: '91% of error lines (91 of 100)', brief: 'payments-hot-1 91% of errors',
    });
  });
  it('stays silent when errors are not elevated, under half, under 5 lines, with one pod, or under 1.5x its fair share', () => {
    expect(podErrorSuspect({ top, total: 100, keys: 3 }, false)).toBeNull();
    expect(podErrorSuspect({ top: { ...top, errors: 49 }, total: 100, keys: 3 }, true)).toBeNull();
    expect(podErrorSuspect({ top: { ...top, errors: 4 }, total: 4, keys: 3 }, true)).toBeNull();
    expect(podErrorSuspect({ top, total: 100, keys: 1 }, true)).toBeNull();
    expect(podErrorSuspect({ top: { ...top, errors: 70 }, total: 100, keys: 2 }, true)).toBeNull();
    expect(podErrorSuspect({ top: { ...top, errors: 75 }, total: 100, keys: 2 }, true)).toMatchObject({ score: 0.75 });
  });
  it('names a message that dominates the errors, and stays silent when none does or errors are normal', () => {
    const msg = { key: 'upstream timeout calling ledger', errors: 87, at: T0 };
    expect(dependencySuspect({ top: msg, total: 100 }, true)).toEqual({
      kind: 'dependency', subject: 'upstream timeout calling ledger', at: T0, score: 0.69, evidence: '87% of errors (87 of 100 lines)', brief: 'errors 87% "upstream timeout calling ledger"',
    });
    expect(dependencySuspect({ top: { ...msg, errors: 40 }, total: 100 }, true)).toBeNull();
    expect(dependencySuspect({ top: msg, total: 100 }, false)).toBeNull();
    expect(dependencySuspect({ top: null, total: 0 }, true)).toBeNull();
  });
  it('one pod named by both rules is one suspect with both pieces of evidence', () => {
    const merged = mergePodSuspects([
      ...latencySuspects([{ name: 'payments-hot-1', seconds: 2.5, at: T0 }, ...['a', 'b'].map((n) => ({ name: n, seconds: 0.25, at: T0 }))]),
      podErrorSuspect({ top, total: 100, keys: 3 }, true)!,
    ]);
    expect(merged).toEqual([{
      kind: 'pod', subject: 'payments-hot-1', label: 'pod', at: T0, score: 0.95, evidence: 'p99 2.50 s vs 250 ms median of 2 peers; 91% of error lines (91 of 100)', brief: 'payments-hot-1 p99 10x peers',
    }]);
  });
});

describe('alert and trust', () => {
  it('lists firing alerts oldest first and leaves out the rest', () => {
    const now = T0 + 600_000;
    const s = alertSuspects([
      { name: 'HighErrorRate', state: 'firing', since: T0 + 480_000, severity: 'critical' },
      { name: 'DiskFull', state: 'silenced', since: T0 },
      { name: 'VectorSinkDiscarding', state: 'firing', since: T0 + 300_000, severity: 'warning' },
      { name: 'Pending', state: 'pending', since: T0 },
    ], now);
    expect(s).toEqual([
      { kind: 'alert', subject: 'VectorSinkDiscarding', at: T0 + 300_000, score: 0.4, evidence: 'firing for 5m (warning)', brief: 'alert VectorSinkDiscarding firing 5m' },
      { kind: 'alert', subject: 'HighErrorRate', at: T0 + 480_000, score: 0.39, evidence: 'firing for 2m (critical)', brief: 'alert HighErrorRate firing 2m' },
    ]);
    expect(alertSuspects([], now)).toEqual([]);
  });
  const row = (over: Partial<ComponentInput>): ComponentInput => ({
    id: 'loki_out', kind: 'sink', type: 'loki', product: 'vector', verdict: 'failing', reason: 'discarding 12 events/s', last_seen: T0, ...over,
  });
  it('says what a failing or degraded component means for the screen, and nothing for ok or unknown ones', () => {
    expect(trustSuspects([row({})])).toEqual([{ kind: 'trust', subject: 'loki_out', at: T0, score: 0.8, evidence: 'discarding 12 events/s: log counts understate', brief: 'loki_out discarding 12 events/s' }]);
    expect(trustSuspects([row({ verdict: 'degraded', id: 'remote', type: 'prometheus_remote_write', reason: '3 errors/s' })]))
      .toEqual([{ kind: 'trust', subject: 'remote', at: T0, score: 0.5, evidence: '3 errors/s: graphs fed through it understate', brief: 'remote 3 errors/s' }]);
    expect(trustSuspects([row({ product: 'prometheus', kind: 'server', type: 'prometheus', reason: 'rule evaluation failures 0.2/s' })])[0].evidence)
      .toBe('rule evaluation failures 0.2/s: alerts may not fire');
    expect(trustSuspects([row({ reason: 'buffer 92% full' })])[0].evidence).toBe('buffer 92% full: data arrives late, then is lost');
    expect(trustSuspects([row({ verdict: 'ok' }), row({ verdict: 'unknown' })])).toEqual([]);
  });
});

describe('ranking and JSON', () => {
  it('ranks by score, then by kind, and prints at in RFC 3339', () => {
    const ranked = rankSuspects([
      { kind: 'alert', subject: 'A', score: 0.4, evidence: '', brief: '', at: T0 },
      { kind: 'trust', subject: 'T', score: 0.8, evidence: '', brief: '', at: null },
      { kind: 'change', subject: 'C', score: 0.8, evidence: '', brief: '', at: T0 },
    ]);
    expect(ranked.map((s) => s.subject)).toEqual(['C', 'T', 'A']);
    expect(suspectJson(ranked[0])).toEqual({ kind: 'change', subject: 'C', score: 0.8, evidence: '', at: '2026-11-22T14:00:00Z' });
    expect(suspectJson(ranked[1]).at).toBeNull();
  });
});

describe('what enter does', () => {
  const base = { score: 0.9, evidence: '', brief: '', at: T0 };
  it('drills down to a pod, moves the cursor to a change or an alert, filters by a message, focuses the pipeline', () => {
    expect(suspectAction({ ...base, kind: 'pod', subject: 'payments-hot-1', label: 'pod' })).toEqual({ type: 'scope-pod', pod: 'payments-hot-1' });
    expect(suspectAction({ ...base, kind: 'change', subject: 'v2' })).toEqual({ type: 'cursor', at: T0 });
    expect(suspectAction({ ...base, kind: 'alert', subject: 'HighErrorRate' })).toEqual({ type: 'cursor', at: T0 });
    expect(suspectAction({ ...base, kind: 'trust', subject: 'loki_out' })).toEqual({ type: 'focus', panel: 'pipeline' });
    expect(suspectAction({ ...base, kind: 'pod', subject: 'node-3', label: 'node' })).toBeNull();
  });
  it('the message filter matches every line the mask stands for, and no other', () => {
    const masked = 'POST /v1/charges <n>: upstream timeout after <n> (card-processor.internal:<n>)';
    const action = suspectAction({ ...base, kind: 'dependency', subject: masked });
    expect(action).toEqual({ type: 'filter', text: messageFilter(masked) });
    const filter = compileLogFilter((action as { text: string }).text);
    if (!filter?.ok) throw new Error('the filter does not compile');
    const raw = (msg: string): LogLine => ({ at: T0, timed: true, level: 'error', source: 'app.log', message: msg, raw: JSON.stringify({ msg }) });
    expect(filter.test(raw('POST /v1/charges 503: upstream timeout after 2000ms (card-processor.internal:443)'))).toBe(true);
    expect(filter.test(raw('POST /v1/charges 500: card processor returned an internal error'))).toBe(false);
    expect(filter.test(raw('POST /v1/refunds 503: upstream timeout after 2000ms (card-processor.internal:443)'))).toBe(false);
  });
});
