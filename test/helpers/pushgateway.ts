// Starts a real Pushgateway (Debian's prometheus-pushgateway) on a free loopback port, without persistence.
import { spawn, type ChildProcess } from 'node:child_process';
import { confirmStillRunning, freePort, waitFor } from './tsdb-server.js';

/** A running Pushgateway. */
export interface Pushgateway {
  url: string;
  /** host:port, for a scrape target. */
  address: string;
  stop(): Promise<void>;
}

/** Starts the Pushgateway and waits until it answers /-/ready. */
export async function startPushgateway(binary: string): Promise<Pushgateway> {
  const port = await freePort();
  // Debian's build persists to /var/lib/prometheus/pushgateway.data unless told otherwise: every gateway started by a
  // test would load the pushes an earlier one saved there (and a long one would save its own for the next).
  const child: ChildProcess = spawn(binary, [`--web.listen-address=127.0.0.1:${port}`, '--persistence.file=', '--log.level=error'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += String(d)));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error(`pushgateway exited: ${stderr.slice(-300)}`);
    return (await fetch(`${url}/-/ready`)).ok;
  }, 15_000, 'the pushgateway');
  await confirmStillRunning(child, 'pushgateway', () => stderr);
  return {
    url,
    address: `127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
  };
}
