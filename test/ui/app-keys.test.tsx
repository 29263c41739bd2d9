// Keys that arrive together in one read (a paste, a slow terminal, tmux send-keys under load) act one by one:
// "/timeout" followed by Enter in the same chunk opens the filter, types it and applies it.
import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../src/config/load-profile.js';
import { emptyState } from '../../src/model/console-state/console-state.js';
import { LogBuffer } from '../../src/model/logs/log-buffer.js';
import type { LogLine } from '../../src/model/logs/log-line.js';
import { App } from '../../src/ui/app.js';
import { asciiGlyphs } from '../../src/ui/format/glyphs.js';
import { logPane } from '../../src/ui/log-pane.js';
import { showOnTerminal } from '../helpers/screen.js';

const T0 = Date.UTC(2026, 10, 22, 14, 30, 0);
const line = (message: string): LogLine => ({ at: T0, timed: true, level: 'info', source: 'app.log', message, raw: message });

describe('App keys', () => {
  it('handles a whole "/filter\\r" chunk as the keys it holds', async () => {
    const profile = await loadProfile({ name: 'default', cwd: '/', env: {} });
    const buffer = new LogBuffer({ capacity: 100, reorderWindowMs: 0 });
    buffer.add([line('upstream timeout'), line('all good')]);
    const state = emptyState();
    const screen = await showOnTerminal((quit, terminal) => (
      <App
        store={{ subscribe: () => () => undefined, getSnapshot: () => state }}
        profile={profile} service="payments" glyphs={asciiGlyphs} color={false}
        now={() => T0} size={terminal.size} ttfgMs={() => null}
        onFrame={() => undefined} onWindow={() => undefined} onRefresh={() => undefined} onQuit={quit}
        logs={logPane(buffer, asciiGlyphs, () => state)}
      />
    ), 100, 40);
    expect(screen.text()).toContain('all good');
    await screen.type('/timeout\r');
    const frame = screen.text();
    expect(frame).toMatch(/Logs .*filter: timeout/);
    expect(frame).toContain('upstream timeout');
    expect(frame).not.toContain('all good');
    expect(frame).not.toContain('filter logs:');
    await screen.type('q');
    expect(await screen.quit()).toBe(0);
  });
});
