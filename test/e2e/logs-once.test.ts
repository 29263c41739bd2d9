// Log sources through the built CLI with --once --json: Loki (a local server answering Loki 3.x shapes, since no
// Loki can be installed here) with the profile's selector and credentials, piped stdin, and a bad flag.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempStateDir } from '../helpers/cli.js';
import { FakeLoki } from '../sources/fake-loki.js';

const NOW_NS = () => `${BigInt(Date.now() - 5_000) * 1_000_000n}`;

describe('log sources through the CLI', () => {
  let loki: FakeLoki;
  const dir = mkdtempSync(join(tmpdir(), 'incident-logs-once-'));
  const stateDir = tempStateDir();

  beforeAll(async () => {
    loki = await new FakeLoki().start();
    loki.entries = [
      { ns: NOW_NS(), line: '{"level":"error","msg":"loki says timeout","pod":"payments-1"}', labels: { app: 'payments' } },
    ];
  });
  afterAll(async () => {
    await loki?.close();
  });

  it('backfills from Loki with the selector for the service and keeps the token out of everything', async () => {
    const profile = join(dir, 'loki.yaml');
    writeFileSync(profile, 'name: loki\nextends: default\nlogs:\n  loki:\n    url: http://127.0.0.1:1\n    selector: \'{app="$service"}\'\n    bearer_token: s3cret-token-xyz\n');
    const r = await runCli(['watch', '--service', 'payments', '--profile', profile, '--prometheus', '', '--loki', loki.url, '--once', '--json', '--state-dir', stateDir]);
    const doc = JSON.parse(r.stdout);
    expect(doc.panels.logs.lines).toEqual([expect.objectContaining({ level: 'error', message: 'loki says timeout', source: 'loki', pod: 'payments-1' })]);
    const query = loki.requests.find((q) => q.path === '/loki/api/v1/query_range');
    expect(query?.params.get('query')).toBe('{app="payments"}');
    expect(query?.headers.authorization).toBe('Bearer s3cret-token-xyz');
    expect(r.stdout + r.stderr).not.toContain('s3cret-token-xyz');
  });

  it('reads piped standard input with --logs -', async () => {
    const input = 'level=error msg="from the pipe"\n{"level":"info","msg":"second"}\nno newline at the end';
    const r = await runCli(['watch', '--service', 'payments', '--prometheus', '', '--logs', '-', '--once', '--json', '--state-dir', stateDir], {}, input);
    const doc = JSON.parse(r.stdout);
    expect(doc.panels.logs.lines.map((l: { message: string }) => l.message)).toEqual(['from the pipe', 'second', 'no newline at the end']);
    expect(doc.sources).toEqual([expect.objectContaining({ name: 'stdin', kind: 'stdin' })]);
  });

  it('a mistyped service over lines that name others, and one that names none, says no line names it', async () => {
    const file = join(dir, 'mixed.log');
    const at = new Date(Date.now() - 5_000).toISOString();
    const named = (service: string, n: number) => JSON.stringify({ ts: at, level: 'info', service, msg: `${service} ${n}` });
    writeFileSync(file, `${[named('payments', 1), named('search', 2), named('payments', 3), 'not json \u001b]0;pwned\u0007 at all'].join('\n')}\n`);
    const r = await runCli(['watch', '--service', 'paymnts', '--prometheus', '', '--logs', file, '--once', '--state-dir', stateDir]);
    const rows = r.stdout.split('\n');
    const title = rows.findIndex((row) => row.startsWith('Logs '));
    expect(rows.slice(title, title + 2)).toEqual(['Logs  err 0 warn 0 info 0', '  no line held names paymnts; 3 name another service']);
    expect(rows.slice(title + 2).find((row) => row.includes('not json'))).toMatch(/mixed\.log +not json \^\[\]0;pwned\^G at all$/);
    // Spelt right, the service's lines show and nothing is added.
    const right = await runCli(['watch', '--service', 'payments', '--prometheus', '', '--logs', file, '--once', '--state-dir', stateDir]);
    expect(right.stdout).not.toContain('no line held names');
    expect(right.stdout).toContain('payments 3');
  });

  it('refuses stdin twice with one message naming the flag', async () => {
    const r = await runCli(['watch', '--service', 'payments', '--logs', '-', '--logs', '-', '--once']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('incident: --logs: "-" (stdin) given more than once\n');
  });
});
