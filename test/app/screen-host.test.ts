// The full screen through the path users get: the App's frame goes through the screen host and the terminal device,
// and the bytes written are read back by a terminal model. Frames are compared whole, at 60x20 and 120x40.
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { hostScreen } from '../../src/app/screen-host.js';
import { loadProfile } from '../../src/config/load-profile.js';
import { applyEvent, emptyState, type ConsoleState } from '../../src/model/console-state/console-state.js';
import type { SourceEvent } from '../../src/model/console-state/events.js';
import type { EndReason } from '../../src/model/session/session-record.js';
import { App } from '../../src/ui/app.js';
import { unicodeGlyphs } from '../../src/ui/format/glyphs.js';
import { fakeTerminal } from '../helpers/fake-tty.js';
import { VirtualTerminal } from '../helpers/virtual-terminal.js';

const NOW = Date.UTC(2026, 10, 22, 14, 32, 5);
const t0 = NOW / 1000 - 900;
const events: SourceEvent[] = [
  { type: 'status', source: 'prometheus', kind: 'prometheus', at: NOW - 2000, state: 'up', latencyMs: 9 },
  { type: 'samples', source: 'prometheus', at: NOW - 2000, panel: 'error_rate', origin: 'prometheus',
    series: [{ labels: {}, points: Array.from({ length: 60 }, (_, i): [number, number | null] => [t0 + i * 15, i < 30 ? 0.004 : 0.06]) }] },
  { type: 'samples', source: 'prometheus', at: NOW - 2000, panel: 'p99', origin: 'prometheus',
    series: ['payments-hot-1', 'payments-2'].map((pod, i) => ({ labels: { pod }, points: [[NOW / 1000, 2.5 / (i * 9 + 1)]] as Array<[number, number]> })) },
];

/** A store whose state a test can change. */
function testStore(initial: ConsoleState) {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    subscribe: (l: () => void) => (listeners.add(l), () => listeners.delete(l)),
    getSnapshot: () => state,
    set(next: ConsoleState) {
      state = next;
      for (const l of listeners) l();
    },
  };
}

const settle = (ms = 120) => new Promise((r) => setTimeout(r, ms));

/** Runs the App in the host on a fake terminal of `cols` x `rows`. */
async function showApp(cols: number, rows: number) {
  const profile = await loadProfile({ name: 'default', cwd: '/', env: {} });
  const store = testStore(events.reduce(applyEvent, emptyState()));
  const io = fakeTerminal(cols, rows);
  const stops: EndReason[] = [];
  const done = hostScreen({
    command: 'watch',
    io,
    element: (quit, terminal) => createElement(App, {
      store, profile, service: 'payments', glyphs: unicodeGlyphs, color: true, now: () => NOW, size: terminal.size, ttfgMs: () => 95,
      onFrame: () => undefined, onWindow: () => undefined, onRefresh: () => undefined, onQuit: quit,
    }),
    stop: async (reason) => void stops.push(reason),
  });
  await settle();
  return { io, store, done, stops };
}

let cleanup: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanup) c();
  cleanup = [];
});

describe('the screen host', () => {
  it('draws the 60x20 frame, byte for byte as a terminal shows it', async () => {
    const { io, done } = await showApp(60, 20);
    cleanup.push(() => io.stdin.type('q'));
    const term = new VirtualTerminal(60, 20);
    term.apply(io.stdout.written());
    expect(term.alternate).toBe(true);
    expect(term.cursorHidden).toBe(true);
    expect(term.text()).toBe(FRAME_60x20);
    io.stdin.type('q');
    expect(await done).toBe(0);
  });

  for (const [cols, rows] of [[80, 24], [200, 60]] as const) {
    it(`draws the ${cols}x${rows} frame exactly`, async () => {
      const { io, done } = await showApp(cols, rows);
      const term = new VirtualTerminal(cols, rows);
      term.apply(io.stdout.written());
      expect(term.text()).toBe(cols === 80 ? FRAME_80x24 : FRAME_200x60);
      io.stdin.type('q');
      expect(await done).toBe(0);
    });
  }

  it('draws the 120x40 frame and then sends only what changed', async () => {
    const { io, store, done, stops } = await showApp(120, 40);
    const term = new VirtualTerminal(120, 40);
    term.apply(io.stdout.written());
    expect(term.text()).toBe(FRAME_120x40);
    const before = io.stdout.chunks.length;
    store.set(applyEvent(store.getSnapshot(), { type: 'status', source: 'prometheus', kind: 'prometheus', at: NOW - 1000, state: 'up', latencyMs: 31 }));
    await settle();
    const update = io.stdout.chunks.slice(before).join('');
    expect(update.length).toBeGreaterThan(0);
    expect(update.length).toBeLessThan(80);
    term.apply(update);
    expect(term.text()).toBe(FRAME_120x40.replace('9ms', '31ms'));
    io.stdin.type('q');
    expect(await done).toBe(0);
    expect(stops).toEqual(['quit']);
    // Given back as it was: the alternate screen left, the cursor shown, raw mode off.
    term.apply(io.stdout.written().slice(io.stdout.chunks.slice(0, before).join('').length + update.length));
    expect(term.alternate).toBe(false);
    expect(term.cursorHidden).toBe(false);
    expect(io.stdin.isRaw).toBe(false);
  });

  it('p freezes every panel while the data changes underneath, and p again shows the new data', async () => {
    const { io, store, done } = await showApp(100, 30);
    const term = new VirtualTerminal(100, 30);
    let read = 0;
    const screen = () => {
      const all = io.stdout.written();
      term.apply(all.slice(read));
      read = all.length;
      return term.text();
    };
    io.stdin.type('p');
    await settle();
    const paused = screen();
    expect(paused).toContain('PAUSED');
    expect(paused).toContain('Error rate 6.00% CRIT');
    const next = applyEvent(store.getSnapshot(), { type: 'samples', source: 'prometheus', at: NOW, panel: 'error_rate', origin: 'prometheus',
      series: [{ labels: {}, points: Array.from({ length: 60 }, (_, i): [number, number | null] => [t0 + i * 15, 0.09]) }] });
    store.set(applyEvent(next, { type: 'status', source: 'prometheus', kind: 'prometheus', at: NOW, state: 'up', latencyMs: 77 }));
    await settle();
    const later = screen();
    // The same screen but for the header's count of what arrived meanwhile.
    expect(later.split('\n').slice(1)).toEqual(paused.split('\n').slice(1));
    expect(paused.split('\n')[0]).toMatch(/^incident payments \| PAUSED \| profile default/);
    expect(later.split('\n')[0]).toMatch(/^incident payments \| PAUSED, 2 updates waiting \| profile default/);
    io.stdin.type('p');
    await settle();
    const live = screen();
    expect(live).not.toContain('PAUSED');
    expect(live).toContain('Error rate 9.00% CRIT');
    expect(live).toContain('77ms');
    io.stdin.type('q');
    expect(await done).toBe(0);
  });

  it('y copies the focused panel\'s PromQL, Y a Grafana Explore link, and the footer says what was copied', async () => {
    const base = await loadProfile({ name: 'default', cwd: '/', env: {} });
    const profile = { ...base, grafana: { url: 'https://grafana.example/', datasource: 'prom-uid' } };
    const io = fakeTerminal(100, 30);
    const copied: string[] = [];
    const store = testStore(events.reduce(applyEvent, emptyState()));
    const done = hostScreen({
      command: 'watch', io, stop: async () => undefined,
      element: (quit, terminal) => createElement(App, {
        store, profile, service: 'payments', glyphs: unicodeGlyphs, color: false, now: () => NOW, size: terminal.size, ttfgMs: () => 95,
        onFrame: () => undefined, onWindow: () => undefined, onRefresh: () => undefined, onQuit: quit, onCopy: (text: string) => copied.push(text),
      }),
    });
    await settle();
    const term = new VirtualTerminal(100, 30);
    io.stdin.type('y');
    await settle();
    expect(copied[0]).toMatch(/^sum\(rate\(http_requests_total\{service="payments",status=~"5\.\."\}\[\d+s\]\)\)/);
    term.apply(io.stdout.written());
    expect(term.text()).toContain('copied the error-rate PromQL');
    io.stdin.type('\tY');
    await settle();
    expect(copied[1]).toMatch(/^https:\/\/grafana\.example\/explore\?orgId=1&left=/);
    expect(JSON.parse(decodeURIComponent(copied[1].split('left=')[1]))).toMatchObject({ datasource: 'prom-uid', queries: [{ expr: expect.stringContaining('histogram_quantile') }] });
    io.stdin.type('q');
    expect(await done).toBe(0);
  });

    it('ends a render error as a crash: terminal restored, everything stopped, the error printed, exit 70', async () => {
    const io = fakeTerminal(80, 24);
    const stops: EndReason[] = [];
    const Failing = () => {
      throw new Error('panel exploded \x1b]0;title\x07');
    };
    const code = await hostScreen({ command: 'watch', io, element: () => createElement(Failing), stop: async (r) => void stops.push(r) });
    expect(code).toBe(70);
    expect(stops).toEqual(['crash']);
    const term = new VirtualTerminal(80, 24);
    term.apply(io.stdout.written());
    expect(term.alternate).toBe(false);
    expect(term.cursorHidden).toBe(false);
    expect(io.stdin.isRaw).toBe(false);
    expect(io.errors()).toContain('internal error in the watch screen');
    expect(io.errors()).toContain('panel exploded ^[]0;title^G');
    expect(io.errors()).toContain('Please report it');
  });

  it('refuses a standard output that is not a terminal, before touching it', async () => {
    const io = fakeTerminal(80, 24);
    (io.stdout as { isTTY: boolean }).isTTY = false;
    await expect(hostScreen({ command: 'replay', io, element: () => createElement('div'), stop: async () => undefined }))
      .rejects.toThrow('replay: standard output is not a terminal');
    expect(io.stdout.written()).toBe('');
  });
});

const FRAME_60x20 = `incident payments | profile default | window 15m | refresh …
prometheus up 2s ago 9ms
Error rate 6.00% CRIT  warn 1.00% crit 5.00%  via prometheu…
  6.00%┼                        ╭──────────────────────────
  5.40%┤                        │
  4.80%┤                        │
  4.20%┤                        │
  3.60%┤                        │
  3.00%┤                        │
  2.40%┤                        │
  1.80%┤                        │
  1.20%┤                        │
  0.60%┼────────────────────────╯
  0.00%┤
   -15m ───────────────────────────────────── now 14:32:05Z
p99 latency  SLO 500ms ┃  1 OVER SLO  via prometheus, 2s old
  payments-hot-1 ██████████████████████████      2.50s OVER
  payments-2     ██▌  ┃                               250ms
q quit  ? help  w why`;
const FRAME_120x40 = `incident payments | profile default | window 15m | refresh 5s | TTFG 95ms
prometheus up 2s ago 9ms
Error rate 6.00% CRIT  warn 1.00% crit 5.00%  via prometheus, 2s old
  6.00%┼                                                      ╭───────────────────────────────────────────────────────
  5.54%┤                                                      │
  5.08%┤                                                      │
  4.62%┤                                                      │
  4.15%┤                                                      │
  3.69%┤                                                      │
  3.23%┤                                                      │
  2.77%┤                                                      │
  2.31%┤                                                      │
  1.85%┤                                                      │
  1.38%┤                                                      │
  0.92%┤                                                      │
  0.46%┼──────────────────────────────────────────────────────╯
  0.00%┤
   -15m ───────────────────────────────────────────────────────────────────────────────────────────────── now 14:32:05Z
p99 latency  SLO 500ms ┃  1 OVER SLO  via prometheus, 2s old
  payments-hot-1 ██████████████████████████████████████████████████████████████████████████████████████      2.50s OVER
  payments-2     ████████▌        ┃                                                                               250ms
q quit  ? help  w why  p pause  / filter  e errors  s service  [ ] cursor  +/- window  tab focus`;
const FRAME_80x24 = `incident payments | profile default | window 15m | refresh 5s | TTFG 95ms
prometheus up 2s ago 9ms
Error rate 6.00% CRIT  warn 1.00% crit 5.00%  via prometheus, 2s old
  6.00%┼                                  ╭───────────────────────────────────
  5.54%┤                                  │
  5.08%┤                                  │
  4.62%┤                                  │
  4.15%┤                                  │
  3.69%┤                                  │
  3.23%┤                                  │
  2.77%┤                                  │
  2.31%┤                                  │
  1.85%┤                                  │
  1.38%┤                                  │
  0.92%┤                                  │
  0.46%┼──────────────────────────────────╯
  0.00%┤
   -15m ───────────────────────────────────────────────────────── now 14:32:05Z
p99 latency  SLO 500ms ┃  1 OVER SLO  via prometheus, 2s old
  payments-hot-1 ██████████████████████████████████████████████      2.50s OVER
  payments-2     ████▌    ┃                                               250ms
q quit  ? help  w why`;
const FRAME_200x60 = `incident payments | profile default | window 15m | refresh 5s | TTFG 95ms
prometheus up 2s ago 9ms
Error rate 6.00% CRIT  warn 1.00% crit 5.00%  via prometheus, 2s old
  6.00%┼                                                                                              ╭─────────────────────────────────────────────────────────────────────────────────────────────
  5.54%┤                                                                                              │
  5.08%┤                                                                                              │
  4.62%┤                                                                                              │
  4.15%┤                                                                                              │
  3.69%┤                                                                                              │
  3.23%┤                                                                                              │
  2.77%┤                                                                                              │
  2.31%┤                                                                                              │
  1.85%┤                                                                                              │
  1.38%┤                                                                                              │
  0.92%┤                                                                                              │
  0.46%┼──────────────────────────────────────────────────────────────────────────────────────────────╯
  0.00%┤
   -15m ───────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────── now 14:32:05Z
p99 latency  SLO 500ms ┃  1 OVER SLO  via prometheus, 2s old
  payments-hot-1 ██████████████████████████████████████████████████████████████████████████████████████████████████████████████████████████████████████████████████████████████████████      2.50s OVER
  payments-2     ████████████████▌                ┃                                                                                                                                               250ms
q quit  ? help  w why  p pause  / filter  e errors  s service  [ ] cursor  +/- window  tab focus`;
