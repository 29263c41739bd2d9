import { describe, expect, it } from 'vitest';
import { initialView, reduceView, type ViewAction, type ViewState } from '../../src/model/view-state.js';

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
