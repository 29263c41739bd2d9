import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChurnCollector, collectSoon, COLLECT_EVERY_MS, fullCollector } from '../../src/sources/full-collection.js';

/** A weak reference to an object nothing else holds (made here, so no caller's variable keeps it). */
const dropped = (): WeakRef<object> => new WeakRef({ bytes: Buffer.alloc(1024) });

/**
 * The next turn of the event loop: a weak reference keeps its object alive until the end of the turn it was made or
 * read in, so the collections below can free it only from the next one. (setImmediate stays real under the fake
 * timers.)
 */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('ChurnCollector', () => {
  it('asks for a collection once per `per` bytes noted, counting from the last one', () => {
    let asked = 0;
    const churn = new ChurnCollector(100, () => asked++);
    churn.note(60);
    expect(asked).toBe(0);
    churn.note(40);
    expect(asked).toBe(1);
    churn.note(99);
    expect(asked).toBe(1);
    churn.note(1);
    expect(asked).toBe(2);
    churn.note(250);
    expect(asked).toBe(3);
  });
});

describe('fullCollector', () => {
  it("is V8's collector: a full collection frees what nothing holds, at once or from V8's task queue", async () => {
    const gc = fullCollector();
    expect(gc).toBeTypeOf('function');
    const a = dropped();
    await nextTurn();
    gc?.();
    expect(a.deref()).toBeUndefined();
    const b = dropped();
    await nextTurn();
    await gc?.({ type: 'major', execution: 'async' });
    expect(b.deref()).toBeUndefined();
  });
});

describe('collectSoon', () => {
  afterEach(() => vi.useRealTimers());

  it('collects on a later timer, once however often asked, and at most once per COLLECT_EVERY_MS', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(1_000_000);
    const a = dropped();
    await nextTurn();
    collectSoon();
    collectSoon();
    vi.advanceTimersByTime(9);
    expect(a.deref()).toBeDefined();
    await nextTurn();
    vi.advanceTimersByTime(1);
    expect(a.deref()).toBeUndefined();
    // Asked again 10 ms after the last one: it waits until COLLECT_EVERY_MS after it.
    const b = dropped();
    await nextTurn();
    vi.advanceTimersByTime(10);
    collectSoon();
    vi.advanceTimersByTime(COLLECT_EVERY_MS - 11);
    expect(b.deref()).toBeDefined();
    await nextTurn();
    vi.advanceTimersByTime(1);
    expect(b.deref()).toBeUndefined();
  });

  it("in the background, hands the collection to V8's task queue from its timer", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(2_000_000);
    const a = dropped();
    await nextTurn();
    collectSoon(true);
    vi.advanceTimersByTime(10);
    // V8 runs its task on a later turn.
    for (let i = 0; i < 100 && a.deref() !== undefined; i++) await nextTurn();
    expect(a.deref()).toBeUndefined();
  });
});
