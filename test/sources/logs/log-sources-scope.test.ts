// A scope change from the service picker (whose values come from an exporter's labels) rebuilds a log command with
// the new service as one argument, and a shell command with it as one quoted word: what a server names is data.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveProfile } from '../../../src/config/resolve-profile.js';
import type { NameScope } from '../../../src/sources/logs/rescoped-source.js';
import { buildLogSources } from '../../../src/sources/logs/log-sources.js';
import type { PolledSource } from '../../../src/sources/source.js';
import { waitUntil } from '../../helpers/wait.js';
import { Collected, plainParse } from '../collect-events.js';

describe('log commands re-scoped to a service named by a label', () => {
  const marker = join(mkdtempSync(join(tmpdir(), 'incident-rescope-')), 'pwned');
  const hostile = `pay --kubeconfig=/tmp/evil $(touch ${marker}) \`touch ${marker}\` '; touch ${marker}; '`;

  for (const shell of [false, true]) {
    it(`${shell ? 'with shell: true' : 'without a shell'}, the picked service reaches the command as one value`, async () => {
      const profile = resolveProfile({ logs: { commands: [{ cmd: "printf '%s|\\n' app=$service", shell }] } }, 'rescope', '(test)');
      let scope: NameScope = { service: 'payments' };
      const [source] = buildLogSources(profile, { parse: plainParse, service: 'payments', scope: () => scope });
      const c = new Collected();
      source.start(c.emit);
      try {
        expect(await waitUntil(() => c.lines().includes('app=payments|'))).toBe(true);
        // The picker chose a service whose name came from an exporter's label.
        scope = { service: hostile };
        (source as PolledSource).restart?.();
        expect(await waitUntil(() => c.lines().includes(`app=${hostile}|`))).toBe(true);
        expect(existsSync(marker)).toBe(false);
      } finally {
        await source.stop();
      }
    });
  }
});
