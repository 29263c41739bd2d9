import { describe, expect, it } from 'vitest';
import { LineBatcher } from '../../../src/sources/logs/line-batcher.js';
import type { Clock } from '../../../src/model/session/clock.js';
import { Collected, plainParse } from '../collect-events.js';

/** A clock whose timers fire only when the test says so. */
function manualClock(): Clock & { fire(): void; pending(): number } {
  let timers: Array<() => void> = [];
  return {
    now: () => 1000,
    setTimeout: (fn) => {
      timers.push(fn);
      return fn;
    },
    clearTimeout: (h) => {
      timers = timers.filter((t) => t !== h);
    },
    fire: () => {
      const due = timers;
      timers = [];
      for (const t of due) t();
    },
    pending: () => timers.length,
  };
}

describe('LineBatcher', () => {
  it('emits a full batch at once and the rest after the timeout', () => {
    const c = new Collected();
    const clock = manualClock();
    const b = new LineBatcher({ source: 'app.log', emit: c.emit, clock, maxLines: 3 });
    for (const raw of ['1', '2', '3', '4']) b.push(plainParse(raw, 'app.log', 0));
    expect(c.batches().map((e) => e.lines.length)).toEqual([3]);
    clock.fire();
    expect(c.batches().map((e) => e.lines.length)).toEqual([3, 1]);
    expect(c.lines()).toEqual(['1', '2', '3', '4']);
  });

  it('never emits an empty batch and reports dropped lines', () => {
    const c = new Collected();
    const clock = manualClock();
    const b = new LineBatcher({ source: 'loki', emit: c.emit, clock });
    b.flush();
    expect(c.events).toHaveLength(0);
    b.addDropped(5);
    clock.fire();
    expect(c.batches()).toEqual([{ type: 'lines', source: 'loki', at: 1000, lines: [], dropped: 5 }]);
    expect(clock.pending()).toBe(0);
  });
});
