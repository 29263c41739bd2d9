// A panel that fails while the live console runs: the whole session ends as a crash, with nothing left behind.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScreen } from '../../src/app/watch-screen.js';
import { resolveProfile } from '../../src/config/resolve-profile.js';
import { line } from '../../src/terminal/styled.js';
import { unicodeGlyphs } from '../../src/ui/format/glyphs.js';
import { fakeTerminal } from '../helpers/fake-tty.js';
import { VirtualTerminal } from '../helpers/virtual-terminal.js';
import { waitUntil } from '../helpers/wait.js';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};


describe('watch screen with a failing panel', () => {
  it('restores the terminal, stops the log command, saves the session as crash, prints the error and exits 70', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'incident-crash-'));
    const pidFile = join(dir, 'pid');
    const profile = resolveProfile({
      logs: { commands: [`sh -c 'echo $$ > ${pidFile}; exec sleep 60'`] },
    }, 'crash-test', '(test)');
    const io = fakeTerminal(100, 30);
    let draws = 0;
    const done = runScreen(
      { profile, service: 'payments', glyphs: unicodeGlyphs, color: false, stateDir: dir, command: 'watch', json: false },
      {
        io,
        // Once the log command runs, the pipeline panel draws twice more and then fails (the app redraws every second).
        extras: () => () => ({
          pipeline: {
            wants: 2,
            draw: () => {
              if (existsSync(pidFile) && ++draws > 2) throw new Error('pipeline panel failed to draw');
              return [line('pipeline ok')];
            },
          },
        }),
      },
    );
    expect(await waitUntil(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() !== '')).toBe(true);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(alive(pid)).toBe(true);
    const code = await done;
    expect(code).toBe(70);
    expect(await waitUntil(() => !alive(pid))).toBe(true);
    const term = new VirtualTerminal(100, 30);
    term.apply(io.stdout.written());
    expect(term.alternate).toBe(false);
    expect(term.cursorHidden).toBe(false);
    expect(io.stdin.isRaw).toBe(false);
    expect(io.errors()).toContain('pipeline panel failed to draw');
    const sessions = readFileSync(join(dir, 'sessions.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ ended: 'crash', service: 'payments', profile: 'crash-test' });
  });

  it('quitting prints one line: what was watched, for how long, its TTFG and where the session was recorded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'incident-quit-'));
    const profile = resolveProfile({}, 'quiet', '(test)');
    const io = fakeTerminal(100, 30);
    const done = runScreen({ profile, service: 'payments', glyphs: unicodeGlyphs, color: false, stateDir: dir, command: 'watch', json: false }, { io });
    await new Promise((r) => setTimeout(r, 400));
    io.stdin.type('q');
    expect(await done).toBe(0);
    expect(io.errors()).toMatch(new RegExp(`^incident: watched payments for [0-9dhms]+, no graph reached; session recorded in ${join(dir, 'sessions.jsonl')}\\n$`));
  });
});
