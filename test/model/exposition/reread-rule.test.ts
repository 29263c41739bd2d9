// The re-read rule: which readings of a target's counters are taken in, and when to read again while they stand still.
import { describe, expect, it } from 'vitest';
import { RereadRule, type RateSpan, type RereadDecision } from '../../../src/model/exposition/reread-rule.js';
import { countersFingerprint, rateWaitNotes, samplesStampedAt } from '../../../src/model/exposition/counter-moves.js';

/** Feeds readings `[at, fingerprint]` to a fresh rule and returns its decisions. */
function run(intervalMs: number, span: RateSpan, readings: Array<[number, string]>): { decisions: RereadDecision[]; rule: RereadRule } {
  const rule = new RereadRule(intervalMs);
  return { decisions: readings.map(([at, fp]) => rule.observe(at, fp, span)), rule };
}

describe('RereadRule, one change (ratios, stamped targets)', () => {
  it('re-reads after 100, 200, 300, 400 ms while the counters stand still, dropping those readings', () => {
    const { decisions, rule } = run(15_000, 'one-change', [[0, 'a'], [100, 'a'], [300, 'a'], [600, 'a'], [1000, 'a']]);
    expect(decisions.map((d) => d.rereadInMs)).toEqual([100, 200, 300, 400, 500]);
    expect(decisions.map((d) => d.take)).toEqual([true, false, false, false, false]);
    expect(rule.rated).toBe(false);
  });

  it('takes the first reading where the counters moved, timing the change halfway since the reading before', () => {
    const { decisions, rule } = run(15_000, 'one-change', [[0, 'a'], [100, 'a'], [300, 'a'], [600, 'b']]);
    expect(decisions[3]).toEqual({ take: true, restart: false, changedAt: 450, rereadInMs: null });
    expect(rule.rated).toBe(true);
  });

  it('never re-reads later than one scrape interval after the reading taken in', () => {
    const { decisions } = run(900, 'one-change', [[0, 'a'], [100, 'a'], [300, 'a'], [600, 'a']]);
    expect(decisions.map((d) => d.rereadInMs)).toEqual([100, 200, 300, 300]);
  });

  it('takes counters still for a whole scrape interval as a real zero', () => {
    const { decisions, rule } = run(1000, 'one-change', [[0, 'a'], [100, 'a'], [300, 'a'], [600, 'a'], [1000, 'a']]);
    expect(decisions[4]).toEqual({ take: true, restart: false, changedAt: null, rereadInMs: null });
    expect(rule.rated).toBe(true);
  });

  it('after the first rate, drops a still reading less than an interval after the last one taken, and times no change', () => {
    const { decisions } = run(1000, 'one-change', [[0, 'a'], [700, 'b'], [900, 'b'], [1700, 'b'], [2700, 'c']]);
    expect(decisions.slice(2)).toEqual([
      { take: false, restart: false, changedAt: null, rereadInMs: null },
      { take: true, restart: false, changedAt: null, rereadInMs: null },
      { take: true, restart: false, changedAt: null, rereadInMs: null },
    ]);
  });

  it('counts the wait from the first reading', () => {
    const rule = new RereadRule(5000);
    expect(rule.waitedMs(1234)).toBe(0);
    rule.observe(1000, 'a', 'one-change');
    expect(rule.waitedMs(3500)).toBe(2500);
  });
});

describe('RereadRule, two changes (per-second figures of an unstamped target)', () => {
  it('reads every 100 ms and starts the rate at the first change, closing it at the second', () => {
    const { decisions, rule } = run(5000, 'two-changes', [[0, 'a'], [100, 'a'], [200, 'a'], [300, 'b'], [400, 'b'], [1300, 'b'], [1400, 'c']]);
    expect(decisions.map((d) => d.rereadInMs)).toEqual([100, 100, 100, 100, 100, 100, null]);
    expect(decisions.map((d) => d.take)).toEqual([true, false, false, true, false, false, true]);
    expect(decisions[3]).toMatchObject({ restart: true, changedAt: 250 });
    expect(decisions[6]).toMatchObject({ restart: false, changedAt: 1350 });
    expect(rule.rated).toBe(true);
  });

  it('is a real zero when the counters moved once and then stood still for an interval', () => {
    const { decisions, rule } = run(1000, 'two-changes', [[0, 'a'], [100, 'b'], [600, 'b'], [1100, 'b']]);
    expect(decisions.map((d) => d.take)).toEqual([true, true, false, true]);
    expect(decisions[2].rereadInMs).toBe(100);
    expect(rule.rated).toBe(true);
  });
});

describe('counter moves', () => {
  const sample = (name: string, value: number, timestampMs?: number) => ({ name, labels: {}, value, timestampMs });

  it('fingerprints only the named counters, with their timestamps', () => {
    const names = new Set(['requests_total']);
    const a = countersFingerprint([sample('requests_total', 5), sample('memory_bytes', 1)], names);
    expect(countersFingerprint([sample('requests_total', 5), sample('memory_bytes', 2)], names)).toBe(a);
    expect(countersFingerprint([sample('requests_total', 6), sample('memory_bytes', 1)], names)).not.toBe(a);
    expect(countersFingerprint([sample('requests_total', 5, 1000)], names)).not.toBe(countersFingerprint([sample('requests_total', 5, 2000)], names));
  });

  it('reads the latest sample timestamp, or none', () => {
    expect(samplesStampedAt([sample('a', 1, 3000), sample('b', 1, 5000), sample('c', 1)])).toBe(5000);
    expect(samplesStampedAt([sample('a', 1)])).toBeUndefined();
  });

  it('says what it waits for, then which targets have unknown rates', () => {
    const still = new RereadRule(10_000);
    still.observe(0, 'a', 'one-change');
    const moved = new RereadRule(10_000);
    moved.observe(0, 'a', 'one-change');
    moved.observe(100, 'b', 'one-change');
    const targets = [{ url: 'http://a/metrics', rule: still }, { url: 'http://b/metrics', rule: moved }];
    expect(rateWaitNotes(targets, 1000, 2500)).toEqual({ waiting: 'waiting for the counters of http://a/metrics to move to compute rates', unknown: [] });
    expect(rateWaitNotes(targets, 2500, 2500)).toEqual({ waiting: null, unknown: ['rates unknown: the counters of http://a/metrics have not moved in 2.5 s'] });
    expect(rateWaitNotes([targets[1]], 100, 2500)).toEqual({ waiting: null, unknown: [] });
  });
});
