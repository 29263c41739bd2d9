// The view state of the Why list: opening, choosing within the list, and the cursor and focus that enter sets.
import { describe, expect, it } from 'vitest';
import { initialView, reduceView } from '../../../src/model/console-state/view-state.js';

const NOW = Date.UTC(2026, 10, 22, 14, 32, 5);

describe('Why list view state', () => {
  it('w opens and closes the list at the first suspect; the choice stays within the list', () => {
    let v = reduceView(initialView(900_000), { type: 'toggle-why' });
    expect([v.why, v.whySelected]).toEqual([true, 0]);
    v = reduceView(v, { type: 'why-select', delta: -1, count: 3 });
    expect(v.whySelected).toBe(0);
    v = reduceView(reduceView(reduceView(v, { type: 'why-select', delta: 1, count: 3 }), { type: 'why-select', delta: 1, count: 3 }), { type: 'why-select', delta: 1, count: 3 });
    expect(v.whySelected).toBe(2);
    expect(reduceView(v, { type: 'toggle-why' })).toMatchObject({ why: false, whySelected: 0 });
  });
  it('the cursor goes to a moment in the window, to its oldest column before it, and back to live at or after now', () => {
    const v = initialView(900_000);
    expect(reduceView(v, { type: 'cursor-set', at: NOW - 240_000, now: NOW }).cursorAt).toBe(NOW - 240_000);
    expect(reduceView(v, { type: 'cursor-set', at: NOW - 3_600_000, now: NOW }).cursorAt).toBe(NOW - 900_000);
    expect(reduceView(v, { type: 'cursor-set', at: NOW + 1, now: NOW }).cursorAt).toBeNull();
    // Paused, the screen ends at the pause.
    const paused = reduceView(v, { type: 'toggle-pause', now: NOW - 60_000 });
    expect(reduceView(paused, { type: 'cursor-set', at: NOW - 30_000, now: NOW }).cursorAt).toBeNull();
  });
  it('focus-set focuses the panel and marks it', () => {
    expect(reduceView(initialView(900_000), { type: 'focus-set', focus: 'pipeline' })).toMatchObject({ focus: 'pipeline', focusShown: true });
  });
});
