// Frames before Ink: one at once (no data yet), then one per store change, marked when they hold a real data point;
// told to wait for an answer on its way, the first frame is the one with its data.
import { describe, expect, it } from 'vitest';
import type { Profile } from '../../src/config/profile.js';
import { applyEvent, emptyState, type ConsoleState } from '../../src/model/console-state/console-state.js';
import type { SourceEvent } from '../../src/model/console-state/events.js';
import { paintEarly } from '../../src/app/early-paint.js';
import { unicodeGlyphs } from '../../src/ui/format/glyphs.js';
import { plain, type Line } from '../../src/terminal/styled.js';

const NOW = Date.UTC(2026, 10, 22, 14, 32, 5);
const profile = {
  name: 'fast', windowMs: 300_000, refreshMs: 1000, thresholds: { errorRateWarn: 0.01, errorRateCrit: 0.05, p99SloSeconds: 0.5 },
  labels: { service: 'service', pod: 'pod', namespace: 'namespace' },
} as unknown as Profile;
const samples: SourceEvent = { type: 'samples', source: 'prometheus', at: NOW - 1000, panel: 'error_rate', origin: 'prometheus',
  series: [{ labels: {}, points: Array.from({ length: 20 }, (_, i): [number, number] => [NOW / 1000 - 300 + i * 15, 0.06]) }] };

describe('paintEarly', () => {
  const setup = (firstAfter?: Promise<unknown>) => {
    let state: ConsoleState = emptyState();
    const listeners = new Set<() => void>();
    const store = { getSnapshot: () => state, subscribe: (l: () => void) => (listeners.add(l), () => listeners.delete(l)) };
    const frames: Array<{ lines: Line[]; hasData: boolean }> = [];
    const stop = paintEarly({
      store, profile, service: 'payments', glyphs: unicodeGlyphs, color: false, extras: () => ({}),
      size: () => ({ cols: 80, rows: 24 }), now: () => NOW, ttfgMs: () => null, firstAfter,
      draw: (lines, _color, hasData) => frames.push({ lines, hasData }),
    });
    const change = () => {
      state = applyEvent(state, samples);
      for (const l of listeners) l();
    };
    return { frames, change, stop, listeners };
  };

  it('draws at once and on each change until stopped, telling when a frame has data', () => {
    const { frames, change, stop, listeners } = setup();
    expect(frames).toHaveLength(1);
    expect(frames[0].hasData).toBe(false);
    expect(frames[0].lines).toHaveLength(23);
    change();
    expect(frames.at(-1)!.hasData).toBe(true);
    expect(frames.at(-1)!.lines.map(plain).some((l) => /^Error rate 6\.00% CRIT/.test(l))).toBe(true);
    stop();
    expect(listeners.size).toBe(0);
  });

  it('waiting for an answer on its way: the first frame drawn holds its data, and none is drawn empty', async () => {
    let settle = () => {};
    const { frames, change } = setup(new Promise<void>((r) => (settle = r)));
    expect(frames).toHaveLength(0);
    change();
    settle();
    await new Promise((r) => setImmediate(r));
    expect(frames.map((f) => f.hasData)).toEqual([true]);
    expect(frames[0].lines.map(plain).some((l) => /^Error rate 6\.00% CRIT/.test(l))).toBe(true);
  });

  it('when the wait ends (or fails) with no change, the first frame is drawn then, empty; not after it is stopped', async () => {
    let settle = () => {};
    const one = setup(new Promise<void>((r) => (settle = r)));
    settle();
    await new Promise((r) => setImmediate(r));
    expect(one.frames.map((f) => f.hasData)).toEqual([false]);
    one.change();
    expect(one.frames.map((f) => f.hasData)).toEqual([false, true]);

    const failed = setup(Promise.reject(new Error('no answer')));
    await new Promise((r) => setImmediate(r));
    expect(failed.frames).toHaveLength(1);

    let late = () => {};
    const stopped = setup(new Promise<void>((r) => (late = r)));
    stopped.stop();
    late();
    await new Promise((r) => setImmediate(r));
    expect(stopped.frames).toHaveLength(0);
    expect(stopped.listeners.size).toBe(0);
  });
});
