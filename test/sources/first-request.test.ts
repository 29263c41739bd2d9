// What the program and the launcher share about the launcher's early request: when its record is rewritten, when
// the first frame may go, and the compiled code kept once the first graph is drawn.
import { afterEach, describe, expect, it, vi } from 'vitest';

const KEY = Symbol.for('incident.first-request');
const load = async () => {
  vi.resetModules();
  return import('../../src/sources/first-request.js');
};
afterEach(() => {
  delete (globalThis as Record<symbol, unknown>)[KEY];
});

describe('sameBesideWindow', () => {
  it('takes a record whose window only moved for the same request, and any other change for another', async () => {
    const { sameBesideWindow } = await load();
    const a = 'http://prom:9090/api/v1/query_range?query=sum(x)&start=1000&end=1900&step=15';
    expect(sameBesideWindow(a, a)).toBe(true);
    expect(sameBesideWindow(a, a.replace('start=1000&end=1900', 'start=1600&end=2500'))).toBe(true);
    // A longer window, another query, step or server is another request.
    expect(sameBesideWindow(a, a.replace('start=1000', 'start=400'))).toBe(false);
    expect(sameBesideWindow(a, a.replace('sum(x)', 'sum(y)'))).toBe(false);
    expect(sameBesideWindow(a, a.replace('step=15', 'step=30'))).toBe(false);
    expect(sameBesideWindow(a, a.replace('prom:9090', 'prom:9091'))).toBe(false);
    // No record (or one that says "nothing to send") against a request to send.
    expect(sameBesideWindow('', '')).toBe(true);
    expect(sameBesideWindow(a, '')).toBe(false);
    expect(sameBesideWindow('', a)).toBe(false);
  });
});

describe('earlyFrameGate', () => {
  it('is null when the launcher sent nothing', async () => {
    const { earlyFrameGate } = await load();
    expect(earlyFrameGate()).toBeNull();
  });

  it('settles once the launcher answer is in, without waiting for its bound', async () => {
    let answer = (_: null) => {};
    (globalThis as Record<symbol, unknown>)[KEY] = {
      recordFile: null, recorded: null,
      sent: { url: 'http://x/api/v1/query_range', sentAt: 0, answer: new Promise((r) => (answer = r)) },
    };
    const { earlyFrameGate } = await load();
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      let settled = false;
      void earlyFrameGate()!.then(() => (settled = true));
      await new Promise((r) => setImmediate(r));
      expect(settled).toBe(false);
      answer(null);
      await new Promise((r) => setImmediate(r));
      await new Promise((r) => setImmediate(r));
      expect(settled).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('settles after its bound when no answer comes', async () => {
    (globalThis as Record<symbol, unknown>)[KEY] = {
      recordFile: null, recorded: null, sent: { url: 'http://x/api/v1/query_range', sentAt: 0, answer: new Promise(() => {}) },
    };
    const { earlyFrameGate, EARLY_FRAME_MS } = await load();
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      let settled = false;
      void earlyFrameGate()!.then(() => (settled = true));
      await vi.advanceTimersByTimeAsync(EARLY_FRAME_MS - 1);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(settled).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('keepCompiledCode', () => {
  it('asks the launcher to keep its code once, after the frame that called it', async () => {
    const keepCode = vi.fn();
    (globalThis as Record<symbol, unknown>)[KEY] = { recordFile: null, recorded: null, keepCode };
    const { keepCompiledCode } = await load();
    keepCompiledCode();
    expect(keepCode).not.toHaveBeenCalled();
    await new Promise((r) => setImmediate(r));
    expect(keepCode).toHaveBeenCalledTimes(1);
    keepCompiledCode();
    await new Promise((r) => setImmediate(r));
    expect(keepCode).toHaveBeenCalledTimes(1);
  });

  it('does nothing without a launcher', async () => {
    const { keepCompiledCode } = await load();
    expect(() => keepCompiledCode()).not.toThrow();
  });
});
