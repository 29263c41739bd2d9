// Help at 60x20: long lines wrap, the list scrolls with up/down, and nothing is cut at either edge.
import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../src/config/load-profile.js';
import { emptyState } from '../../src/model/console-state/console-state.js';
import { App } from '../../src/ui/app.js';
import { asciiGlyphs } from '../../src/ui/format/glyphs.js';
import { helpLines } from '../../src/ui/HelpOverlay.js';
import { KEYMAP } from '../../src/ui/keymap.js';
import { showOnTerminal } from '../helpers/screen.js';

describe('help at 60x20', () => {
  it('wraps every binding within 60 columns and shows all of them by scrolling', async () => {
    const all = helpLines(60).map((l) => l.map((s) => s.text).join(''));
    for (const l of all) expect(l.length).toBeLessThanOrEqual(60);
    const profile = await loadProfile({ name: 'default', cwd: '/', env: {} });
    const state = emptyState();
    const screen = await showOnTerminal((quit, terminal) => (
      <App store={{ subscribe: () => () => undefined, getSnapshot: () => state }} profile={profile} service="payments" glyphs={asciiGlyphs}
        color={false} now={() => 0} size={terminal.size} ttfgMs={() => null} onFrame={() => undefined} onWindow={() => undefined}
        onRefresh={() => undefined} onQuit={quit} />
    ), 60, 20);
    await screen.type('?');
    const seen = new Set<string>();
    let text = screen.text();
    for (let i = 0; i < 40 && !text.includes('Ages'); i++) {
      for (const l of text.split('\n')) seen.add(l.trim());
      await screen.type('\u001b[B');
      text = screen.text();
    }
    for (const l of text.split('\n')) seen.add(l.trim());
    expect(text).toMatch(/up\/down scroll: lines \d+-\d+ of \d+/);
    for (const b of KEYMAP) expect([...seen].some((l) => l.startsWith(b.key))).toBe(true);
    await screen.type('q');
    await screen.quit();
  });
});
