// Keys in the filter prompt that arrive in one read act in order: ctrl-u clears, then the text is typed.
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

describe('filter prompt keys in one read', () => {
  it('ctrl-u then text then enter, all at once, applies the new text', async () => {
    const profile = await loadProfile({ name: 'default', cwd: '/', env: {} });
    const buffer = new LogBuffer({ capacity: 100, reorderWindowMs: 0 });
    buffer.add([line('upstream timeout'), line('all good')]);
    const state = emptyState();
    const screen = await showOnTerminal((quit, terminal) => (
      <App store={{ subscribe: () => () => undefined, getSnapshot: () => state }} profile={profile} service="payments" glyphs={asciiGlyphs}
        color={false} now={() => T0} size={terminal.size} ttfgMs={() => null} onFrame={() => undefined} onWindow={() => undefined}
        onRefresh={() => undefined} onQuit={quit} logs={logPane(buffer, asciiGlyphs, () => state)} />
    ), 100, 40);
    await screen.type('/wrong');
    await screen.type('\u0015good\r');
    const text = screen.text();
    expect(text).toMatch(/Logs .*filter: good/);
    expect(text).toContain('all good');
    expect(text).not.toContain('upstream timeout');
    await screen.quit();
  });
});
