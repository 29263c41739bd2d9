// A traced slow request, end to end: an OpenMetrics exporter writes exemplars with trace ids on its latency
// buckets; the p99 row of the slow pod shows `trace <id>`, `--once --json` carries it, and `t` on the focused p99
// panel filters the logs down to that trace's lines.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempStateDir } from '../helpers/cli.js';
import { runInPty, screenAt } from '../helpers/pty.js';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';

/** Two pods; the slow one's 2.5 s bucket carries an exemplar with TRACE, the fast one's carries another id. */
function openMetrics(): string {
  const s = Math.floor(Date.now() / 1000);
  const now = (Date.now() / 1000).toFixed(3);
  const lines = ['# TYPE http_requests counter', '# TYPE http_request_duration_seconds histogram'];
  for (const [pod, slow] of [['payments-hot-1', true], ['payments-2', false]] as const) {
    lines.push(`http_requests_total{service="payments",pod="${pod}",status="200"} ${100 * s}`);
    lines.push(`http_requests_total{service="payments",pod="${pod}",status="500"} ${s}`);
    const le = slow ? [['0.25', 0.5], ['2.5', 1]] : [['0.25', 1], ['2.5', 1]];
    for (const [bound, share] of le) {
      const ex = slow && bound === '2.5' ? ` # {trace_id="${TRACE}"} 2.31 ${now}` : !slow && bound === '0.25' ? ` # {trace_id="fast0000"} 0.2 ${now}` : '';
      lines.push(`http_request_duration_seconds_bucket{service="payments",pod="${pod}",le="${bound}"} ${Number(share) * 100 * s}${ex}`);
    }
    lines.push(`http_request_duration_seconds_bucket{service="payments",pod="${pod}",le="+Inf"} ${100 * s}`);
  }
  return `${lines.join('\n')}\n# EOF\n`;
}

describe('exemplar trace ids on the p99 panel', () => {
  let server: Server;
  let url = '';
  const dir = mkdtempSync(join(tmpdir(), 'incident-trace-'));
  const log = join(dir, 'app.log');
  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/openmetrics-text; version=1.0.0; charset=utf-8' });
      res.end(openMetrics());
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
    const at = new Date().toISOString();
    writeFileSync(log, [
      { ts: at, level: 'info', pod: 'payments-2', trace_id: 'fast0000', msg: 'charge ok' },
      { ts: at, level: 'error', pod: 'payments-hot-1', trace_id: TRACE, msg: 'ledger timeout after 2.3s' },
      { ts: at, level: 'info', pod: 'payments-hot-1', trace_id: 'other', msg: 'charge ok' },
    ].map((l) => JSON.stringify(l)).join('\n') + '\n');
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const args = () => ['watch', '--service', 'payments', '--prometheus', '', '--scrape', url, '--logs', log, '--window', '5m', '--state-dir', tempStateDir()];

  it('--once shows the trace on the slow pod and the JSON carries it', async () => {
    const json = await runCli([...args(), '--once', '--json']);
    const doc = JSON.parse(json.stdout) as { panels: { p99: { bars: Array<{ label: string; trace_id: string | null }> } } };
    expect(doc.panels.p99.bars).toEqual([
      expect.objectContaining({ label: 'payments-hot-1', trace_id: TRACE }),
      expect.objectContaining({ label: 'payments-2', trace_id: 'fast0000' }),
    ]);
    const text = await runCli([...args(), '--once']);
    expect(text.stdout).toMatch(/payments-hot-1 .* OVER trace 4bf92f3577b34da…/);
  });

  it('t on the focused p99 panel filters the logs by the slow pod\'s trace, and t again clears it', async () => {
    const started = Date.now();
    const run = await runInPty(args(), 120, 40, [[3500, '\t'], [4000, 't'], [5000, 't'], [6000, 'q']], 0);
    const filtered = screenAt(run, 120, 40, started + 4800);
    expect(filtered).toContain('ledger timeout after 2.3s');
    expect(filtered).not.toContain('charge ok');
    const cleared = screenAt(run, 120, 40, started + 5800);
    expect(cleared).toContain('charge ok');
  }, 30_000);
});
