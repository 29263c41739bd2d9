// replay --from/--to with no file, over a real Prometheus holding six hours of past data (promtool blocks): the replay
// screen plays the range, `n` finds the rise, and a seek back is served from the pieces already read (no request
// reaches Prometheus, counted by a proxy in front of it).
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBinary } from '../helpers/binaries.js';
import { BIN } from '../helpers/cli.js';
import { startHistoryPrometheus, type HistoryPrometheus } from '../helpers/history-prometheus.js';
import { historicalMark, shownEnd } from '../helpers/historical-mark.js';
import { tmuxSession } from '../helpers/tmux.js';

const prometheus = requireBinary('prometheus', 'prometheus');
const promtool = requireBinary('promtool', 'prometheus');
const tmux = requireBinary('tmux', 'tmux');

const iso = (s: number) => new Date(s * 1000).toISOString().replace('.000Z', 'Z');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!prometheus || !promtool || !tmux)('replay --from/--to from Prometheus', () => {
  let h: HistoryPrometheus;
  let proxy: Server;
  let proxyUrl = '';
  const asked: string[] = [];
  const tmuxs = tmuxSession('incident-replay-range');

  beforeAll(async () => {
    h = await startHistoryPrometheus(prometheus as string, promtool as string);
    proxy = createServer((req, res) => {
      asked.push(req.url ?? '');
      fetch(`${h.url}${req.url}`).then(async (r) => res.writeHead(r.status, { 'content-type': 'application/json' }).end(Buffer.from(await r.arrayBuffer())));
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
  }, 120_000);
  afterAll(async () => {
    tmuxs.kill();
    await new Promise((r) => proxy?.close(r));
    await h?.stop();
  });

  it('plays the range, n finds the rise, and g (back to the start) asks Prometheus nothing new', async () => {
    const from = h.riseS - 1500;
    const to = h.riseS + 1200;
    const started = Date.now();
    tmuxs.start(`env -u CI NO_COLOR=1 LANG=C.UTF-8 node ${BIN} replay --from ${iso(from)} --to ${iso(to)} --service payments --prometheus ${proxyUrl}; echo EXITED=$?; sleep 30`, 120, 40);
    const first = await tmuxs.until((s) => /Error rate 0\.10% ok/.test(s) && /^REPLAY /m.test(s), 'the first replayed frame', 20_000);
    expect(first).toMatch(historicalMark(from, started));
    expect(first).toMatch(/^REPLAY 1x .* of 45m/m);
    tmuxs.t('send-keys', '-t', tmuxs.name, ' ');
    await tmuxs.until((s) => /^REPLAY PAUSED/m.test(s), 'the pause');
    tmuxs.t('send-keys', '-t', tmuxs.name, 'n');
    // The jump is the first step whose ratio leaves 0.1%: within a step or two after the rise.
    const jumped = await tmuxs.until((s) => (shownEnd(s) ?? 0) > from + 60, 'the next jump', 20_000);
    expect(shownEnd(jumped)).toBeGreaterThanOrEqual(h.riseS);
    expect(shownEnd(jumped)).toBeLessThanOrEqual(h.riseS + 30);
    expect(jumped).toMatch(/^REPLAY PAUSED \d\d:\d\d:\d\d \+25m(\d+s)? of 45m/m);
    await tmuxs.until((s) => /Error rate [1-9]\.\d\d% (WARN|CRIT)/.test(s), 'the rising error rate', 10_000);
    await sleep(1500);
    const before = asked.length;
    expect(before).toBeGreaterThan(0);
    tmuxs.t('send-keys', '-t', tmuxs.name, 'g');
    const back = await tmuxs.until((s) => historicalMark(from, started).test(s) && /Error rate 0\.10% ok/.test(s), 'the start again', 10_000);
    expect(back).toMatch(/^REPLAY PAUSED/m);
    await sleep(1500);
    expect(asked.slice(before)).toEqual([]);
    tmuxs.t('send-keys', '-t', tmuxs.name, 'q');
    await tmuxs.until((s) => /EXITED=0/.test(s), 'exit');
  }, 90_000);
});
