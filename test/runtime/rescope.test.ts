// Changing the scope (the service picker, a pod drill-down) re-runs log commands whose template names $service.
import { describe, expect, it } from 'vitest';
import { resolveProfile } from '../../src/config/resolve-profile.js';
import { ConsoleRuntime } from '../../src/runtime/console-runtime.js';
import { buildSources } from '../../src/sources/metrics/build-sources.js';
import { systemClock } from '../../src/sources/system-clock.js';
import { waitUntil } from '../helpers/wait.js';


describe('scope changes re-scope log commands', () => {
  it('stops the command for the old service and starts it for the new one, as one source', async () => {
    const profile = resolveProfile({ logs: { commands: ["sh -c 'echo svc=$0; exec sleep 30' $service", 'echo fixed'] } }, 't', '(test)');
    const runtime = new ConsoleRuntime({ profile, service: 'payments', clock: systemClock, columns: () => 100, sources: buildSources });
    const messages = () => runtime.logs.tail(100, 0).map((l) => l.message);
    runtime.start();
    try {
      expect(await waitUntil(() => messages().includes('svc=payments'))).toBe(true);
      const names = runtime.sources.map((s) => s.name);
      runtime.setScope('checkout');
      expect(await waitUntil(() => messages().includes('svc=checkout'))).toBe(true);
      expect(runtime.sources.map((s) => s.name)).toEqual(names);
    } finally {
      await runtime.stop();
    }
  });
});

describe('scope changes drop the old scope’s numbers', () => {
  it('no metric view, deploy marker, custom panel or notice of the old service survives the change', () => {
    const profile = resolveProfile({}, 't', '(test)');
    const runtime = new ConsoleRuntime({ profile, service: 'payments', clock: systemClock, columns: () => 100, sources: () => [] });
    const at = Date.now();
    const { store } = runtime;
    store.apply({ type: 'status', source: 'prometheus', kind: 'prometheus', at, state: 'up' });
    store.apply({ type: 'samples', source: 'prometheus', at, panel: 'error_rate', origin: 'prometheus', series: [{ labels: {}, points: [[at / 1000, 0.05]] }] });
    store.apply({ type: 'samples', source: 'prometheus', at, panel: 'p99', origin: 'prometheus', series: [{ labels: { pod: 'payments-hot-1' }, points: [[at / 1000, 2.5]] }] });
    store.apply({ type: 'deploys', source: 'deploys', at, deploys: [{ at, label: 'payments v2', source: 'file' }] });
    store.apply({ type: 'notices', source: 'prometheus', at, notices: [{ code: 'INC_NO_SERIES', message: 'no series for payments' }] });
    store.apply({ type: 'panel', source: 'panels', at, panel: 'ledger', series: [{ labels: {}, points: [[at / 1000, 1]] }] });
    const before = store.getSnapshot();
    runtime.setScope('checkout');
    const after = store.getSnapshot();
    expect(after.metrics).toEqual({ error_rate: {}, p99: {} });
    expect(after.deploys).toEqual({});
    expect(after.notices).toEqual({});
    expect(after.custom).toEqual({});
    expect(after.sources).toEqual(before.sources);
    expect(after.firstDataAt).toBe(before.firstDataAt);
    // The same scope again changes nothing.
    runtime.setScope('checkout');
    expect(store.getSnapshot()).toBe(after);
  });
});
