// The screen at the sizes people use, in tmux, against a real Prometheus and Alertmanager, a pipeline exporter
// answering with Vector's shapes (the demo's; no Vector runs here) and a log file: at 80x24 one screen holds the
// firing alert's name, the failing pipeline component, the p99 panel and at least four log lines; at 60x20 the
// sources line and the error rate.
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../src/demo/server.js';
import { startAlertmanager, type AlertmanagerServer } from '../helpers/alertmanager-server.js';
import { requireBinary } from '../helpers/binaries.js';
import { BIN, fixtureProfile, tempStateDir } from '../helpers/cli.js';
import { startExporter, type Exporter } from '../helpers/exporter.js';
import { tmuxSession } from '../helpers/tmux.js';
import { startTsdb, type TsdbServer } from '../helpers/tsdb-server.js';

const prometheus = requireBinary('prometheus', 'prometheus');
const alertmanager = requireBinary('prometheus-alertmanager', 'prometheus-alertmanager');
const tmux = requireBinary('tmux', 'tmux');

describe.skipIf(!prometheus || !alertmanager || !tmux)('the honest screen in tmux', () => {
  let exporter: Exporter;
  let tsdb: TsdbServer;
  let am: AlertmanagerServer;
  let demo: DemoServer;
  let writer: NodeJS.Timeout;
  const dir = mkdtempSync(join(tmpdir(), 'incident-honest-'));
  const log = join(dir, 'app.log');
  const stateDir = tempStateDir();

  beforeAll(async () => {
    exporter = await startExporter();
    [tsdb, am, demo] = await Promise.all([
      startTsdb('prometheus', prometheus as string, [`127.0.0.1:${exporter.port}`]),
      startAlertmanager(alertmanager as string),
      startDemoServer(),
    ]);
    const startsAt = new Date(Date.now() - 2 * 60_000).toISOString();
    await fetch(`${am.url}/api/v2/alerts`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ labels: { alertname: 'HighErrorRate', severity: 'critical', service: 'payments' }, startsAt }]),
    });
    writeFileSync(log, '');
    let n = 0;
    writer = setInterval(() => {
      n++;
      appendFileSync(log, `${JSON.stringify({ ts: new Date().toISOString(), level: n % 4 ? 'info' : 'error', service: 'payments', pod: `payments-${n % 2}`, msg: `request ${n}` })}\n`);
    }, 100);
  }, 90_000);
  afterAll(async () => {
    clearInterval(writer);
    await Promise.all([tsdb?.stop(), am?.stop(), exporter?.close(), demo?.close()]);
  });

  const command = () => [`env -u CI ${process.execPath} ${BIN} watch --service payments --profile ${fixtureProfile('fast')}`,
    `--prometheus ${tsdb.url} --alertmanager ${am.url} --pipeline ${demo.pipelineUrl} --logs ${log} --state-dir ${stateDir}`].join(' ');

  it('80x24: the alert by name, the failing pipeline component, the p99 panel and four log lines on one screen', async () => {
    const s = tmuxSession('honest80');
    try {
      s.start(command(), 80, 24);
      const logLines = (x: string) => x.split('\n').filter((l) => /^\d\d:\d\d:\d\d (INFO|ERROR) /.test(l)).length;
      const screen = await s.until((x) => /HighErrorRate/.test(x) && /FAILING +loki_out/.test(x) && /Error rate \d/.test(x) && logLines(x) >= 4, 'every panel', 20_000);
      const lines = screen.split('\n');
      expect(lines[0]).toMatch(/^incident payments \| /);
      expect(lines[1]).toMatch(/^prometheus up /);
      expect(screen).toMatch(/^p99 latency {2}SLO 500ms/m);
      expect(screen).toMatch(/^ . firing \S+ +critical HighErrorRate$/m);
      expect(logLines(screen)).toBeGreaterThanOrEqual(4);
      expect(screen.replace(/\n$/, '').split('\n')).toHaveLength(24);
    } finally {
      s.kill();
    }
  });

  it('60x20: the sources line and the error rate', async () => {
    const s = tmuxSession('honest60');
    try {
      s.start(command(), 60, 20);
      const screen = await s.until((x) => /Error rate \d/.test(x), 'the error rate', 20_000);
      expect(screen.split('\n')[1]).toMatch(/^prometheus up /);
    } finally {
      s.kill();
    }
  });
});
