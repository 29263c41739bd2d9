// The replay screen through the screen host on a fake terminal: the console with the replay line on the last row, and
// replay keys driving the player.
import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../src/config/load-profile.js';
import { applyEvent, emptyState } from '../../src/model/console-state/console-state.js';
import type { ReplayStatus } from '../../src/model/session/replay-status.js';
import { unicodeGlyphs } from '../../src/ui/format/glyphs.js';
import { replayLine } from '../../src/ui/replay-keys.js';
import { ReplayScreen, type ReplayControl } from '../../src/ui/ReplayScreen.js';
import { showOnTerminal } from '../helpers/screen.js';

const T0 = Date.UTC(2026, 10, 22, 14, 30, 0);
const state = applyEvent(emptyState(), { type: 'status', source: 'prometheus', kind: 'prometheus', at: T0 + 1000, state: 'down', error: 'connection refused' });

class FakePlayer implements ReplayControl {
  calls: string[] = [];
  status: ReplayStatus = { speed: 1, paused: false, ended: false, readDone: true };
  private readonly listeners = new Set<() => void>();
  getStatus = () => this.status;
  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  togglePause() {
    this.calls.push('pause');
    this.status = { ...this.status, paused: !this.status.paused };
    for (const l of this.listeners) l();
  }
  setSpeed(speed: number) {
    this.calls.push(`speed ${speed}`);
    this.status = { ...this.status, speed };
    for (const l of this.listeners) l();
  }
  seek(at: number) {
    this.calls.push(`seek ${Number.isFinite(at) ? (at - T0) / 1000 : at}`);
  }
}

describe('ReplayScreen', () => {
  it('draws the recorded state with the replay line at the bottom and routes the replay keys', async () => {
    const profile = await loadProfile({ name: 'default', cwd: '/', env: {} });
    const player = new FakePlayer();
    const screen = await showOnTerminal((quit, terminal) => (
      <ReplayScreen
        store={{ subscribe: () => () => undefined, getSnapshot: () => state }}
        profile={profile} service="payments" glyphs={unicodeGlyphs} color={false}
        now={() => T0 + 95_000} size={terminal.size} ttfgMs={() => null}
        onFrame={() => undefined} onWindow={() => undefined} onRefresh={() => undefined} onQuit={quit}
        player={player} startAt={T0} endAt={() => T0 + 600_000} cut={() => null}
      />
    ), 100, 20);
    const frame = screen.text().split('\n');
    expect(frame).toHaveLength(20);
    expect(frame.join('\n')).toMatch(/prometheus DOWN/);
    expect(frame[19]).toMatch(/^REPLAY 1x 14:31:35 \+1m35s of 10m {2}space pause/);
    for (const key of [' ', '>', '>', '<', '\u001b[D', '\u001b[1;2C', 'g', 'G']) await screen.type(key);
    expect(player.calls).toEqual(['pause', 'speed 2', 'speed 5', 'speed 2', 'seek 65', 'seek 395', 'seek 0', 'seek Infinity']);
    expect(screen.text().split('\n')[19]).toMatch(/^REPLAY PAUSED 14:31:35/);
    // Keys in one read act one by one: '>>>' is three steps faster, not one.
    player.calls = [];
    await screen.type('>>>');
    expect(player.calls).toEqual(['speed 5', 'speed 10', 'speed 30']);
    expect(await screen.quit()).toBe(0);
  });

  it('says when the file was cut short and when the replay is at its end', () => {
    const base = { at: T0 + 5000, startAt: T0, endAt: T0 + 5000, width: 200 };
    const ended = replayLine({ ...base, status: { speed: 10, paused: true, ended: true, readDone: true }, cut: 'the gzip stream is cut short' });
    expect(ended.map((s) => s.text).join('')).toMatch(/^REPLAY END 14:30:05 \+5s of 5s {2}file cut short: the gzip stream is cut short {2}space pause/);
  });
});
