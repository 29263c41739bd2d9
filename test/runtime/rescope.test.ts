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
