// The store notifies at most once per frame, except for the first real data point, which is shown at once.
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/runtime/store.js';
import { FakeClock } from './fake-clock.js';

describe('Store notifications', () => {
  it('holds a second change within a frame, but not the first data point', () => {
    const clock = new FakeClock(1_000_000);
    const store = new Store(clock, 33);
    let notified = 0;
    store.subscribe(() => notified++);
    store.apply({ type: 'status', source: 'prometheus', kind: 'prometheus', at: clock.now(), state: 'connecting', error: null });
    expect(notified).toBe(1);
    clock.advance(5);
    store.apply({ type: 'status', source: 'alerts', kind: 'alerts', at: clock.now(), state: 'connecting', error: null });
    expect(notified).toBe(1);
    clock.advance(5);
    store.apply({ type: 'samples', source: 'prometheus', at: clock.now(), panel: 'error_rate', origin: 'prometheus', series: [{ labels: {}, points: [[1000, 0.05]] }] });
    // At once, not at the end of the frame; the status held before it is in the same notification.
    expect(notified).toBe(2);
    expect(store.getSnapshot().sources.alerts?.state).toBe('connecting');
    clock.advance(40);
    expect(notified).toBe(2);
    store.apply({ type: 'samples', source: 'prometheus', at: clock.now(), panel: 'error_rate', origin: 'prometheus', series: [{ labels: {}, points: [[1001, 0.06]] }] });
    store.apply({ type: 'samples', source: 'prometheus', at: clock.now(), panel: 'error_rate', origin: 'prometheus', series: [{ labels: {}, points: [[1002, 0.07]] }] });
    expect(notified).toBe(3);
    clock.advance(33);
    expect(notified).toBe(4);
  });
});
