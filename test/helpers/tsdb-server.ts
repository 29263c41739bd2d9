// Starts a real Prometheus or VictoriaMetrics on a free loopback port, scraping given targets every second.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running TSDB. */
export interface TsdbServer {
  url: string;
  kind: 'prometheus' | 'victoria-metrics';
  /** Sends a query to the server's own API and returns `data`. */
  api(path: string, params: Record<string, string>): Promise<any>;
  kill(): Promise<void>;
  /** Starts it again on the same port and data directory. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A free TCP port on 127.0.0.1, for a server a test starts next. It is drawn at random below Linux's ephemeral range
 * (32768-60999): a port the kernel hands out with `listen(0)` can be taken again, before the server binds it, as the
 * local port of any outgoing connection of any test running alongside, and a readiness check would then reach the
 * wrong server. Below the range only another test drawing the same one of 12,000 ports can collide.
 */
export async function freePort(): Promise<number> {
  for (let i = 0; ; i++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const srv = createServer();
    const ok = await new Promise<boolean>((r) => {
      srv.once('error', () => r(false));
      srv.listen(port, '127.0.0.1', () => r(true));
    });
    if (ok) {
      await new Promise((r) => srv.close(r));
      return port;
    }
    if (i > 50) throw new Error('no free port between 20000 and 32000 on 127.0.0.1');
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * After a readiness check passed: the child must still run half a second later. One that could not bind its port exits
 * at once, and its readiness check may have reached whichever process held the port.
 */
export async function confirmStillRunning(child: ChildProcess, what: string, stderr: () => string): Promise<void> {
  await sleep(500);
  if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${what} exited after its port answered (another process held it): ${stderr().slice(-300)}`);
}

/** How the scrape is configured beyond the defaults. */
export interface TsdbOptions {
  /** Keep the labels the targets expose (`honor_labels: true`), as a Pushgateway needs. */
  honorLabels?: boolean;
}

/** Starts `binary` scraping `targets` (host:port) every second; resolves once it is ready. */
export async function startTsdb(kind: TsdbServer['kind'], binary: string, targets: string[], options: TsdbOptions = {}): Promise<TsdbServer> {
  const dir = mkdtempSync(join(tmpdir(), `incident-${kind}-`));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = join(dir, 'scrape.yml');
  writeFileSync(config, `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: app\n${options.honorLabels ? '    honor_labels: true\n' : ''}    static_configs:\n      - targets: [${targets.map((t) => `"${t}"`).join(', ')}]\n`);
  const args = kind === 'prometheus'
    ? [`--config.file=${config}`, `--web.listen-address=127.0.0.1:${port}`, `--storage.tsdb.path=${join(dir, 'data')}`, '--log.level=error']
    : [`-promscrape.config=${config}`, `-httpListenAddr=127.0.0.1:${port}`, `-storageDataPath=${join(dir, 'data')}`, '-search.latencyOffset=0s', '-loggerLevel=ERROR'];
  let child: ChildProcess | undefined;
  const launch = async () => {
    child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (d) => (stderr += String(d)));
    for (let i = 0; i < 200; i++) {
      if (child.exitCode !== null) throw new Error(`${kind} exited: ${stderr.slice(-500)}`);
      try {
        const res = await fetch(`${url}${kind === 'prometheus' ? '/-/ready' : '/health'}`);
        if (res.ok) {
          await confirmStillRunning(child, kind, () => stderr);
          if (kind === 'prometheus') {
            // The one answering is this Prometheus: its data directory is ours.
            const flags = (await (await fetch(`${url}/api/v1/status/flags`)).json()) as { data?: Record<string, string> };
            if (flags.data?.['storage.tsdb.path'] !== join(dir, 'data')) throw new Error(`another Prometheus answers on port ${port}`);
          }
          return;
        }
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    throw new Error(`${kind} did not become ready: ${stderr.slice(-500)}`);
  };
  const kill = async () => {
    const c = child;
    // A process ended by a signal has a signalCode and no exitCode: it is gone all the same.
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await exited;
  };
  await launch();
  // Prometheus applies discovered targets after about 5 s; wait until a few scrapes are stored.
  await waitFor(async () => {
    const res = await fetch(`${url}/api/v1/query?${new URLSearchParams({ query: 'min(count_over_time(up[1m]))' })}`);
    const body = (await res.json()) as { data?: { result?: Array<{ value: [number, string] }> } };
    return Number(body.data?.result?.[0]?.value[1] ?? 0) >= 4;
  }, 30_000, `${kind} to scrape`);
  return {
    url,
    kind,
    async api(path, params) {
      const res = await fetch(`${url}${path}?${new URLSearchParams(params)}`);
      const body = (await res.json()) as { data: unknown };
      return body.data;
    },
    kill,
    restart: launch,
    async stop() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls until `fn` returns a truthy value (or throws after `ms`). */
export async function waitFor<T>(fn: () => Promise<T | undefined | null | false>, ms = 20_000, what = 'condition'): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}
