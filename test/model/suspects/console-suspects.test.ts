// The live rules fed from the console's own state: the error-rate series, deploys, p99 bars, log lines, alerts and
// pipeline rows, as the Why line and panels.suspects[] see them.
import { describe, expect, it, vi } from 'vitest';
import { suspectsOf } from '../../../src/app/extra-panels.js';
import type { Profile } from '../../../src/config/profile.js';
import { applyEvent, dataVersion, emptyState, type ConsoleState } from '../../../src/model/console-state/console-state.js';
import type { SourceEvent } from '../../../src/model/console-state/events.js';
import { LogBuffer } from '../../../src/model/logs/log-buffer.js';
import type { LogLine } from '../../../src/model/logs/log-line.js';
import { consoleSuspects, type ConsoleSuspectInput } from '../../../src/model/suspects/console-suspects.js';
import { NO_CLEAR_SUSPECT } from '../../../src/model/suspects/suspect.js';

const NOW = Date.parse('2026-11-22T14:15:00Z');
const FROM = NOW - 900_000;

function state(events: SourceEvent[]): ConsoleState {
  return events.reduce(applyEvent, emptyState());
}

/** 91 points 10 s apart over the window: 0.2% until `riseAt`, then 9%. */
function errorRate(riseAt: number | null, calm = 0.002): SourceEvent {
  const points: Array<[number, number]> = Array.from({ length: 91 }, (_, i) => {
    const t = FROM + i * 10_000;
    return [t / 1000, riseAt !== null && t >= riseAt ? 0.09 : calm];
  });
  return { type: 'samples', source: 'prometheus', origin: 'prometheus', panel: 'error_rate', at: NOW, series: [{ labels: {}, points }] };
}

const p99: SourceEvent = {
  type: 'samples', source: 'prometheus', origin: 'prometheus', panel: 'p99', at: NOW,
  series: [['payments-hot-1', 3.6], ['payments-a', 0.33], ['payments-b', 0.4]].map(([pod, s]) => ({ labels: { pod: pod as string }, points: [[NOW / 1000, s as number]] })),
};
const deploy: SourceEvent = { type: 'deploys', source: 'deploys', at: NOW, deploys: [{ at: NOW - 240_000, label: 'payments generation 2', source: 'deploys' }] };

function line(at: number, pod: string, level: LogLine['level'], message: string, service = 'payments'): LogLine {
  return { at, timed: true, level, source: 'app.log', message, service, pod, raw: `${pod} ${message}` };
}

function input(st: ConsoleState, more: Partial<ConsoleSuspectInput> = {}): ConsoleSuspectInput {
  return { state: st, service: 'payments', now: NOW, windowMs: 900_000, labels: { service: 'service', pod: 'pod' }, errorRateWarn: 0.01, ...more };
}

describe('console suspects', () => {
  it('the demo incident: the deploy, the hot pod (latency and error lines merged), the failing sink, then the alert', () => {
    const logs = new LogBuffer({ capacity: 1000, reorderWindowMs: 2000 });
    const lines: LogLine[] = [];
    for (let i = 0; i < 40; i++) {
      const at = NOW - 200_000 + i * 4000;
      lines.push(line(at, 'payments-a', 'info', 'POST /v1/charges 200'), line(at + 1, 'payments-b', 'info', 'POST /v1/charges 200'));
      lines.push(line(at + 2, 'payments-hot-1', 'error', i % 2 ? `POST /v1/charges 503: upstream timeout after ${2000 + i}ms` : 'GET /v1/charges/:id 500: card processor returned an internal error'));
    }
    lines.push(line(NOW - 100_000, 'payments-a', 'error', 'connection reset by peer'));
    logs.add(lines);
    const st = state([errorRate(NOW - 220_000), p99, deploy, {
      type: 'alerts', source: 'alerts', at: NOW, alerts: [
        { name: 'HighErrorRate', state: 'firing', since: NOW - 150_000, labels: { service: 'payments' }, severity: 'critical' },
        { name: 'CheckoutDown', state: 'firing', since: NOW - 900_000, labels: { service: 'checkout' } },
      ],
    }]);
    const pipeline = [
      { id: 'loki_out', kind: 'sink', type: 'loki', product: 'vector', verdict: 'failing', reason: 'discarding 77 events/s', last_seen: NOW - 1000 },
      { id: 'parse', kind: 'transform', type: 'remap', product: 'vector', verdict: 'ok', reason: 'no loss', last_seen: NOW - 1000 },
    ];
    const s = consoleSuspects(input(st, { logs, pipeline }));
    expect(s.map((x) => [x.kind, x.subject, x.score, x.evidence])).toEqual([
      ['change', 'payments generation 2', 0.98, 'deployed 20 s before errors rose 0.2% -> 9.0%'],
      ['pod', 'payments-hot-1', 0.95, 'p99 3.60 s vs 365 ms median of 2 peers; 98% of error lines (40 of 41)'],
      ['trust', 'loki_out', 0.8, 'discarding 77 events/s: log counts understate'],
      // Two messages with 20 of 41 lines each and one more: none has half.
      ['alert', 'HighErrorRate', 0.4, 'firing for 2m 30s (critical)'],
    ]);
    expect(s[0].at).toBe(NOW - 240_000);
  });

  it('a dominant masked message is a dependency suspect', () => {
    const logs = new LogBuffer({ capacity: 1000, reorderWindowMs: 2000 });
    logs.add(Array.from({ length: 10 }, (_, i) => line(NOW - 60_000 + i * 1000, `payments-${i % 3}`, 'error', `upstream timeout after ${100 + i}ms calling ledger 10.0.0.${i}:443`)));
    const s = consoleSuspects(input(state([errorRate(NOW - 120_000)]), { logs }));
    expect(s.find((x) => x.kind === 'dependency')).toMatchObject({ subject: 'upstream timeout after <n> calling ledger <ip>', evidence: '100% of errors (10 of 10 lines)', score: 0.75 });
  });

  it('steady errors, no deploy, pods alike, a healthy pipeline: no clear suspect', () => {
    const logs = new LogBuffer({ capacity: 1000, reorderWindowMs: 2000 });
    logs.add(Array.from({ length: 30 }, (_, i) => line(NOW - 300_000 + i * 5000, 'payments-hot-1', 'error', 'upstream timeout')));
    const flatP99: SourceEvent = { ...p99, series: ['a', 'b', 'c'].map((p) => ({ labels: { pod: p }, points: [[NOW / 1000, 0.3]] })) } as SourceEvent;
    // 0.5% all window long: under the warn threshold and no rise, so the pod and message rules stay silent too.
    const st = state([errorRate(null, 0.005), flatP99, { ...deploy, deploys: [{ at: NOW - 800_000, label: 'old', source: 'deploys' }] } as SourceEvent]);
    const s = consoleSuspects(input(st, { logs, pipeline: [] }));
    expect(s).toEqual([]);
    expect(NO_CLEAR_SUSPECT).toBe('no clear suspect');
  });

  it('drilled down to a pod, the pod rules are silent (no peers in scope) and the change still speaks', () => {
    const s = consoleSuspects(input(state([errorRate(NOW - 220_000), p99, deploy]), { pod: 'payments-hot-1' }));
    expect(s.map((x) => x.kind)).toEqual(['change']);
  });

  it('at a replay time before the deploy and the rise, neither is named', () => {
    const s = consoleSuspects(input(state([errorRate(NOW - 220_000), deploy]), { now: NOW - 300_000 }));
    expect(s).toEqual([]);
  });

  it('the Why line reads the log lines again at the next second, not at every batch of lines; other changes at once', () => {
    const logs = new LogBuffer({ capacity: 1000, reorderWindowMs: 2000 });
    const tail = vi.spyOn(logs, 'tail');
    const profile = { windowMs: 900_000, labels: { service: 'service', pod: 'pod' }, thresholds: { errorRateWarn: 0.01 } } as unknown as Profile;
    const why = suspectsOf({ profile }, undefined, () => logs);
    let st = state([errorRate(NOW - 220_000)]);
    expect(why(st, NOW).suspects.map((x) => x.kind)).not.toContain('dependency');
    expect(tail).toHaveBeenCalledTimes(1);
    // A burst: batch after batch of one error within the same second.
    for (let b = 0; b < 5; b++) {
      const batch = Array.from({ length: 20 }, (_, i) => line(NOW - 100_000 + b * 1000 + i, 'payments-hot-1', 'error', 'upstream timeout'));
      logs.add(batch);
      st = applyEvent(st, { type: 'lines', source: 'app.log', at: NOW + b, lines: batch });
      why(st, NOW + 10 + b);
    }
    expect(tail).toHaveBeenCalledTimes(1);
    expect(dataVersion(st)).toBe(1);
    expect(st.version).toBe(6);
    // The next second counts them.
    expect(why(st, NOW + 1000).suspects.map((x) => `${x.kind} ${x.subject}`)).toContain('dependency upstream timeout');
    expect(tail).toHaveBeenCalledTimes(2);
    // A change to what the panels read is judged at once, within the same second.
    why(applyEvent(st, deploy), NOW + 1001);
    expect(tail).toHaveBeenCalledTimes(3);
  });
});
