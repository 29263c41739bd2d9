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

  it('refuses stdin twice with one message naming the flag', async () => {
    const r = await runCli(['watch', '--service', 'payments', '--logs', '-', '--logs', '-', '--once']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('incident: --logs: "-" (stdin) given more than once\n');
  });
});
