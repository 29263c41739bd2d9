// Keys that arrive together in one read (a paste, a slow terminal, tmux send-keys under load) act one by one:
// "/timeout" followed by Enter in the same chunk opens the filter, types it and applies it.
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../src/config/load-profile.js';
import { emptyState } from '../../src/model/console-state/console-state.js';
import { LogBuffer } from '../../src/model/logs/log-buffer.js';
import type { LogLine } from '../../src/model/logs/log-line.js';
import { App } from '../../src/ui/app.js';
import { asciiGlyphs } from '../../src/ui/format/glyphs.js';
import { logPane } from '../../src/ui/log-pane.js';

const T0 = Date.UTC(2026, 10, 22, 14, 30, 0);
const line = (message: string): LogLine => ({ at: T0, timed: true, level: 'info', source: 'app.log', message, raw: message });
const tick = () => new Promise((r) => setTimeout(r, 30));

describe('App keys', () => {
  it('handles a whole "/filter\\r" chunk as the keys it holds', async () => {
    const profile = await loadProfile({ name: 'default', cwd: '/', env: {} });
    const buffer = new LogBuffer({ capacity: 100, reorderWindowMs: 0 });
    buffer.add([line('upstream timeout'), line('all good')]);
    const state = emptyState();
    const size = { cols: 100, rows: 40 };
    const ui = render(
      <App
        store={{ subscribe: () => () => undefined, getSnapshot: () => state }}
        profile={profile} service="payments" glyphs={asciiGlyphs} color={false}
        now={() => T0} size={{ get: () => size, subscribe: () => () => undefined }} ttfgMs={() => null}
        onFrame={() => undefined} onWindow={() => undefined} onRefresh={() => undefined} onQuit={() => undefined}
        logs={logPane(buffer, asciiGlyphs, () => state)}
      />,
    );
    await tick();
    expect(ui.lastFrame()).toContain('all good');
    ui.stdin.write('/timeout\r');
    await tick();
    const frame = ui.lastFrame() as string;
    expect(frame).toMatch(/Logs .*filter: timeout/);
    expect(frame).toContain('upstream timeout');
    expect(frame).not.toContain('all good');
    expect(frame).not.toContain('filter logs:');
    ui.unmount();
  });
});
