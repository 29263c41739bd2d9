// The demo's application log: deterministic JSON lines that follow the incident, a deploy line and a few hostile lines.
import { describe, expect, it } from 'vitest';
import { deployFileLines, logLinesBetween } from '../../src/demo/log-lines.js';
import { DEPLOY_LABEL } from '../../src/demo/scenario.js';
import { DemoSimulation } from '../../src/demo/simulation.js';

const START = Date.UTC(2026, 10, 22, 14, 30, 0);
const sim = new DemoSimulation(START);
const MIN = 60_000;

describe('logLinesBetween', () => {
  const lines = logLinesBetween(sim, START - 10 * MIN, START);

  it('gives the same lines for the same range, split or whole', () => {
    const split = [...logLinesBetween(sim, START - 10 * MIN, START - 3 * MIN - 123), ...logLinesBetween(sim, START - 3 * MIN - 123, START)];
    expect(split).toEqual(lines);
  });

  it('keeps every line inside the range, oldest first', () => {
    expect(lines.length).toBeGreaterThan(1000);
    for (let i = 0; i < lines.length; i++) {
      expect(lines[i].atMs).toBeGreaterThanOrEqual(START - 10 * MIN);
      expect(lines[i].atMs).toBeLessThan(START);
      if (i > 0) expect(lines[i].atMs).toBeGreaterThanOrEqual(lines[i - 1].atMs);
    }
  });

  it('writes JSON request lines with level, service, pod, status, latency_ms, trace_id and msg', () => {
    const parsed = lines.flatMap((l) => {
      try {
        return [JSON.parse(l.text)];
      } catch {
        return [];
      }
    });
    const requests = parsed.filter((p) => p.status !== undefined && p.latency_ms !== undefined);
    expect(requests.length).toBeGreaterThan(1000);
    for (const r of requests.slice(0, 50)) {
      expect(Object.keys(r)).toEqual(['ts', 'level', 'service', 'pod', 'status', 'latency_ms', 'trace_id', 'msg']);
      expect(r.trace_id).toMatch(/^[0-9a-f]{16}$/);
    }
    const errorsBefore = requests.filter((r) => r.service === 'payments' && Date.parse(r.ts) < sim.timeline.deployMs && r.level === 'error');
    const errorsAfter = requests.filter((r) => r.service === 'payments' && Date.parse(r.ts) > sim.timeline.peakMs && r.level === 'error');
    expect(errorsAfter.length).toBeGreaterThan(errorsBefore.length * 3);
    expect(errorsAfter.some((r) => r.pod === 'payments-hot-1' && r.status === 503)).toBe(true);
  });

  it('announces the deploy once, at the deploy', () => {
    const deploys = lines.filter((l) => l.text.includes(`deploy: ${DEPLOY_LABEL} rolled out`));
    expect(deploys).toHaveLength(1);
    expect(deploys[0].atMs).toBe(sim.timeline.deployMs);
  });

  it('includes hostile lines: an escape sequence in JSON, raw control bytes, and a line over 10,000 characters', () => {
    expect(lines.some((l) => l.text.includes('\\u001b[2J'))).toBe(true);
    expect(lines.some((l) => l.text.includes('\u001b]0;'))).toBe(true);
    expect(lines.some((l) => l.text.length > 10_000)).toBe(true);
  });
});

describe('deployFileLines', () => {
  it('lists the deploys up to a moment as {"at","label"} lines with RFC 3339 times', () => {
    expect(deployFileLines(sim, sim.timeline.deployMs - 1).map((l) => JSON.parse(l).label)).toEqual(['search generation 14']);
    const all = deployFileLines(sim, START).map((l) => JSON.parse(l));
    expect(all[1]).toEqual({ at: new Date(sim.timeline.deployMs).toISOString(), label: DEPLOY_LABEL });
  });
});
