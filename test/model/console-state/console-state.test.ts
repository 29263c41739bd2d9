import { describe, expect, it } from 'vitest';
import { applyEvent, emptyState, pickMetricView, STALE_GAP_MS, type ConsoleState } from '../../../src/model/console-state/console-state.js';
import type { SourceEvent } from '../../../src/model/console-state/events.js';

const T = 1_795_357_000_000;
const series = [{ labels: {}, points: [[T / 1000, 0.05]] as Array<[number, number | null]> }];
const samples = (source: string, at: number): SourceEvent => ({ type: 'samples', source, at, panel: 'error_rate', series, origin: source });
const status = (source: string, at: number, state: 'up' | 'down'): SourceEvent => ({ type: 'status', source, at, state, error: state === 'down' ? 'connection refused' : null });
const run = (events: SourceEvent[]): ConsoleState => events.reduce(applyEvent, emptyState());

describe('pickMetricView', () => {
  it('keeps the source that answered first while the other keeps answering', () => {
    const s = run([samples('scrape', T), samples('prometheus', T + 2000), samples('scrape', T + 4000), samples('prometheus', T + 6000)]);
    expect(pickMetricView(s, 'error_rate')?.source).toBe('scrape');
  });

  it('switches when the first source goes down, and back to last good data when all are down', () => {
    const s = run([samples('prometheus', T), samples('scrape', T + 100), status('prometheus', T + 5000, 'down')]);
    expect(pickMetricView(s, 'error_rate')?.source).toBe('scrape');
    const all = run([samples('prometheus', T), samples('scrape', T + 100), status('prometheus', T + 5000, 'down'), status('scrape', T + 6000, 'down')]);
    expect(pickMetricView(all, 'error_rate')?.source).toBe('scrape');
  });

  it('switches when the first source has fallen more than the stale gap behind', () => {
    const s = run([samples('prometheus', T), samples('scrape', T + 100), samples('scrape', T + STALE_GAP_MS + 1000)]);
    expect(pickMetricView(s, 'error_rate')?.source).toBe('scrape');
    const fresh = run([samples('prometheus', T), samples('scrape', T + 100), samples('scrape', T + 5000)]);
    expect(pickMetricView(fresh, 'error_rate')?.source).toBe('prometheus');
  });
});
