// The terminal device: copy puts text on the user's clipboard with OSC 52, the one sequence that reaches the
// terminal at the user's desk through tmux and SSH.
import { describe, expect, it } from 'vitest';
import { openTerminal, osc52 } from '../../src/terminal/device.js';
import { fakeTerminal } from '../helpers/fake-tty.js';

describe('terminal device', () => {
  it('copies with OSC 52, base64 of the UTF-8 text', () => {
    expect(osc52('pwned')).toBe('\u001b]52;c;cHduZWQ=\u0007');
    const io = fakeTerminal(80, 24);
    const t = openTerminal(io, { command: 'watch' });
    t.copy('sum(rate(x{service="zahlungen-ü"}[1m]))');
    expect(io.stdout.written()).toBe(osc52('sum(rate(x{service="zahlungen-ü"}[1m]))'));
    expect(Buffer.from(io.stdout.written().slice(7, -1), 'base64').toString('utf8')).toBe('sum(rate(x{service="zahlungen-ü"}[1m]))');
  });
});
