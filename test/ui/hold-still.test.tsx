// Pause and scroll hold still: paused, panels fed from outside the store (pipeline rates) keep the moment of
// pausing; scrolled back, the log lines on screen stay put while new lines arrive.
import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../src/config/load-profile.js';
import { emptyState } from '../../src/model/console-state/console-state.js';
import { LogBuffer } from '../../src/model/logs/log-buffer.js';
import type { LogLine } from '../../src/model/logs/log-line.js';
import { line } from '../../src/terminal/styled.js';
import { App } from '../../src/ui/app.js';
import { asciiGlyphs } from '../../src/ui/format/glyphs.js';
import { logPane } from '../../src/ui/log-pane.js';
import { showOnTerminal } from '../helpers/screen.js';

const T0 = Date.UTC(2026, 10, 22, 14, 30, 0);
const logLine = (i: number): LogLine => ({ at: T0 + i * 1000, timed: true, level: 'info', source: 'app.log', message: `line ${i}`, raw: '' });

describe('holding still', () => {
  it('paused, the pipeline panel keeps its moment; scrolled back, the log lines stay put as new ones come', async () => {
    const profile = await loadProfile({ name: 'default', cwd: '/', env: {} });
    const buffer = new LogBuffer({ capacity: 1000, reorderWindowMs: 0 });
    buffer.add(Array.from({ length: 40 }, (_, i) => logLine(i)));
    let rate = 100;
    const listeners = new Set<() => void>();
    let state = emptyState();
    const store = { subscribe: (l: () => void) => (listeners.add(l), () => listeners.delete(l)), getSnapshot: () => state };
    const bump = () => {
      state = { ...state, version: state.version + 1 };
      for (const l of listeners) l();
    };
    const screen = await showOnTerminal((quit, terminal) => (
      <App store={store} profile={profile} service="payments" glyphs={asciiGlyphs} color={false} now={() => T0 + 60_000}
        size={terminal.size} ttfgMs={() => null} onFrame={() => undefined} onWindow={() => undefined} onRefresh={() => undefined}
        onQuit={quit} logs={logPane(buffer, asciiGlyphs, () => state)}
        extras={() => {
          // As the real pipeline panel does: the rows are read when the panels are made, drawn later.
          const seen = rate;
          return { pipeline: { wants: 2, draw: () => [line('Pipeline health'), line(`loki_out in ${seen}/s`)] } };
        }} />
    ), 100, 40);
    expect(screen.text()).toContain('loki_out in 100/s');
    await screen.type('p');
    rate = 200;
    bump();
    await screen.type('');
    expect(screen.text()).toContain('loki_out in 100/s');
    await screen.type('p');
    bump();
    await screen.type('');
    expect(screen.text()).toContain('loki_out in 200/s');

    await screen.type('\u001b[A\u001b[A\u001b[A');
    const before = screen.text().split('\n').filter((l) => /line \d+/.test(l));
    buffer.add(Array.from({ length: 5 }, (_, i) => logLine(40 + i)));
    bump();
    await screen.type('');
    const after = screen.text().split('\n').filter((l) => /line \d+/.test(l));
    expect(after).toEqual(before);
    await screen.type('f');
    expect(screen.text()).toContain('line 44');
    await screen.quit();
  });
});
