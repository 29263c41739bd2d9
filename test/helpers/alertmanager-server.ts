// Starts a real Alertmanager on a free loopback port with clustering off and a temporary storage directory.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { confirmStillRunning, freePort, waitFor } from './tsdb-server.js';

/** A running Alertmanager. */
export interface AlertmanagerServer {
  url: string;
  stop(): Promise<void>;
}

/** Starts `binary` (prometheus-alertmanager) with `extraConfig` (YAML, e.g. inhibit_rules) appended; resolves once /-/ready answers. */
export async function startAlertmanager(binary: string, extraConfig = ''): Promise<AlertmanagerServer> {
  const dir = mkdtempSync(join(tmpdir(), 'incident-alertmanager-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = join(dir, 'alertmanager.yml');
  writeFileSync(config, `route:\n  receiver: nobody\nreceivers:\n  - name: nobody\n${extraConfig}`);
  const child: ChildProcess = spawn(binary, [
    `--config.file=${config}`, `--storage.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`,
    '--cluster.listen-address=', '--log.level=error',
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += String(d)));
  const stop = async () => {
    // After SIGKILL exitCode stays null and signalCode is set: a second stop() must not wait for another exit.
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`alertmanager exited: ${stderr.slice(-500)}`);
      return (await fetch(`${url}/-/ready`)).ok;
    }, 20_000, 'alertmanager to be ready');
    await confirmStillRunning(child, 'alertmanager', () => stderr);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, stop };
}
