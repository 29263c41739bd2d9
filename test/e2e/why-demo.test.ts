// The Why line on the demo, end to end: the built program names the payments deploy, the hot pod and the failing
// Vector sink, in --once --json and on the full screen in tmux at 120x40, 80x24 and 60x20, and w lists them.
import { afterEach, describe, expect, it } from 'vitest';
import { requireBinary } from '../helpers/binaries.js';
import { BIN, runCli, tempStateDir } from '../helpers/cli.js';
import { tmuxSession } from '../helpers/tmux.js';

describe('the demo\'s suspects in --once', () => {
  const stateDir = tempStateDir();

  it('--json: the deploy, the hot pod and the failing sink first, with their evidence', async () => {
    const res = await runCli(['demo', '--once', '--json', '--state-dir', stateDir]);
    expect(res.code).toBe(0);
    const doc = JSON.parse(res.stdout);
    const top = doc.panels.suspects.slice(0, 3);
    expect(top.map((s: { kind: string; subject: string }) => [s.kind, s.subject])).toEqual([
      ['change', 'payments generation 2'], ['pod', 'payments-hot-1'], ['trust', 'loki_out'],
    ]);
    expect(Object.keys(top[0]).sort()).toEqual(['at', 'evidence', 'kind', 'score', 'subject']);
    // The deploy came 4 minutes before the demo started; the error ratio leaves its 0.2% baseline within a minute.
    expect(top[0].at).toBe(doc.panels.deploys[0].at);
    expect(top[0].evidence).toMatch(/^deployed \d+ s before errors rose 0\.\d% -> \d+\.\d%$/);
    expect(top[1].evidence).toMatch(/^p99 \d\.\d\d s vs \d+ ms median of 2 peers/);
    // Its first reading has no rates yet, only the buffer: either is the failing sink's reason.
    expect(top[2].evidence).toMatch(/^(discarding \d+ events\/s: log counts understate|buffer \d+% full: data arrives late, then is lost)$/);
    for (const s of doc.panels.suspects) expect(s.score).toBeGreaterThan(0);
    // Both alerts firing in scope follow, oldest first (a message may rank among them when one dominates the errors).
    const alerts = doc.panels.suspects.filter((s: { kind: string }) => s.kind === 'alert').map((s: { subject: string }) => s.subject);
    expect(alerts).toEqual(['VectorSinkDiscarding', 'HighErrorRate']);
  });

  it('the plain frame has the Why line under the sources', async () => {
    const res = await runCli(['demo', '--once', '--ascii', '--state-dir', stateDir]);
    const lines = res.stdout.split('\n');
    expect(lines[2]).toMatch(/^Why deploy payments generation 2 \d+s before rise \. payments-hot-1 p99 \d+x peers/);
  });
});

const tmux = requireBinary('tmux', 'tmux');

describe.skipIf(!tmux)('the demo\'s Why line in full screen (tmux)', () => {
  const stateDir = tempStateDir();
  let session = tmuxSession('incident-why');
  afterEach(() => session.kill());
  // A session of its own per size, so one still closing never stands in the way of the next.
  const start = (cols: number, rows: number) => {
    session = tmuxSession(`incident-why-${cols}x${rows}`);
    session.start(`env -u CI NO_COLOR=1 LANG=C.UTF-8 node ${BIN} demo --state-dir ${stateDir}`, cols, rows);
  };

  it('120x40: the deploy, the hot pod and the failing sink on the line; w lists them with the evidence', async () => {
    start(120, 40);
    const screen = await session.until((s) => /^Why .*loki_out/m.test(s), 'the Why line with three suspects', 20_000);
    const why = screen.split('\n')[2];
    expect(why).toMatch(/^Why deploy payments generation 2 \d+s before rise · payments-hot-1 p99 \d+x peers · loki_out (discarding \d+ events\/s|buffer \d+% full)/);
    session.t('send-keys', '-t', session.name, 'w');
    const list = await session.until((s) => /^Why {2}\d suspects, best first/m.test(s), 'the Why list');
    expect(list).toMatch(/^> 0\.\d\d {2}change {3}payments generation 2$/m);
    expect(list).toMatch(/^ {18}deployed \d+ s before errors rose 0\.2% -> \d+\.\d% {2}at \d\d:\d\d:\d\dZ$/m);
    expect(list).toMatch(/^ {2}0\.\d\d {2}pod {6}payments-hot-1$/m);
    expect(list).toMatch(/^ {2}0\.80 {2}pipeline loki_out$/m);
    expect(list).toMatch(/^ {2}0\.40 {2}alert {4}VectorSinkDiscarding$/m);
    // Down to the pod, enter: every panel is scoped to it.
    session.t('send-keys', '-t', session.name, 'Down', 'Enter');
    await session.until((s) => /^incident payments\/payments-hot-1 \|/m.test(s), 'the drill-down to the hot pod');
  });

  for (const [cols, rows] of [[80, 24], [60, 20]] as const) {
    it(`${cols}x${rows}: the Why line stays under the header and names the deploy`, async () => {
      start(cols, rows);
      // The p99 and the pipeline's rates come a refresh after the first frame: wait for what the line can show.
      const ready = (s: string) => /^Why deploy/m.test(s) && (cols === 60 || (/^Why .*payments-hot-1/m.test(s) && /FAILING +loki_out/.test(s)));
      const screen = await session.until(ready, `the Why line at ${cols}x${rows}`, 20_000);
      const lines = screen.split('\n');
      expect(lines[2]).toMatch(/^Why deploy payments generation 2 \d+s before rise/);
      expect(lines.filter((l) => /^Error rate/.test(l))).toHaveLength(1);
      if (cols === 80) {
        expect(lines[2]).toMatch(/ · payments-hot-1 p99 \d+x peers/);
        expect(screen).toMatch(/FAILING +loki_out/);
      }
    });
  }
});
