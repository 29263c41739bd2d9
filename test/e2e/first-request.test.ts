// The first range query of a `watch`, sent by the launcher before the program is loaded: recorded by one run for
// its command line, sent at once by the next, and not asked a second time; never recorded when the request carries
// credentials or headers of the profile. A run that draws its first graph has the launcher keep its compiled code then.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBinary } from '../helpers/binaries.js';
import { runCli, tempStateDir } from '../helpers/cli.js';
import { startExporter, type Exporter } from '../helpers/exporter.js';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.js';
import { runInPty, screenAt } from '../helpers/pty.js';
import { plainGet } from '../../src/sources/plain-get.js';
import { startTsdb, type TsdbServer } from '../helpers/tsdb-server.js';

const prometheusBin = requireBinary('prometheus', 'prometheus');
const errorRange = (u: string) => u.startsWith('/api/v1/query_range') && decodeURIComponent(u.replace(/\+/g, ' ')).includes('status=~"5..');

describe.skipIf(!prometheusBin)('the first request sent by the launcher', () => {
  let exporter: Exporter;
  let prom: TsdbServer;
  let proxy: FaultProxy;
  beforeAll(async () => {
    exporter = await startExporter();
    prom = await startTsdb('prometheus', prometheusBin!, [`127.0.0.1:${exporter.port}`]);
    proxy = await startFaultProxy(prom.url);
  }, 60_000);
  /** Every directory a test made, removed at the end. */
  const made: string[] = [];
  const tempDir = (name: string) => {
    const dir = mkdtempSync(join(tmpdir(), name));
    made.push(dir);
    return dir;
  };
  afterAll(async () => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
    await proxy?.stop();
    await prom?.stop();
    await exporter?.close();
  });

  const records = (cache: string) => (existsSync(join(cache, 'incident')) ? readdirSync(join(cache, 'incident')).filter((f) => f.startsWith('first-')) : []);

  it('is recorded by the first run and sent first by the next, which does not ask it again', async () => {
    const cache = tempDir('incident-first-');
    // A 6 h window asks with a step of minutes: both runs fall in the same step.
    const args = ['watch', '--service', 'payments', '--prometheus', proxy.url, '--window', '6h', '--once', '--json', '--state-dir', tempStateDir()];
    const first = await runCli(args, { XDG_CACHE_HOME: cache });
    const [record] = records(cache);
    expect(record).toMatch(/^first-[0-9a-f]{16}\.url$/);
    const url = readFileSync(join(cache, 'incident', record), 'utf8');
    expect(url.startsWith(`${proxy.url}/api/v1/query_range?query=`)).toBe(true);
    expect(errorRange(url.slice(proxy.url.length))).toBe(true);

    proxy.requests.length = 0;
    const second = await runCli(args, { XDG_CACHE_HOME: cache });
    expect(JSON.parse(second.stdout).panels.error_rate.current).toBeCloseTo(JSON.parse(first.stdout).panels.error_rate.current, 2);
    expect(errorRange(proxy.requests[0])).toBe(true);
    expect(proxy.requests.filter(errorRange)).toHaveLength(1);

    // The run the launcher answered keeps the error rate as its first range query (not the next range it asks, the
    // deploy markers'): a third run is answered the same way.
    expect(errorRange(readFileSync(join(cache, 'incident', record), 'utf8').slice(proxy.url.length))).toBe(true);
    proxy.requests.length = 0;
    await runCli(args, { XDG_CACHE_HOME: cache });
    expect(errorRange(proxy.requests[0])).toBe(true);
    expect(proxy.requests.filter(errorRange)).toHaveLength(1);

    // A record that differs from the run's request only where its window lies is the same request: it is left as it
    // is, so a start does not write it (and prune the directory) before its first graph.
    const file = join(cache, 'incident', record);
    const shift = (u: string, by: number) => u.replace(/([?&])(start|end)=(\d+)/g, (_, sep: string, name: string, v: string) => `${sep}${name}=${Number(v) - by}`);
    const older = shift(readFileSync(file, 'utf8'), 3600);
    writeFileSync(file, older);
    proxy.requests.length = 0;
    await runCli(args, { XDG_CACHE_HOME: cache });
    expect(proxy.requests.filter(errorRange)).toHaveLength(1);
    expect(readFileSync(file, 'utf8')).toBe(older);
  });

  it('lets the launcher keep the compiled code once the first graph is drawn, before the screen ends', async () => {
    const cache = tempDir('incident-first-keep-');
    const dir = join(cache, 'incident');
    const codeFile = () => (existsSync(dir) ? readdirSync(dir).find((f) => /^code-.*-watch\.bin$/.test(f)) : undefined);
    const started = Date.now();
    let keptAt: number | null = null;
    const poll = setInterval(() => {
      if (keptAt === null && codeFile()) keptAt = Date.now();
    }, 20);
    const quitAfter = 6000;
    const run = await runInPty(['watch', '--service', 'payments', '--prometheus', prom.url, '--state-dir', tempStateDir()], 100, 30, 'q', quitAfter, 20_000, { env: { XDG_CACHE_HOME: cache } });
    clearInterval(poll);
    expect(run.code).toBe(0);
    // The screen as it stood at each arrival while it was up (after it, the session line is printed below the shell's).
    const endedAt = run.chunks.find((c) => c.data.includes('\u001b[?1049l'))?.at ?? Infinity;
    const up = run.chunks.filter((c) => c.at < endedAt);
    const graphAt = up.find((c) => /Error rate \d/.test(screenAt(run, 100, 30, c.at)))?.at;
    expect(graphAt, `no graph on screen; last frame:\n${screenAt(run, 100, 30, up.at(-1)?.at ?? 0)}`).toBeDefined();
    // Kept while the screen was up: after its first graph, before the q that ended it (at exit it would be after).
    expect(keptAt).not.toBeNull();
    expect(keptAt!).toBeGreaterThanOrEqual(graphAt! - 50);
    expect(keptAt!).toBeLessThan(started + quitAfter);
    // The next start takes it as it is.
    const kept = statSync(join(dir, codeFile()!)).mtimeMs;
    await runInPty(['watch', '--service', 'payments', '--prometheus', prom.url, '--state-dir', tempStateDir()], 100, 30, 'q', 3000, 20_000, { env: { XDG_CACHE_HOME: cache } });
    expect(statSync(join(dir, codeFile()!)).mtimeMs).toBe(kept);
  });

  it('is read by the launcher as fetch reads it, from a real Prometheus: chunked, and with a length', async () => {
    // Go's server sends an answer of more than 2 KB chunked, a smaller one with its length.
    for (const query of ['{__name__=~".+"}', '1']) {
      const u = new URL(`${prom.url}/api/v1/query?query=${encodeURIComponent(query)}`);
      const [early, fetched] = await Promise.all([
        plainGet(u, { accept: 'application/json', 'accept-encoding': 'identity' }, 8 << 20, 10_000).answer,
        fetch(u).then(async (r) => ({ status: r.status, body: await r.text() })),
      ]);
      expect(early?.status).toBe(200);
      expect(early?.contentType).toBe('application/json');
      // Both asked at the same moment, they may differ in the evaluation time of an instant query: compare the rest.
      const shape = (body: string) => body.replace(/\[\d+(\.\d+)?,/g, '[T,');
      expect(shape(early!.body.toString('utf8'))).toBe(shape(fetched.body));
      expect(early!.body.length > 4096).toBe(query !== '1');
    }
  });

  it('records nothing for a request with credentials or a tenant header', async () => {
    const cache = tempDir('incident-first-secret-');
    const withUser = proxy.url.replace('http://', 'http://alice:pw-SECRET-1@');
    await runCli(['watch', '--service', 'payments', '--prometheus', withUser, '--once', '--json', '--state-dir', tempStateDir()], { XDG_CACHE_HOME: cache });
    expect(records(cache)).toEqual([]);

    const profile = join(tempDir('incident-first-profile-'), 'tenant.yaml');
    writeFileSync(profile, 'name: tenant\nextends: default\nprometheus:\n  headers:\n    X-Scope-OrgID: team-a\n');
    const args = ['watch', '--service', 'payments', '--profile', profile, '--prometheus', proxy.url, '--once', '--json', '--state-dir', tempStateDir()];
    await runCli(args, { XDG_CACHE_HOME: cache });
    expect(records(cache)).toEqual([]);
    for (const f of readdirSync(join(cache, 'incident'))) expect(readFileSync(join(cache, 'incident', f)).includes('pw-SECRET-1')).toBe(false);
  });
});
