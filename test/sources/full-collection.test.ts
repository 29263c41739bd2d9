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
  it('asks for a collection once the memory outside the heap has grown `per` above its lowest level since the last', () => {
    let asked = 0;
    let outside = 50;
    const churn = new ChurnCollector(100, () => asked++, () => outside);
    const at = (bytes: number): number => {
      outside = bytes;
      churn.check();
      return asked;
    };
    expect(at(50)).toBe(0);
    // Freed by V8 on its own (a young buffer): the level to grow from is the lower one.
    expect(at(20)).toBe(0);
    expect(at(119)).toBe(0);
    expect(at(120)).toBe(1);
    // After asking, the growth counts from the lowest level seen afterwards (the collection's own result).
    expect(at(150)).toBe(1);
    expect(at(40)).toBe(1);
    expect(at(139)).toBe(1);
    expect(at(140)).toBe(2);
    expect(churn.checks).toBe(8);
  });

  it('measures what V8 counts outside its heap by default: a new buffer grows it', () => {
    let asked = 0;
    const churn = new ChurnCollector(1024 * 1024, () => asked++);
    churn.check();
    const held = Buffer.alloc(2 * 1024 * 1024);
    churn.check();
    expect(asked).toBe(1);
    expect(held.length).toBe(2 * 1024 * 1024);
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
