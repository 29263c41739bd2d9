// The deploys source: a real Prometheus scraping a generation change, a CI file, commands that work, fail or print garbage.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Profile } from '../../../src/config/profile.js';
import { resolveProfile } from '../../../src/config/resolve-profile.js';
import type { DeployMarker, DeploysEvent, SourceEvent, StatusEvent } from '../../../src/model/console-state/events.js';
import type { LogLine } from '../../../src/model/logs/log-line.js';
import { makeLineParser } from '../../../src/model/logs/log-parse.js';
import { packBlock, parseBlock, recordLines } from '../../../src/sources/logs/parse-thread.js';
import { systemClock } from '../../../src/sources/system-clock.js';
import { deploysSource, type DeploysSource, type DeploysSourceOptions } from '../../../src/sources/metrics/deploys-source.js';
import type { QueryScope } from '../../../src/sources/metrics/query-scope.js';
import { requireBinary } from '../../helpers/binaries.js';
import { startExporter, type Exporter } from '../../helpers/exporter.js';
import { startTsdb, waitFor as waitForAsync, type TsdbServer } from '../../helpers/tsdb-server.js';
import { waitFor } from '../collect-events.js';

class Events {
  readonly all: SourceEvent[] = [];
  readonly emit = (e: SourceEvent) => void this.all.push(e);
  lastStatus = () => this.all.filter((e): e is StatusEvent => e.type === 'status').at(-1);
  deploys = (): DeployMarker[] | undefined => this.all.filter((e): e is DeploysEvent => e.type === 'deploys').at(-1)?.deploys;
  settled = () => ['up', 'degraded', 'down'].includes(this.lastStatus()?.state ?? '');
}

let running: DeploysSource | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

function start(profile: Profile, scope: QueryScope, opts: DeploysSourceOptions = {}): Events {
  const source = deploysSource(profile, () => scope, systemClock, { commandEveryMs: 0, ...opts }) as DeploysSource;
  expect(source).not.toBeNull();
  running = source;
  const ev = new Events();
  source.start(ev.emit);
  return ev;
}

const GEN = (n: number) => `# TYPE kube_deployment_status_observed_generation gauge\nkube_deployment_status_observed_generation{deployment="payments",namespace="prod"} ${n}\n`;

const prometheus = requireBinary('prometheus', 'prometheus');
describe.skipIf(!prometheus)('with a real Prometheus scraping a deployment generation change', () => {
  let exporter: Exporter;
  let tsdb: TsdbServer;
  beforeAll(async () => {
    exporter = await startExporter();
    exporter.extra.text = GEN(1);
    tsdb = await startTsdb('prometheus', prometheus as string, [`127.0.0.1:${exporter.port}`]);
  }, 60_000);
  afterAll(async () => {
    await tsdb?.stop();
    await exporter?.close();
  });

  it('puts "payments generation 2" on the step where the new generation was first scraped', async () => {
    exporter.extra.text = GEN(2);
    type Raw = Array<{ values: Array<[number, string]> }>;
    const firstScrapeS = await waitForAsync(async () => {
      const raw = (await tsdb.api('/api/v1/query', { query: 'kube_deployment_status_observed_generation[5m]' })) as { result: Raw };
      return raw.result[0]?.values.find(([, v]) => v === '2')?.[0];
    }, 20_000, 'the new generation to be scraped');
    // The query ends at the last whole 3 s step (the range is step-aligned): let a step boundary pass the scrape.
    const boundaryMs = Math.ceil(firstScrapeS / 3) * 3000;
    await new Promise((r) => setTimeout(r, Math.max(0, boundaryMs + 500 - Date.now())));
    const profile = resolveProfile({
      prometheus: { url: tsdb.url }, refresh: 3_600_000,
      deploys: { queries: ['kube_deployment_status_observed_generation{deployment=~"$service.*"}'] },
    }, 't', '(test)');
    // 120 s over 40 columns: a 3 s step.
    const ev = start(profile, { service: 'payments', windowMs: 120_000, columns: 40 });
    await waitFor(ev.settled, 'a status', 10_000);
    expect(ev.lastStatus()).toMatchObject({ state: 'up', source: 'deploys' });
    const markers = ev.deploys() ?? [];
    expect(markers.map((m) => m.label)).toEqual(['payments generation 2']);
    const at = markers[0].at;
    expect(at).toBeGreaterThanOrEqual(firstScrapeS * 1000);
    expect(at).toBeLessThan(firstScrapeS * 1000 + 3000);
    expect(markers[0].source).toBe('prometheus');
  }, 40_000);

  it('a query Prometheus refuses is a status with the reason, markers from the good query kept', async () => {
    const profile = resolveProfile({
      prometheus: { url: tsdb.url }, refresh: 3_600_000,
      deploys: { queries: ['kube_deployment_status_observed_generation', 'rate(((('] },
    }, 't', '(test)');
    const ev = start(profile, { service: 'payments', windowMs: 300_000, columns: 100 });
    await waitFor(ev.settled, 'a status', 10_000);
    expect(ev.lastStatus()).toMatchObject({ state: 'degraded', error: expect.stringMatching(/^query 2: bad_data: /) });
    expect(ev.deploys()?.map((m) => m.label)).toEqual(['payments generation 2']);
  }, 20_000);
});

describe('file, command and log pattern', () => {
  const dir = mkdtempSync(join(tmpdir(), 'incident-deploys-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  const scope: QueryScope = { service: 'payments', windowMs: 15 * 60_000, columns: 100 };

  it('a CI file: markers in the window drawn, old ones left out, garbage and future lines counted in the status', async () => {
    const file = join(dir, 'deploys.jsonl');
    writeFileSync(file, [
      JSON.stringify({ at: iso(now - 4 * 60_000), label: 'payments v1.4.2' }),
      JSON.stringify({ at: Math.round((now - 2 * 60_000) / 1000), label: 'checkout v7 (epoch s)' }),
      JSON.stringify({ at: (now - 60_000) * 1e6, label: 'cart v3 (epoch ns)' }),
      JSON.stringify({ at: iso(now - 3_600_000), label: 'an hour ago' }),
      JSON.stringify({ at: iso(now + 3_600_000), label: 'in an hour' }),
      '{"at": oops',
    ].join('\n'));
    const ev = start(resolveProfile({ deploys: { file }, refresh: 3_600_000 }, 't', '(test)'), scope);
    await waitFor(ev.settled, 'a status', 5000);
    expect(ev.deploys()?.map((m) => m.label)).toEqual(['payments v1.4.2', 'checkout v7 (epoch s)', 'cart v3 (epoch ns)']);
    expect(ev.lastStatus()).toMatchObject({ state: 'degraded', error: 'file: skipped 1 unreadable line, 1 in the future' });
  });

  it('a missing file is down with the path, and sends no list (nothing was received to show)', async () => {
    const ev = start(resolveProfile({ deploys: { file: join(dir, 'nope.jsonl') }, refresh: 3_600_000 }, 't', '(test)'), scope);
    await waitFor(ev.settled, 'a status', 5000);
    expect(ev.lastStatus()).toMatchObject({ state: 'down', error: expect.stringMatching(/^file: .*nope\.jsonl: no such file$/) });
    expect(ev.deploys()).toBeUndefined();
  });

  it('a file that goes missing sends no list while it is gone: the last one stays, with its age', async () => {
    const file = join(dir, 'going.jsonl');
    writeFileSync(file, `${JSON.stringify({ at: iso(now - 60_000), label: 'payments v2' })}\n`);
    const profile = resolveProfile({ deploys: { file }, refresh: 3_600_000 }, 't', '(test)');
    const source = deploysSource(profile, () => scope, systemClock, { commandEveryMs: 0 }) as DeploysSource;
    running = source;
    const ev = new Events();
    source.start(ev.emit);
    await waitFor(ev.settled, 'a status', 5000);
    const lists = () => ev.all.filter((e) => e.type === 'deploys').length;
    expect(lists()).toBe(1);
    rmSync(file);
    const statuses = ev.all.length;
    source.refresh();
    await waitFor(() => ev.all.length > statuses && ev.lastStatus()?.state === 'down', 'down', 5000);
    expect(lists()).toBe(1);
    expect(ev.deploys()?.map((m) => m.label)).toEqual(['payments v2']);
  });

  it('a command printing {"at","label"} lines, with $service expanded in the command line', async () => {
    const line = JSON.stringify({ at: now - 60_000, label: '$service v9' });
    const ev = start(resolveProfile({ deploys: { command: `printf '%s\\n' '${line}'` }, refresh: 3_600_000 }, 't', '(test)'), scope);
    await waitFor(ev.settled, 'a status', 5000);
    expect(ev.lastStatus()?.state).toBe('up');
    expect(ev.deploys()).toEqual([{ at: now - 60_000, label: 'payments v9', source: 'printf' }]);
  });

  it.each([
    ['a failing command', 'sh -c "echo forbidden >&2; exit 3"', /^command: sh: exited with code 3 \(stderr: forbidden\)$/],
    ['a command printing garbage', 'echo hello world', /^command: nothing usable, 1 unreadable line$/],
    ['kubectl without -o json', 'printf "REVISION  CHANGE-CAUSE\\n1 <none>\\n"', /add -o json/],
    ['a program that does not exist', 'no-such-deploy-tool --list', /^command: no-such-deploy-tool: command not found$/],
    ['shell syntax without a shell', 'kubectl get rs | head', /^command: command line: /],
  ])('%s is down with a reason', async (_name, command, reason) => {
    const ev = start(resolveProfile({ deploys: { command }, refresh: 3_600_000 }, 't', '(test)'), scope);
    await waitFor(ev.settled, 'a status', 5000);
    expect(ev.lastStatus()).toMatchObject({ state: 'down', error: expect.stringMatching(reason) });
  });

  it('the first status comes after the command, so one round (--once) holds every input', async () => {
    const file = join(dir, 'ci.jsonl');
    writeFileSync(file, `${JSON.stringify({ at: now - 120_000, label: 'from the file' })}\n`);
    const printed = join(dir, 'printed.jsonl');
    writeFileSync(printed, `${JSON.stringify({ at: now - 60_000, label: 'from the command' })}\n`);
    const profile = resolveProfile({ deploys: { file, command: `sh -c "sleep 0.3; cat ${printed}"` }, refresh: 3_600_000 }, 't', '(test)');
    const ev = start(profile, scope);
    await waitFor(ev.settled, 'a status', 5000);
    expect(ev.lastStatus()?.state).toBe('up');
    expect(ev.deploys()?.map((m) => m.label)).toEqual(['from the file', 'from the command']);
    // The file's markers were shown before the command answered.
    const first = ev.all.find((e): e is DeploysEvent => e.type === 'deploys');
    expect(first?.deploys.map((m) => m.label)).toEqual(['from the file']);
  });

  it('after a change of service, the old service\'s markers are not sent as the new one\'s', async () => {
    writeFileSync(join(dir, 'payments-deploys.jsonl'), `${JSON.stringify({ at: iso(now - 60_000), label: 'payments v1' })}\n`);
    writeFileSync(join(dir, 'all.jsonl'), `${JSON.stringify({ at: iso(now - 30_000), label: 'shared v2' })}\n`);
    const profile = resolveProfile({ deploys: { file: join(dir, '$service-deploys.jsonl'), command: `cat ${join(dir, 'all.jsonl')}` }, refresh: 3_600_000 }, 't', '(test)');
    const current: QueryScope = { ...scope };
    const ev = start(profile, current);
    await waitFor(() => ev.deploys()?.length === 2, 'both markers', 5000);
    const lists = ev.all.filter((e) => e.type === 'deploys').length;
    // search has no deploy file; the command answers for it.
    current.service = 'search';
    running?.restart();
    await waitFor(() => ev.all.filter((e) => e.type === 'deploys').length > lists, 'a list for search', 5000);
    expect(ev.deploys()?.map((m) => m.label)).toEqual(['shared v2']);
  });

  it('a command that worked and then fails keeps its markers', async () => {
    const file = join(dir, 'flip.jsonl');
    writeFileSync(file, `${JSON.stringify({ at: now - 60_000, label: 'payments v10' })}\n`);
    const ev = start(resolveProfile({ deploys: { command: `cat ${file}` }, refresh: 3_600_000 }, 't', '(test)'), scope);
    await waitFor(() => ev.lastStatus()?.state === 'up', 'up', 5000);
    rmSync(file);
    running?.refresh();
    await waitFor(() => ev.lastStatus()?.state === 'down', 'down', 5000);
    expect(ev.lastStatus()?.error).toMatch(/cat: exited with code 1 \(stderr: .*No such file/);
    expect(ev.deploys()?.map((m) => m.label)).toEqual(['payments v10']);
  });

  it('log lines matching the profile pattern become markers', async () => {
    const ev = start(resolveProfile({ deploys: { log_pattern: 'deployed version (?<version>\\S+)' }, refresh: 3_600_000 }, 't', '(test)'), scope);
    const line = (message: string, at: number): LogLine => ({ at, timed: true, level: 'info', source: 'app.log', service: 'payments', message, raw: message });
    running?.noteLines([line('GET /pay 200', now - 5000), line('deployed version v1.5.0', now - 3000)]);
    expect(ev.deploys()).toEqual([{ at: now - 3000, label: 'payments v1.5.0', source: 'app.log' }]);
  });

  it('finds the same markers in packed blocks as in plain lines, blocks without the pattern\'s start passed over', async () => {
    const ev = start(resolveProfile({ deploys: { log_pattern: 'deploy: \\S+ (?<version>generation \\d+) rolled out' }, refresh: 3_600_000 }, 't', '(test)'), scope);
    const parse = makeLineParser();
    const raws = (from: number) => Array.from({ length: 40 }, (_, i) => `{"ts":${(now - 60_000 + from + i) / 1000},"level":"info","service":"payments","msg":"GET /v1/charges 200"}`);
    const block = (lines: string[]) => {
      const bytes = Buffer.from(`${lines.join('\n')}\n`);
      return recordLines(packBlock(bytes, parseBlock(bytes, parse, 'app.log', now), true), 'app.log');
    };
    const deploy = `{"ts":${(now - 10_000) / 1000},"level":"info","service":"payments","msg":"deploy\\u003a payments generation 7 rolled out"}`;
    running?.noteLines(block(raws(0)));
    running?.noteLines(block([...raws(100), deploy]));
    running?.noteLines([parse('deploy: payments generation 8 rolled out', 'app.log', now - 5000)]);
    expect(ev.deploys()?.map((m) => m.label)).toEqual(['payments generation 7', 'generation 8']);
  });

  it('is null when the profile asks for no deploy markers', () => {
    expect(deploysSource(resolveProfile({}, 't', '(test)'), () => scope, systemClock)).toBeNull();
    expect(deploysSource(resolveProfile({ deploys: { queries: ['x'] } }, 't', '(test)'), () => scope, systemClock)).toBeNull();
  });
});

describe('deploy queries that find nothing', () => {
  it('a query with no series three refreshes in a row is no longer asked; one with series goes on; a new scope asks again', async () => {
    const { createServer } = await import('node:http');
    const asked: string[] = [];
    const server = createServer((req, res) => {
      const query = new URL(req.url ?? '/', 'http://x').searchParams.get('query') ?? '';
      asked.push(query);
      const result = query.startsWith('kube_') ? [{ metric: { deployment: 'payments' }, values: [[Math.floor(Date.now() / 1000), '1']] }] : [];
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      const profile = resolveProfile({ prometheus: { url }, refresh: 250, deploys: { queries: ['kube_deployment_status_observed_generation{deployment="$service"}', 'argocd_app_sync_total{name="$service"}'] } }, 't', '(test)');
      // Answers are not shared between rounds here, so every question asked is a request seen.
      const { PrometheusApi } = await import('../../../src/sources/metrics/prometheus-api.js');
      const ev = start(profile, { service: 'payments', windowMs: 15 * 60_000, columns: 100 }, { api: new PrometheusApi(profile.prometheus as NonNullable<Profile['prometheus']>, { shareMs: 0 }) });
      const count = (prefix: string) => asked.filter((q) => q.startsWith(prefix)).length;
      await waitFor(() => count('kube_') >= 6, 'six rounds', 10_000);
      expect(count('argocd_')).toBe(3);
      expect(ev.lastStatus()?.state).toBe('up');
      running?.restart();
      await waitFor(() => count('argocd_') >= 4, 'the query asked again after a scope change', 5000);
    } finally {
      await running?.stop();
      running = undefined;
      await new Promise((r) => server.close(r));
    }
  });
});
