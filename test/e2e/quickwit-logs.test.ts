// Quickwit as a log store, against a local server answering the search API's documented shapes (no Quickwit runs on
// these machines): `replay --summary --quickwit` gives the same document as the file summary of the same lines, and
// `watch --quickwit` shows documents added while it runs, each once (checked in the session's recording).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBinary } from '../helpers/binaries.js';
import { BIN, runCli, tempStateDir } from '../helpers/cli.js';
import { ARCHIVE_T0, archiveJsonLines, incidentArchive, isoSeconds } from '../helpers/incident-archive.js';
import { startQuickwitFake, type QuickwitFake } from '../helpers/quickwit-fake.js';
import { tmuxSession } from '../helpers/tmux.js';

const tmux = requireBinary('tmux', 'tmux');

describe('Quickwit as a log store (a local server with the documented shapes)', () => {
  let qw: QuickwitFake;
  const dir = mkdtempSync(join(tmpdir(), 'incident-quickwit-e2e-'));
  const file = join(dir, 'archive.jsonl');
  const stateDir = tempStateDir();

  beforeAll(async () => {
    qw = await startQuickwitFake('logs', 'timestamp');
    const lines = incidentArchive();
    for (const l of lines) {
      qw.docs.push({ timestamp: isoSeconds(l.s), level: l.level, service: l.service, pod: l.pod, message: l.message, ...(l.latency_ms === null ? {} : { latency_ms: l.latency_ms }), trace_id: l.trace_id });
    }
    writeFileSync(file, archiveJsonLines(lines));
  });
  afterAll(async () => {
    await qw?.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('replay --summary --quickwit gives the file summary of the same lines, with aggregations and no lines fetched', async () => {
    const range = ['--from', isoSeconds(ARCHIVE_T0 + 120), '--to', isoSeconds(ARCHIVE_T0 + 45 * 60)];
    const [fromFile, fromStore] = await Promise.all([
      runCli(['replay', file, '--summary', '--json', ...range]),
      runCli(['replay', '--summary', '--json', '--quickwit', qw.url, ...range]),
    ]);
    expect(fromStore.stderr).toBe('');
    expect([fromFile.code, fromStore.code]).toEqual([0, 0]);
    const a = JSON.parse(fromFile.stdout);
    const b = JSON.parse(fromStore.stdout);
    expect(b.store).toMatchObject({ kind: 'quickwit', index: 'logs', queries: 4 });
    delete a.files;
    delete b.files;
    delete b.store;
    expect(a.lines_outside_range).toBe(3000 - 43 * 60);
    expect(a.services.find((s: { service: string }) => s.service === 'payments').first_rise.at).toBe(isoSeconds(ARCHIVE_T0 + 35 * 60));
    expect(b).toEqual(a);
    // Only the deploy search asks for hits, and it names the pattern's literal start.
    const withHits = qw.searches.filter((s) => Number(s.max_hits) > 0);
    expect(withHits.map((s) => s.query)).toEqual(['(*) AND message:"deployed version"']);
  });

  it('doctor counts the index\'s hits of the window', async () => {
    const r = await runCli(['doctor', '--prometheus', '', '--quickwit', qw.url, '--window', '30d', '--state-dir', stateDir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ok +\d+ ms +quickwit +http:\/\/127\.0\.0\.1:\d+\/? logs +index logs: 3000 hits in the last 30d, newest \d/);
  });

  it('says what Quickwit said when the index is unknown, with exit 1', async () => {
    const profile = join(dir, 'other.yaml');
    writeFileSync(profile, 'name: other\nextends: default\nlogs:\n  quickwit:\n    url: http://127.0.0.1:1\n    index: nope\n');
    const r = await runCli(['replay', '--summary', '--quickwit', qw.url, '--profile', profile]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('incident: quickwit nope: HTTP 404: could not find indexes matching the IDs `[nope]`\n');
  });

  describe.skipIf(!tmux)('watch --quickwit', () => {
    const tmuxs = tmuxSession('incident-quickwit');
    afterAll(() => tmuxs.kill());

    it('tails documents added while it runs, each once', async () => {
      const record = join(dir, 'tail.ndjson');
      tmuxs.start(`env -u CI NO_COLOR=1 LANG=C.UTF-8 node ${BIN} watch --service payments --prometheus '' --quickwit ${qw.url} --state-dir ${stateDir} --record ${record} --window 1h; echo EXITED=$?; sleep 30`, 120, 40);
      const now = Math.floor(Date.now() / 1000);
      const live = (n: number, s: number) => ({ timestamp: isoSeconds(s), level: 'error', service: 'payments', pod: 'payments-9', message: `live doc ${n}`, latency_ms: 5 });
      qw.docs.push(live(1, now - 5), live(2, now - 5));
      await tmuxs.until((s) => s.includes('live doc 2'), 'the first documents', 20_000);
      qw.docs.push(live(3, now - 5), live(2, now - 5), live(4, now - 4));
      await tmuxs.until((s) => s.includes('live doc 4'), 'the documents added later', 20_000);
      await new Promise((r) => setTimeout(r, 2500));
      tmuxs.t('send-keys', '-t', tmuxs.name, 'q');
      await tmuxs.until((s) => /EXITED=0/.test(s), 'exit');
      const messages = readFileSync(record, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)).map((r) => r.e)
        .filter((e) => e?.type === 'lines').flatMap((e) => e.lines.map((l: { message: string }) => l.message)).filter((m: string) => m.startsWith('live doc'));
      expect(messages.sort()).toEqual(['live doc 1', 'live doc 2', 'live doc 2', 'live doc 3', 'live doc 4']);
    }, 60_000);
  });
});
