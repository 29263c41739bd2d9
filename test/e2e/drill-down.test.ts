// Drill-down in a real terminal, on the embedded demo (real HTTP on loopback): s, a typed service name and enter
// re-scope every panel; esc goes back; enter on the hottest p99 bar scopes the panels and the logs to that pod;
// [ moves a time cursor that the chart title and the log pane follow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBinary } from '../helpers/binaries.js';
import { BIN, tempStateDir } from '../helpers/cli.js';
import { tmuxSession } from '../helpers/tmux.js';

const tmux = requireBinary('tmux', 'tmux');

describe.skipIf(!tmux)('drill-down in tmux', () => {
  const tmuxs = tmuxSession('incident-drill');
  const { t, screen, until, name: session } = tmuxs;
  const header = () => screen().split('\n')[0];

  beforeAll(() => {
    tmuxs.start(`env -u CI NO_COLOR=1 node ${BIN} demo --state-dir ${tempStateDir()}; echo EXITED=$?; sleep 30`, 140, 45);
  });
  afterAll(() => tmuxs.kill());

  it('s, a typed service and enter re-scope every panel; esc goes back', async () => {
    const first = await until((s) => /TTFG \d+ms/.test(s) && s.includes('payments-hot-1') && s.includes('payments generation 2'), 'first graph');
    // The deploy marker sits on the error-rate time axis, and the deploy in the alerts-and-deploys list.
    expect(first).toMatch(/^ +-15m .*(▼ \d\d:\d\d payments generation 2 |\d\d:\d\d payments generation 2 ▼).* now \d\d:\d\d:\d\dZ$/m);
    expect(first).toMatch(/▼ \dm ago +\d\d:\d\dZ +payments generation 2/);
    t('send-keys', '-t', session, 's');
    await until((s) => s.includes('Pick service'), 'picker');
    t('send-keys', '-t', session, '-l', 'check');
    const picker = await until((s) => /filter: check/.test(s), 'typed filter');
    expect(picker).toMatch(/checkout/);
    expect(picker).not.toMatch(/search\n/);
    t('send-keys', '-t', session, 'Enter');
    const scoped = await until((s) => s.startsWith('incident checkout') && s.includes('checkout-'), 'checkout panels');
    expect(scoped).not.toContain('payments-hot-1');
    t('send-keys', '-t', session, 'Escape');
    await until((s) => s.startsWith('incident payments') && s.includes('payments-hot-1'), 'back to payments');
  });

  it('enter on the hottest p99 bar scopes the header and the logs to that pod', async () => {
    t('send-keys', '-t', session, 'Tab');
    await until((s) => /^> payments-hot-1/m.test(s), 'selected bar');
    t('send-keys', '-t', session, 'Enter');
    const frame = await until((s) => header().startsWith('incident payments/payments-hot-1') && /Logs .*pod payments-hot-1/.test(s), 'pod scope');
    const logRows = frame.split('\n').slice(frame.split('\n').findIndex((l) => l.startsWith('Logs')) + 1).filter((l) => /^\d\d:\d\d:\d\d /.test(l));
    expect(logRows.length).toBeGreaterThan(0);
    t('send-keys', '-t', session, 'Escape');
    await until(() => header().startsWith('incident payments |'), 'back to the service');
  });

  it('[ moves a time cursor shown in the chart title and followed by the log pane; ] past the end returns to live', async () => {
    t('send-keys', '-t', session, '[');
    t('send-keys', '-t', session, '[');
    const frame = await until((s) => /cursor \d\d:\d\d:\d\dZ/.test(s) && /Logs .*at cursor/.test(s), 'cursor');
    expect(frame).toMatch(/Error rate .*cursor \d\d:\d\d:\d\dZ \d+\.\d\d%/);
    for (let i = 0; i < 3; i++) t('send-keys', '-t', session, ']');
    await until((s) => !/at cursor/.test(s), 'live again');
  });

  it('q quits', async () => {
    t('send-keys', '-t', session, 'q');
    await until((s) => s.includes('EXITED=0'), 'exit', 10_000);
  });
});
