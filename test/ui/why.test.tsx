// The Why line on the full screen and the list behind it: the suspects drawn under the header at 120, 80 and 60
// columns, w opening the list with the evidence, and enter acting on the chosen suspect.
import { describe, expect, it } from 'vitest';
import { extraPanels } from '../../src/app/extra-panels.js';
import { loadProfile } from '../../src/config/load-profile.js';
import { applyEvent, emptyState } from '../../src/model/console-state/console-state.js';
import type { SourceEvent } from '../../src/model/console-state/events.js';
import { LogBuffer } from '../../src/model/logs/log-buffer.js';
import type { LogLine } from '../../src/model/logs/log-line.js';
import type { PipelineRow } from '../../src/model/pipeline/pipeline-verdict.js';
import { App } from '../../src/ui/app.js';
import { asciiGlyphs } from '../../src/ui/format/glyphs.js';
import { computeLayout } from '../../src/ui/format/layout.js';
import { whyLine, whyListLines } from '../../src/ui/format/why-lines.js';
import { logPane } from '../../src/ui/log-pane.js';
import { plain } from '../../src/terminal/styled.js';
import { showOnTerminal } from '../helpers/screen.js';

const NOW = Date.UTC(2026, 10, 22, 14, 32, 5);
const FROM = NOW - 900_000;
const events: SourceEvent[] = [
  { type: 'status', source: 'prometheus', kind: 'prometheus', at: NOW - 1000, state: 'up', latencyMs: 9 },
  { type: 'samples', source: 'prometheus', origin: 'prometheus', panel: 'error_rate', at: NOW - 1000,
    series: [{ labels: {}, points: Array.from({ length: 91 }, (_, i): [number, number] => [(FROM + i * 10_000) / 1000, FROM + i * 10_000 >= NOW - 220_000 ? 0.09 : 0.002]) }] },
  { type: 'samples', source: 'prometheus', origin: 'prometheus', panel: 'p99', at: NOW - 1000,
    series: [['payments-hot-1', 3.6], ['payments-a', 0.33], ['payments-b', 0.4]].map(([pod, s]) => ({ labels: { pod: pod as string }, points: [[NOW / 1000, s as number]] })) },
  { type: 'deploys', source: 'deploys', at: NOW - 1000, deploys: [{ at: NOW - 240_000, label: 'payments generation 2', source: 'deploys' }] },
];
const state = events.reduce(applyEvent, emptyState());
const row = (over: Partial<PipelineRow>): PipelineRow => ({
  id: 'loki_out', kind: 'sink', type: 'loki', product: 'vector', in_per_s: 4000, out_per_s: 3900, errors_per_s: 0, discarded_per_s: 100,
  intentional_discarded_per_s: 0, buffer_fill: 0.2, utilization: 0.5, up: null, problems_per_s: {}, verdict: 'failing', reason: 'discarding 100 events/s',
  loss_history: [100], last_seen: NOW - 1000, ...over,
});
const pipeline = { rows: () => [row({})] };
const line = (at: number, pod: string, level: LogLine['level'], message: string): LogLine => ({
  at, timed: true, level, source: 'app.log', message, service: 'payments', pod, raw: JSON.stringify({ pod, msg: message }),
});

async function screen(cols: number, rows: number) {
  const profile = await loadProfile({ name: 'default', cwd: '/', env: {} });
  const buffer = new LogBuffer({ capacity: 1000, reorderWindowMs: 0 });
  buffer.add(Array.from({ length: 12 }, (_, i) => line(NOW - 120_000 + i * 5000, i % 6 ? 'payments-hot-1' : 'payments-a', 'error', `upstream timeout after ${2000 + i}ms calling ledger`)));
  buffer.add([line(NOW - 60_000, 'payments-b', 'info', 'POST /v1/charges 200')]);
  return showOnTerminal((quit, terminal) => (
    <App
      store={{ subscribe: () => () => undefined, getSnapshot: () => state }}
      profile={profile} service="payments" glyphs={asciiGlyphs} color={false}
      now={() => NOW} size={terminal.size} ttfgMs={() => 95}
      onFrame={() => undefined} onWindow={() => undefined} onRefresh={() => undefined} onQuit={quit}
      extras={extraPanels({ glyphs: asciiGlyphs, profile }, pipeline, () => buffer)}
      logs={logPane(buffer, asciiGlyphs, () => state)}
    />
  ), cols, rows);
}

describe('the Why line', () => {
  it('sits under the header with the suspects that fit: three at 120 columns, two at 80, one and how many more at 60', async () => {
    for (const [cols, rows, want] of [
      [120, 40, 'Why deploy payments generation 2 20s before rise . payments-hot-1 p99 10x peers . loki_out discarding 100 events/s'],
      [80, 24, 'Why deploy payments generation 2 20s before rise . payments-hot-1 p99 10x peers'],
      [60, 20, 'Why deploy payments generation 2 20s before rise  +3 more: w'],
    ] as const) {
      const s = await screen(cols, rows);
      const lines = s.text().split('\n');
      expect(lines[2]).toBe(want);
      // Nothing else gave way at 80x24: the worst pipeline component and the logs are still on screen.
      if (cols === 80) expect(s.text()).toMatch(/FAILING +loki_out/);
      await s.type('q');
      expect(await s.quit()).toBe(0);
    }
  });

  it('w lists every suspect with its evidence; enter on the pod drills down to it', async () => {
    const s = await screen(100, 30);
    await s.type('w');
    const list = s.text();
    expect(list).toContain('Why  4 suspects, best first (score 0..1)');
    expect(list).toContain('> 0.98  change   payments generation 2');
    expect(list).toContain('deployed 20 s before errors rose 0.2% -> 9.0%  at 14:28:05Z');
    expect(list).toContain('  0.95  pod      payments-hot-1');
    expect(list).toContain('p99 3.60 s vs 365 ms median of 2 peers; 83% of error lines (10 of 12)');
    expect(list).toContain('  0.80  pipeline loki_out');
    expect(list).toContain('discarding 100 events/s: log counts understate');
    expect(list).toContain('  0.75  message  upstream timeout after <n> calling ledger');
    expect(list).toContain('enter: move the time cursor to 14:28:05Z');
    await s.type('\u001b[B');
    expect(s.text()).toContain('enter: drill down to payments-hot-1');
    await s.type('\r');
    const drilled = s.text();
    expect(drilled.split('\n')[0]).toMatch(/^incident payments\/payments-hot-1 \|/);
    expect(drilled).toContain('scoped to payments-hot-1 (esc goes back)');
    await s.type('q');
    expect(await s.quit()).toBe(0);
  });

  it('enter on the change moves the time cursor, on the message filters the logs, on the component focuses the pipeline', async () => {
    const s = await screen(100, 30);
    await s.type('w\r');
    expect(s.text()).toContain('time cursor at 14:28:05Z (esc returns to live)');
    await s.type('w\u001b[B\u001b[B\u001b[B\r');
    expect(s.text()).toMatch(/Logs .*filter: re:upstream\\s\+timeout/);
    expect(s.text()).toContain('logs filtered by the message');
    await s.type('w\u001b[B\u001b[B\r');
    expect(s.text()).toContain('pipeline panel focused');
    await s.type('q');
    expect(await s.quit()).toBe(0);
  });
});

describe('whyLine and the layout', () => {
  it('says no clear suspect, or that it waits for the error rate', () => {
    expect(plain(whyLine({ suspects: [] }, 80, asciiGlyphs))).toBe('Why no clear suspect');
    expect(plain(whyLine({ suspects: [], waiting: true }, 80, asciiGlyphs))).toBe('Why waiting for the error rate');
    expect(plain(whyLine({ suspects: [], waiting: true, down: 'no data to judge: prometheus DOWN' }, 80, asciiGlyphs))).toBe('Why no data to judge: prometheus DOWN');
  });
  it('cuts the first suspect to the width when even it does not fit', () => {
    const s = { kind: 'dependency' as const, subject: 'x', score: 0.7, evidence: '', at: null, brief: `errors 90% "${'y'.repeat(80)}"` };
    expect(plain(whyLine({ suspects: [s] }, 40, asciiGlyphs))).toBe(`Why errors 90% "${'y'.repeat(23)}${asciiGlyphs.ellipsis}`);
  });
  it('gives a wide line to the suspects it names: one takes the rest of the line, three share it', () => {
    const long = (n: number) => ({ kind: 'dependency' as const, subject: 'x', score: 0.7, evidence: '', at: null, brief: `errors ${n}% "${'upstream timeout calling ledger '.repeat(4)}"` });
    // 135 columns each: at 80 the first is cut at 48 and nothing follows it whole.
    expect(plain(whyLine({ suspects: [long(90)] }, 200, asciiGlyphs))).toBe(`Why ${long(90).brief}`);
    const three = plain(whyLine({ suspects: [long(90), long(50), long(10)] }, 200, asciiGlyphs));
    expect(three.length).toBe(200);
    expect(three.split(' . ').map((p) => p.length)).toEqual([4 + 63, 63, 64]);
    // Short ones take what they need, and a long one the rest: here it is whole.
    const short = (n: number) => ({ ...long(n), brief: `errors ${n}% "timeout"` });
    expect(plain(whyLine({ suspects: [long(90), short(50), short(10)] }, 200, asciiGlyphs))).toBe(`Why ${long(90).brief} . ${short(50).brief} . ${short(10).brief}`);
    expect(three).toMatch(/^Why errors 90% "upstream timeout calling ledger upstream timeout c> \. errors 50% "/);
    const four = plain(whyLine({ suspects: [long(90), long(50), long(10), long(5)] }, 200, asciiGlyphs));
    expect(four).toMatch(/ {2}\+1 more: w$/);
    expect(four.length).toBeLessThanOrEqual(200);
    expect(plain(whyLine({ suspects: [long(90), long(50)] }, 80, asciiGlyphs))).toBe(`Why ${long(90).brief.slice(0, 47)}>  +1 more: w`);
  });
  it('the list wraps long evidence under the subject and scrolls to keep the chosen suspect in view', () => {
    const at = Date.UTC(2026, 10, 22, 14, 30, 0);
    const many = Array.from({ length: 6 }, (_, i) => ({
      kind: 'pod' as const, subject: `payments-${i}`, score: 0.9 - i / 10, at, brief: '', evidence: 'p99 3.63 s vs 365 ms median of 2 peers; 100% of error lines (10 of 10)',
    }));
    const top = whyListLines({ suspects: many, selected: 0, rows: 12, width: 60, glyphs: asciiGlyphs }).map(plain);
    expect(top).toEqual([
      'Why  6 suspects, best first (score 0..1)',
      '',
      '> 0.90  pod      payments-0',
      '                  p99 3.63 s vs 365 ms median of 2 peers;',
      '                  100% of error lines (10 of 10)  at',
      '                  14:30:00Z',
      '  0.80  pod      payments-1',
      '                  p99 3.63 s vs 365 ms median of 2 peers;',
      '                  100% of error lines (10 of 10)  at',
      '                  14:30:00Z',
      '  0.70  pod      payments-2',
      'enter: drill down to payments-0  up/down: choose  esc: close',
    ]);
    const bottom = whyListLines({ suspects: many, selected: 5, rows: 12, width: 60, glyphs: asciiGlyphs }).map(plain);
    expect(bottom.slice(2, 6)).toEqual(['  0.50  pod      payments-4', '                  p99 3.63 s vs 365 ms median of 2 peers;', '                  100% of error lines (10 of 10)  at', '                  14:30:00Z']);
    expect(bottom[6]).toBe('> 0.40  pod      payments-5');
    expect(bottom[11]).toBe('enter: drill down to payments-5  up/down: choose  esc: close');
  });
  it('keeps the Why row at 80x24 and 60x20, taken from the chart on short terminals', () => {
    const needs = { p99Bars: 3, pipelineRows: 4, hasLogs: true, alertRows: 3 };
    const with80 = computeLayout(80, 23, { ...needs, why: true });
    const without80 = computeLayout(80, 23, needs);
    expect([with80.why, with80.errorRate, with80.pipeline, with80.logs]).toEqual([1, 6, 2, 5]);
    expect([without80.why, without80.errorRate, without80.pipeline, without80.logs]).toEqual([0, 7, 2, 5]);
    expect(computeLayout(60, 19, { ...needs, why: true }).why).toBe(1);
    expect(computeLayout(120, 39, { ...needs, why: true })).toMatchObject({ why: 1, errorRate: without80.errorRate + 8 });
  });
});
