import { describe, expect, it } from 'vitest';
import { currentScope, initialView, reduceView, type ViewAction, type ViewState } from '../../../src/model/console-state/view-state.js';

const NOW = 1_795_357_925_000;
const run = (actions: ViewAction[], from: ViewState = initialView(300_000)) => actions.reduce(reduceView, from);
const back: ViewAction = { type: 'cursor', direction: -1, stepMs: 15_000, now: NOW };
const fwd: ViewAction = { type: 'cursor', direction: 1, stepMs: 15_000, now: NOW };

describe('time cursor', () => {
  it('steps back from now and forward again to live', () => {
    expect(run([back]).cursorAt).toBe(NOW - 15_000);
    expect(run([back, back]).cursorAt).toBe(NOW - 30_000);
    expect(run([back, back, fwd]).cursorAt).toBe(NOW - 15_000);
    expect(run([back, fwd]).cursorAt).toBeNull();
  });

  it('stops at the start of the window', () => {
    const v = run(Array.from({ length: 40 }, () => back));
    expect(v.cursorAt).toBe(NOW - 300_000);
  });

  it('counts from the moment the screen was paused', () => {
    const v = run([{ type: 'toggle-pause', now: NOW - 60_000, logTotal: 12 }, back]);
    expect(v.cursorAt).toBe(NOW - 75_000);
    expect(v.pausedLogTotal).toBe(12);
  });
});

describe('pause', () => {
  it('remembers how many log lines had arrived and forgets on resume', () => {
    const paused = run([{ type: 'toggle-pause', now: NOW, logTotal: 40 }]);
    expect(paused).toMatchObject({ paused: true, pausedAt: NOW, pausedLogTotal: 40 });
    expect(run([{ type: 'toggle-pause', now: NOW }], paused)).toMatchObject({ paused: false, pausedAt: null, pausedLogTotal: null });
  });
});

describe('drill-down, picker and bar selection in the one reducer', () => {
  const start = () => initialView(300_000, { service: 'payments' });

  it('scopes to a pod, goes back with esc, and never stacks the same scope twice', () => {
    const v = run([{ type: 'scope-pod', pod: 'payments-hot-1' }, { type: 'scope-pod', pod: 'payments-hot-1' }], start());
    expect(v.scopes).toEqual([{ service: 'payments' }, { service: 'payments', pod: 'payments-hot-1' }]);
    expect(currentScope(run([{ type: 'scope-back' }], v))).toEqual({ service: 'payments' });
    expect(run([{ type: 'scope-back' }, { type: 'scope-back' }], v).scopes).toHaveLength(1);
  });

  it('a change of scope ends a pause (the frozen frame is the old scope\'s); anything else keeps it', () => {
    const paused = run([{ type: 'toggle-pause', now: NOW - 60_000, logTotal: 12 }], start());
    expect(run([{ type: 'scope-pod', pod: 'payments-hot-1' }], paused)).toMatchObject({ paused: false, pausedAt: null, pausedLogTotal: null });
    const drilled = run([{ type: 'scope-pod', pod: 'payments-hot-1' }, { type: 'toggle-pause', now: NOW, logTotal: 3 }], start());
    expect(run([{ type: 'scope-back' }], drilled)).toMatchObject({ paused: false, pausedAt: null });
    expect(run([back, { type: 'toggle-zoom' }], paused)).toMatchObject({ paused: true, pausedAt: NOW - 60_000 });
    // esc with nothing to go back to is no change of scope.
    expect(run([{ type: 'scope-back' }], paused).paused).toBe(true);
  });

  it('opens the picker, takes its values, and a chosen service becomes the scope', () => {
    const open = run([{ type: 'picker-open' }], start());
    expect(open.picker?.status).toBe('loading');
    const v = run([
      { type: 'picker', ticket: open.pickerTicket, action: { type: 'values', values: ['auth', 'checkout', 'search'] } },
      { type: 'picker', action: { type: 'type', text: 'che' } },
      { type: 'picker', action: { type: 'enter' } },
    ], open);
    expect(v.picker).toBeNull();
    expect(currentScope(v)).toEqual({ service: 'checkout' });
  });

  it('drops an answer meant for a picker that was closed and opened again', () => {
    const first = run([{ type: 'picker-open' }], start());
    const second = run([{ type: 'picker', action: { type: 'esc' } }, { type: 'picker-open' }], first);
    const v = run([{ type: 'picker', ticket: first.pickerTicket, action: { type: 'values', values: ['old'] } }], second);
    expect(v.picker?.status).toBe('loading');
  });

  it('moves the selected bar within the bars there are', () => {
    const v = run([{ type: 'select-bar', delta: 5, bars: 3 }], start());
    expect(v.selectedBar).toBe(2);
    expect(run([{ type: 'select-bar', delta: -9, bars: 3 }], v).selectedBar).toBe(0);
  });

  it('pausing freezes the log pane at the lines that had arrived; resuming follows again', () => {
    const paused = run([{ type: 'toggle-pause', now: NOW, logTotal: 120 }], start());
    expect(paused.logs.anchor).toBe(120);
    const scrolled = run([{ type: 'logs', action: { type: 'scroll', lines: 3, max: 50, total: 180 } }], paused);
    expect(scrolled.logs).toMatchObject({ anchor: 120, scrollBack: 3 });
    expect(run([{ type: 'toggle-pause', now: NOW }], paused).logs.anchor).toBeNull();
    // Resumed while scrolled back, the view stays where it was until f.
    expect(run([{ type: 'toggle-pause', now: NOW }], scrolled).logs).toMatchObject({ anchor: 120, scrollBack: 3 });
  });
});

describe('cursor clear', () => {
  it('esc clears the time cursor back to live', () => {
    expect(run([back, back, { type: 'cursor-clear' }]).cursorAt).toBeNull();
  });
});
