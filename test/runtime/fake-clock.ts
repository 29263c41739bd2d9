// A manual clock for tests: time moves only when advance() is called, firing due timers in order.
import type { Clock, TimerHandle } from '../../src/model/session/clock.js';

/** A Clock driven by the test. */
export class FakeClock implements Clock {
  private timers: Array<{ due: number; fn: () => void; id: number }> = [];
  private nextId = 1;

  constructor(public current = 0) {}

  now = (): number => this.current;

  setTimeout = (fn: () => void, ms: number): TimerHandle => {
    const id = this.nextId++;
    this.timers.push({ due: this.current + ms, fn, id });
    return id;
  };

  clearTimeout = (handle: TimerHandle): void => {
    this.timers = this.timers.filter((t) => t.id !== handle);
  };

  /** Moves time forward by `ms`, firing each timer that falls due. */
  advance(ms: number): void {
    const end = this.current + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.due <= end).sort((a, b) => a.due - b.due)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.current = Math.max(this.current, due.due);
      due.fn();
    }
    this.current = end;
  }
}
