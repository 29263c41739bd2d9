// A real ClickHouse (Debian clickhouse-server 18.16, DateTime columns) loaded with a generated archive:
// `replay --summary --clickhouse` gives the same document as `replay --summary` of the same lines as a file, and
// `watch --clickhouse` shows rows inserted while it runs, each once (checked in the session's recording).
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBinary } from '../helpers/binaries.js';
import { BIN, runCli, tempStateDir } from '../helpers/cli.js';
import { startClickHouse, type ClickHouseServer } from '../helpers/clickhouse-server.js';
import { tmuxSession } from '../helpers/tmux.js';
import { waitFor } from '../helpers/tsdb-server.js';

const clickhouse = requireBinary('clickhouse-server', 'clickhouse-server');
const tmux = requireBinary('tmux', 'tmux');

const T0 = Date.parse('2026-11-22T02:00:00Z') / 1000;
const ch = (s: number) => new Date(s * 1000).toISOString().slice(0, 19).replace('T', ' ');
const iso = (s: number) => new Date(s * 1000).toISOString().replace('.000Z', 'Z');

interface Row { timestamp: string; level: string; service: string; pod: string; message: string; latency_ms: number | null; trace_id: string }

/** One line a second for 50 minutes: payments' errors rise at minute 35, a deploy at minute 34, levels written several ways. */
function archive(): Array<{ s: number; row: Row }> {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const out: Array<{ s: number; row: Row }> = [];
  for (let i = 0; i < 3000; i++) {
    const s = T0 + i;
    const minute = Math.floor(i / 60);
    const service = ['payments', 'payments', 'checkout', 'auth'][i % 4];
    const pod = `${service}-${Math.floor(rand() * 3)}`;
    const failing = service === 'payments' && minute >= 35 ? 0.3 : 0.01;
    const error = rand() < failing;
    const level = error ? (i % 3 === 0 ? 'ERROR' : 'error') : rand() < 0.1 ? 'warning' : 'info';
    const ms = Math.round(20 + rand() * (service === 'payments' && minute >= 35 ? 2000 : 200));
    const message = i === 34 * 60 + 5 ? 'deployed version v2.3.1'
      : error ? [`upstream timeout after ${ms}ms to 10.0.${i % 5}.${i % 7}:8080`, `payment ${(i * 2654435761 % 4294967296).toString(16).padStart(8, '0')}-0000-4000-8000-00000000${String(i).padStart(4, '0')} declined`, `db error code ${i % 9}`][i % 3]
      : `handled request in ${ms}ms`;
    out.push({ s, row: { timestamp: ch(s), level, service, pod, message, latency_ms: i % 10 === 0 ? null : ms, trace_id: `t${i}` } });
  }
  return out;
}

describe.skipIf(!clickhouse)('ClickHouse as a log store', () => {
  let server: ClickHouseServer;
  const dir = mkdtempSync(join(tmpdir(), 'incident-clickhouse-e2e-'));
  const file = join(dir, 'archive.jsonl');
  const stateDir = tempStateDir();

  beforeAll(async () => {
    server = await startClickHouse(clickhouse as string);
    await server.sql('CREATE TABLE logs (timestamp DateTime, level String, service String, pod String, message String, latency_ms Nullable(Float64), trace_id String) ENGINE = MergeTree ORDER BY timestamp');
    const lines = archive();
    await server.sql('INSERT INTO logs FORMAT JSONEachRow', lines.map((l) => JSON.stringify(l.row)).join('\n'));
    writeFileSync(file, `${lines.map(({ s, row }) => JSON.stringify({
      time: iso(s), level: row.level, service: row.service, pod: row.pod, message: row.message, ...(row.latency_ms === null ? {} : { latency_ms: row.latency_ms }), trace_id: row.trace_id,
    })).join('\n')}\n`);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('replay --summary --clickhouse gives the file summary of the same lines: counts, rise, peaks, p99, top errors, pods, deploys', async () => {
    const range = ['--from', iso(T0 + 120), '--to', iso(T0 + 45 * 60)];
    const [fromFile, fromStore] = await Promise.all([
      runCli(['replay', file, '--summary', '--json', ...range]),
      runCli(['replay', '--summary', '--json', '--clickhouse', server.url, ...range]),
    ]);
    expect(fromStore.stderr).toBe('');
    expect([fromFile.code, fromStore.code]).toEqual([0, 0]);
    const a = JSON.parse(fromFile.stdout);
    const b = JSON.parse(fromStore.stdout);
    expect(b.store).toMatchObject({ kind: 'clickhouse', table: 'logs' });
    expect(b.store.bytes_received).toBeGreaterThan(0);
    delete a.files;
    delete b.files;
    delete b.store;
    // The incident is there, so the equality below compares something real.
    expect(a.lines).toBe(43 * 60);
    expect(a.lines_outside_range).toBe(3000 - 43 * 60);
    expect(a.services.find((s: { service: string }) => s.service === 'payments').first_rise.at).toBe(iso(T0 + 35 * 60));
    expect(a.deploys).toEqual([{ at: iso(T0 + 34 * 60 + 5), service: 'payments', version: 'v2.3.1', message: 'deployed version v2.3.1' }]);
    expect(a.top_errors.length).toBe(3);
    expect(b).toEqual(a);
  });

  it('refuses --clickhouse without --summary, and files with it', async () => {
    const alone = await runCli(['replay', '--clickhouse', server.url]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/--clickhouse: only works with --summary/);
    const both = await runCli(['replay', file, '--summary', '--clickhouse', server.url]);
    expect(both.code).toBe(2);
  });

  it('doctor counts the table\'s rows of the window and says a missing table in ClickHouse\'s words', async () => {
    const ok = await runCli(['doctor', '--prometheus', '', '--clickhouse', server.url, '--window', '30d', '--state-dir', stateDir]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(new RegExp(`ok +\\d+ ms +clickhouse +${server.url.replace(/[.]/g, '\\.')} logs +table logs: 3000 rows in the last 30d, newest \\d`));
    const profile = join(dir, 'nope.yaml');
    writeFileSync(profile, `name: nope\nextends: default\nlogs:\n  clickhouse:\n    url: ${server.url}\n    table: nope\n`);
    const bad = await runCli(['doctor', '--prometheus', '', '--profile', profile, '--state-dir', stateDir]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/FAIL +- +clickhouse .* nope +HTTP 404: Code: 60, .*Table default\.nope doesn't exist/);
  });

  it('a failing query says what ClickHouse said, with exit 1', async () => {
    const profile = join(dir, 'missing.yaml');
    writeFileSync(profile, 'name: missing\nextends: default\nlogs:\n  clickhouse:\n    url: http://127.0.0.1:1\n    table: nope\n');
    const r = await runCli(['replay', '--summary', '--clickhouse', server.url, '--profile', profile]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/incident: clickhouse nope: HTTP 404: Code: 60.*nope doesn't exist/);
  });

  describe.skipIf(!tmux)('watch --clickhouse', () => {
    const tmuxs = tmuxSession('incident-clickhouse');
    afterAll(() => tmuxs.kill());

    it('tails rows inserted while it runs, each once, and shows them in the log pane', async () => {
      const record = join(dir, 'tail.ndjson');
      tmuxs.start(`env -u CI NO_COLOR=1 LANG=C.UTF-8 node ${BIN} watch --service payments --prometheus '' --clickhouse ${server.url} --state-dir ${stateDir} --record ${record} --window 1h; echo EXITED=$?; sleep 30`, 120, 40);
      const now = Math.floor(Date.now() / 1000);
      const live = (n: number, s: number) => JSON.stringify({ timestamp: ch(s), level: 'error', service: 'payments', pod: 'payments-9', message: `live row ${n}`, latency_ms: 5, trace_id: '' });
      await server.sql('INSERT INTO logs FORMAT JSONEachRow', [live(1, now - 5), live(2, now - 5)].join('\n'));
      await tmuxs.until((s) => s.includes('live row 2'), 'the first rows', 20_000);
      // More rows in the same second as the last seen, and an identical copy of one already shown.
      await server.sql('INSERT INTO logs FORMAT JSONEachRow', [live(3, now - 5), live(2, now - 5), live(4, now - 4)].join('\n'));
      await tmuxs.until((s) => s.includes('live row 4'), 'the rows inserted later', 20_000);
      await new Promise((r) => setTimeout(r, 2500));
      tmuxs.t('send-keys', '-t', tmuxs.name, 'q');
      await tmuxs.until((s) => /EXITED=0/.test(s), 'exit');
      const messages = readFileSync(record, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
        .map((r) => r.e).filter((e) => e?.type === 'lines').flatMap((e) => e.lines.map((l: { message: string }) => l.message)).filter((m: string) => m.startsWith('live row'));
      expect(messages.sort()).toEqual(['live row 1', 'live row 2', 'live row 2', 'live row 3', 'live row 4']);
    }, 60_000);
  });
});
