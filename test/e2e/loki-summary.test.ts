// replay --summary --loki against a local server answering Loki's query API with its documented shapes (no Loki runs
// on these machines): the same document as the file summary of the same lines, with the p99 Loki's
// quantile_over_time gives (interpolated, so close to the nearest rank and not equal), and the lines it fetched.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { ARCHIVE_T0, archiveJsonLines, incidentArchive, isoSeconds } from '../helpers/incident-archive.js';
import { startLokiFake, type LokiFake } from '../helpers/loki-fake.js';

describe('replay --summary --loki (a local server with the documented shapes)', () => {
  let loki: LokiFake;
  const dir = mkdtempSync(join(tmpdir(), 'incident-loki-summary-'));
  const file = join(dir, 'archive.jsonl');

  beforeAll(async () => {
    loki = await startLokiFake();
    const lines = incidentArchive();
    const text = archiveJsonLines(lines).trim().split('\n');
    const byApp = new Map<string, Array<[string, string]>>();
    lines.forEach((l, i) => byApp.set(l.service, [...(byApp.get(l.service) ?? []), [`${BigInt(l.s) * 1_000_000_000n}`, text[i]]]));
    for (const [app, entries] of byApp) loki.streams.push({ labels: { app }, entries });
    writeFileSync(file, `${text.join('\n')}\n`);
  });
  afterAll(async () => {
    await loki?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the file summary of the same lines, the p99 interpolated just under the nearest rank', async () => {
    const range = ['--from', isoSeconds(ARCHIVE_T0 + 120), '--to', isoSeconds(ARCHIVE_T0 + 45 * 60)];
    const [fromFile, fromStore] = await Promise.all([
      runCli(['replay', file, '--summary', '--json', ...range]),
      runCli(['replay', '--summary', '--json', '--loki', loki.url, ...range]),
    ]);
    expect(fromStore.stderr).toBe('');
    expect([fromFile.code, fromStore.code]).toEqual([0, 0]);
    const a = JSON.parse(fromFile.stdout);
    const b = JSON.parse(fromStore.stdout);
    expect(b.store).toMatchObject({ kind: 'loki', selector: '{app="$service"}', queries: 9 });
    // Lines outside the range are not counted by Loki (it answers for the range only).
    expect(a.lines_outside_range).toBe(420);
    expect(b.lines_outside_range).toBe(0);
    for (const doc of [a, b]) {
      delete doc.files;
      delete doc.store;
      delete doc.lines_outside_range;
    }
    const p99 = (doc: any) => doc.services.flatMap((s: any) => s.p99.map((p: any) => ({ service: s.service, at: p.at, seconds: p.seconds, samples: p.samples })));
    const [pa, pb] = [p99(a), p99(b)];
    expect(pb.map((p: any) => [p.service, p.at, p.samples])).toEqual(pa.map((p: any) => [p.service, p.at, p.samples]));
    // Interpolated between the two samples around rank 0.99 x (n - 1): never above the nearest rank, and near it.
    pb.forEach((p: any, i: number) => {
      expect(p.seconds).toBeLessThanOrEqual(pa[i].seconds + 1e-9);
      expect(p.seconds).toBeGreaterThan(0.85 * pa[i].seconds);
    });
    expect(pb.filter((p: any, i: number) => p.seconds !== pa[i].seconds).length).toBeGreaterThan(0);
    for (const doc of [a, b]) for (const s of doc.services) delete s.p99;
    expect(a.services.find((s: { service: string }) => s.service === 'payments').first_rise.at).toBe(isoSeconds(ARCHIVE_T0 + 35 * 60));
    expect(b).toEqual(a);
    // Lines travel only for the span's ends, the first error lines and the deploy lines.
    const logQueries = [...new Set(loki.queries.filter((q) => q.startsWith('{')))].sort();
    expect(logQueries).toHaveLength(3);
    expect(logQueries[0]).toBe('{app=~".+"}');
    expect(logQueries[1]).toMatch(/^\{app=~"\.\+"\} \| json \| level=~"(ERROR\|error|error\|ERROR)"$/);
    expect(logQueries[2]).toBe('{app=~".+"} |= "deployed version"');
  });

  it('watch --at reads that window\'s lines from Loki\'s query_range, and no tail', async () => {
    const at = ARCHIVE_T0 + 40 * 60;
    const r = await runCli(['watch', '--service', 'payments', '--prometheus', '', '--loki', loki.url, '--at', isoSeconds(at), '--window', '5m', '--once', '--json', '--state-dir', dir]);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout);
    expect(doc.historical).toEqual({ at: isoSeconds(at) });
    const lines: Array<{ at: string; service: string }> = doc.panels.logs.lines;
    expect(lines).toHaveLength(50);
    expect(lines.every((l) => l.service === 'payments' && Date.parse(l.at) >= (at - 300) * 1000 && Date.parse(l.at) <= at * 1000)).toBe(true);
    expect(lines.at(-1)?.at).toBe(isoSeconds(at));
    expect(loki.queries).toContain('{app="payments"}');
    expect(loki.paths.filter((x) => x.includes('tail'))).toEqual([]);
  });

  it('needs --from and --to (exit 2)', async () => {
    const r = await runCli(['replay', '--summary', '--loki', loki.url]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--loki: needs --from and --to/);
  });
});
