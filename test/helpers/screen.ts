// Shows an element through the screen host on a fake terminal, the path users get, and reads the screen back from
// the bytes written: for tests of what a key press does to the frame.
import type { ReactElement } from 'react';
import { hostScreen } from '../../src/app/screen-host.js';
import type { Terminal } from '../../src/terminal/device.js';
import { fakeTerminal } from './fake-tty.js';
import { VirtualTerminal } from './virtual-terminal.js';

/** A running screen: type keys, read the screen, quit. */
export interface ScreenUnderTest {
  /** Types keys (all in one read, as a paste or a slow link delivers them) and waits for the frame to settle. */
  type(keys: string): Promise<void>;
  /** The screen as the terminal shows it now. */
  text(): string;
  /** Ends the screen with q's path (the host's quit) and resolves with the exit code. */
  quit(): Promise<number>;
}

const settle = (ms = 80) => new Promise((r) => setTimeout(r, ms));

/** Runs `element(quit, terminal)` in the host on a fake terminal of cols x rows. */
export async function showOnTerminal(element: (quit: () => void, terminal: Terminal) => ReactElement, cols: number, rows: number): Promise<ScreenUnderTest> {
  const io = fakeTerminal(cols, rows);
  const term = new VirtualTerminal(cols, rows);
  let read = 0;
  let quitScreen = () => {};
  const done = hostScreen({
    command: 'test', io, stop: async () => undefined,
    element: (quit, terminal) => {
      quitScreen = quit;
      return element(quit, terminal);
    },
  });
  await settle(150);
  const text = () => {
    const all = io.stdout.written();
    term.apply(all.slice(read));
    read = all.length;
    return term.text();
  };
  return {
    async type(keys) {
      io.stdin.type(keys);
      await settle();
    },
    text,
    async quit() {
      quitScreen();
      return done;
    },
  };
}
