// A real forward proxy (Debian's tinyproxy) on a free loopback port with its own config and log, for proxy tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './tsdb-server.js';

/** A running tinyproxy. */
export interface Tinyproxy {
  /** http://127.0.0.1:PORT */
  url: string;
  /** The request lines it logged so far ("GET http://... HTTP/1.1", "CONNECT 127.0.0.1:9090 HTTP/1.1"). */
  requests(): string[];
  stop(): Promise<void>;
}

/** Starts tinyproxy in the foreground; `auth` makes it require basic auth with that user and password. */
export async function startTinyproxy(binary: string, auth?: { user: string; password: string }): Promise<Tinyproxy> {
  const dir = mkdtempSync(join(tmpdir(), 'incident-tinyproxy-'));
  const port = await freePort();
  const log = join(dir, 'tinyproxy.log');
  const conf = join(dir, 'tinyproxy.conf');
  writeFileSync(conf, `Port ${port}\nListen 127.0.0.1\nTimeout 30\nLogFile "${log}"\nLogLevel Connect\nMaxClients 50\n${auth ? `BasicAuth ${auth.user} ${auth.password}\n` : ''}`);
  const child: ChildProcess = spawn(binary, ['-d', '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += String(d)));
  const listening = () => new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1', () => (s.destroy(), resolve(true)));
    s.on('error', () => resolve(false));
  });
  for (let i = 0; !(await listening()); i++) {
    if (child.exitCode !== null || i > 100) throw new Error(`tinyproxy did not start: ${stderr.slice(-500)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    requests() {
      let text = '';
      try {
        text = readFileSync(log, 'utf8');
      } catch {
        // nothing logged yet
      }
      return [...text.matchAll(/Request \(file descriptor \d+\): (.*)$/gm)].map((m) => m[1]);
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
