// Every place a server's, a file's or a command's string reaches the user, with every class of terminal control in
// it: label values from a real Prometheus scraping a hostile exporter, Prometheus errors and proxy pages from a
// fault-injecting proxy in front of it, alert names and annotations from a real Alertmanager, a log file's name, a
// log command's stderr and a deploy label. `--once`, `doctor` and the full screen (in a real pty, every byte read
// back by the strict terminal model, which fails on any sequence the screen writer does not send) show them as text.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAlertmanager, type AlertmanagerServer } from '../helpers/alertmanager-server.js';
import { requireBinary } from '../helpers/binaries.js';
import { runCli, tempStateDir } from '../helpers/cli.js';
import { startExporter, type Exporter } from '../helpers/exporter.js';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.js';
import { CONTROLS, expositionLabel, HOSTILE, HOSTILE_JSON, HOSTILE_SHOWN } from '../helpers/hostile.js';
import { runInPty } from '../helpers/pty.js';
import { startTsdb, type TsdbServer } from '../helpers/tsdb-server.js';
import { VirtualTerminal } from '../helpers/virtual-terminal.js';

const prometheusBin = requireBinary('prometheus', 'prometheus');
const alertmanagerBin = requireBinary('prometheus-alertmanager', 'prometheus-alertmanager');

describe.skipIf(!prometheusBin || !alertmanagerBin)('hostile strings from every source', () => {
  let exporter: Exporter;
  let prom: TsdbServer;
  let proxy: FaultProxy;
  let am: AlertmanagerServer;
  const dir = mkdtempSync(join(tmpdir(), 'incident-hostile-all-'));
  const state = tempStateDir();
  const logFile = join(dir, `app\u001b]0;PWNED\u0007\r\u009b2J.log`);
  const deploysFile = join(dir, 'deploys.jsonl');
  let args: string[] = [];

  beforeAll(async () => {
    exporter = await startExporter([
      { service: 'payments', pod: 'payments-ok', rps: 50, errorRatio: 0, latency: [[0.1, 1]] },
      { service: 'payments', pod: expositionLabel(HOSTILE), rps: 50, errorRatio: 0.2, latency: [[0.1, 0.5], [1, 0.5]] },
    ]);
    prom = await startTsdb('prometheus', prometheusBin!, [`127.0.0.1:${exporter.port}`]);
    proxy = await startFaultProxy(prom.url);
    am = await startAlertmanager(alertmanagerBin!);
    const posted = await fetch(`${am.url}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ labels: { alertname: `Alert${HOSTILE}`, service: 'payments', severity: 'critical' }, annotations: { summary: `summary${HOSTILE}` } }]),
    });
    expect(posted.ok).toBe(true);
    writeFileSync(logFile, `${JSON.stringify({ ts: new Date().toISOString(), level: 'error', msg: `line${HOSTILE}` })}\n`);
    writeFileSync(deploysFile, `${JSON.stringify({ at: new Date(Date.now() - 60_000).toISOString(), label: `v2${HOSTILE_JSON}` })}\n`);
    const stderrCmd = `sh -c 'printf "stderr\\033]0;PWNED\\007\\033]52;c;cHduZWQ=\\007\\r\\n" >&2; exit 3'`;
    args = ['watch', '--service', 'payments', '--prometheus', proxy.url, '--alertmanager', am.url, '--logs', logFile,
      '--logs-cmd', stderrCmd, '--deploys-file', deploysFile, '--window', '5m', '--refresh', '1s', '--state-dir', state];
  }, 60_000);
  afterAll(async () => {
    await proxy?.stop();
    await prom?.stop();
    await am?.stop();
    await exporter?.close();
  });

  /** Runs the full screen in a pty for `ms`, quits with q, and returns the final screen after checking every byte. */
  async function fullScreen(ms: number): Promise<string> {
    const run = await runInPty(args, 120, 40, 'q', ms);
    expect(run.code).toBe(0);
    const term = new VirtualTerminal(120, 40);
    // Every byte up to leaving the alternate screen goes through the terminal model, which throws on any escape
    // sequence or control character the screen writer does not send itself; after it only the quit line follows
    // (the pty turns its newline into CR LF).
    const leave = run.bytes.lastIndexOf('\u001b[?1049l') + '\u001b[?1049l'.length;
    expect(leave).toBeGreaterThan(20);
    let last = '';
    for (const [i, frame] of run.bytes.slice(0, leave).split('\u001b[?2026h').entries()) {
      term.apply(i === 0 ? frame : `\u001b[?2026h${frame}`);
      if (term.alternate) last = term.text();
    }
    expect(run.bytes.slice(leave).replace(/\r\n/g, '')).not.toMatch(CONTROLS);
    expect(term.alternate).toBe(false);
    return last;
  }

  it('label values, alert names and annotations, file names, command stderr and deploy labels: --once prints them visibly, controls never', async () => {
    const r = await runCli([...args, '--once']);
    expect(r.stdout).not.toMatch(CONTROLS);
    expect(r.stderr).not.toMatch(CONTROLS);
    expect(r.stdout).toContain(HOSTILE_SHOWN);
    expect(r.stdout).toContain(`Alert${HOSTILE_SHOWN}`);
    expect(r.stdout).toContain('(stderr: stderr^[]0;PWNED');
    expect(r.stdout).toContain(`line${HOSTILE_SHOWN}`);
    expect(r.stdout).toContain('app^[]0;PWNED^G');
    expect(r.stdout).toContain('v2x^[]0;PWNED^G');
  });

  it('the same in the full screen, every byte accounted for', async () => {
    const screen = await fullScreen(6000);
    expect(screen).toContain(HOSTILE_SHOWN);
    expect(screen).toContain(`Alert${HOSTILE_SHOWN}`);
    expect(screen).toContain(`line${HOSTILE_SHOWN}`);
  }, 30_000);

  it('a Prometheus error and a proxy page carrying controls: --once, doctor and the full screen show them as text', async () => {
    proxy.set({ kind: 'api-error', errorType: `bad_data${HOSTILE_JSON}`, error: `parse error${HOSTILE_JSON}` });
    try {
      const once = await runCli([...args, '--once']);
      expect(once.stdout).not.toMatch(CONTROLS);
      expect(once.stdout).toContain(`bad_data${HOSTILE_SHOWN}`);
      const json = await runCli([...args, '--once', '--json']);
      const doc = JSON.parse(json.stdout) as { sources: Array<{ name: string; error?: string }> };
      // JSON keeps the text as it came (cut to its reason's length), escaped by JSON itself.
      expect(doc.sources.find((s) => s.name === 'prometheus')?.error).toContain(`bad_data${HOSTILE.slice(0, 20)}`);
      const doctor = await runCli(['doctor', '--prometheus', proxy.url, '--alertmanager', am.url]);
      expect(doctor.stdout + doctor.stderr).not.toMatch(CONTROLS);
      expect(doctor.stdout).toContain(HOSTILE_SHOWN);
      const screen = await fullScreen(3000);
      expect(screen).toMatch(/prometheus DOWN \d+s, no data yet: bad_datax\^\[\]0;PWNED/);

      proxy.set({ kind: 'html', status: 502, title: `Bad Gateway${HOSTILE}` });
      const page = await runCli([...args, '--once']);
      expect(page.stdout).not.toMatch(CONTROLS);
      expect(page.stdout).toContain(`HTTP 502, text/html: Bad Gateway${HOSTILE_SHOWN}`);
    } finally {
      proxy.set({ kind: 'pass' });
    }
  }, 60_000);
});
