// First rates through the built CLI against exporters that update their counters once a second, as Vector's internal
// metrics do: `--once` reads again until the counters move and reports the right rate, and a target whose counters do
// not move in time is printed with its rates unknown (null, verdict `unknown`) instead of holding the frame or
// reporting a rate of zero.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempStateDir } from '../helpers/cli.js';
import { DEFAULT_PODS, startExporter, vectorSinkExposition, type Exporter } from '../helpers/exporter.js';

interface Component { id: string; in_per_s: number | null; out_per_s: number | null; discarded_per_s: number | null; verdict: string; reason: string }

describe('first rates from exporters that update once a second', () => {
  let plain: Exporter;
  let stamped: Exporter;
  let still: Exporter;
  const stateDir = tempStateDir();
  const vector = (s: number) => vectorSinkExposition(s, 100, 7);
  const once = async (...args: string[]) => {
    const r = await runCli(['watch', '--service', 'payments', '--prometheus', '', '--once', '--json', '--state-dir', stateDir, ...args]);
    return { code: r.code, doc: JSON.parse(r.stdout) };
  };
  const loki = (doc: { panels: { pipeline: { components: Component[] } } }) => doc.panels.pipeline.components.find((c) => c.id === 'loki_out');

  beforeAll(async () => {
    plain = await startExporter(DEFAULT_PODS, { updateEveryMs: 1000, extraAt: vector });
    stamped = await startExporter(DEFAULT_PODS, { updateEveryMs: 1000, stampSamples: true, extraAt: vector });
    still = await startExporter(DEFAULT_PODS, { updateEveryMs: 3_600_000, extraAt: vector });
  });
  afterAll(async () => {
    await Promise.all([plain?.close(), stamped?.close(), still?.close()]);
  });

  it('--scrape: the error ratio and p99 per pod from the first pair of readings where the counters moved', async () => {
    const { code, doc } = await once('--scrape', `${plain.url}/metrics`);
    expect(code).toBe(0);
    expect(doc.panels.error_rate.origin).toBe('scrape');
    expect(doc.panels.error_rate.current).toBeCloseTo(0.05, 9);
    const bars = Object.fromEntries(doc.panels.p99.bars.map((b: { label: string; seconds: number }) => [b.label, b.seconds]));
    expect(bars['payments-hot-1']).toBeCloseTo(2.5, 9);
    expect(bars['payments-2']).toBeCloseTo(0.5, 6);
    expect(doc.sources).toEqual([expect.objectContaining({ name: 'scrape', state: 'up', error: null })]);
  });

  it('--pipeline, a target that stamps its samples: the exact rates, by its own timestamps', async () => {
    const { code, doc } = await once('--pipeline', `${stamped.url}/metrics`);
    expect(code).toBe(0);
    expect(loki(doc)).toMatchObject({ in_per_s: 100, out_per_s: 93, discarded_per_s: 7, verdict: 'failing', reason: 'discarding 7 events/s' });
    expect(doc.sources).toEqual([expect.objectContaining({ name: 'pipeline', state: 'up', error: null })]);
  });

  it('--pipeline, a target that does not: the rate between two changes, each timed within 100 ms', async () => {
    const { code, doc } = await once('--pipeline', `${plain.url}/metrics`);
    expect(code).toBe(0);
    const c = loki(doc)!;
    // Both changes are timed halfway between readings 100 ms apart (plus a loopback round trip) over a 1 s period.
    expect(c.in_per_s).toBeGreaterThan(85);
    expect(c.in_per_s).toBeLessThan(115);
    expect(c.discarded_per_s! / c.in_per_s!).toBeCloseTo(0.07, 9);
    expect(c.verdict).toBe('failing');
  });

  it('--pipeline, counters that do not move: the frame comes with the rates unknown, not zero', async () => {
    const { code, doc } = await once('--pipeline', `${still.url}/metrics`);
    expect(code).toBe(0);
    expect(loki(doc)).toMatchObject({ in_per_s: null, out_per_s: null, discarded_per_s: null, verdict: 'unknown', reason: 'waiting for a second reading' });
    expect(doc.sources).toEqual([expect.objectContaining({
      name: 'pipeline', state: 'degraded', error: `rates unknown: the counters of ${still.url}/metrics have not moved in 2.5 s`,
    })]);
  });
});
