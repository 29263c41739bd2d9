// replay --summary --json through the built CLI reads a large file from bytes on two threads; its document must equal
// the one read the plain way (one thread, every piece decoded to text and scanned line by line), odd lines included:
// CRLF, invalid UTF-8, escapes, nesting, malformed and non-JSON lines, lines longer than a read and than the 1 MiB cap.
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SummaryAccumulator, type TimeBounds } from '../../src/model/summary/summary-accumulator.js';
import { fieldCandidates } from '../../src/model/summary/summary-fields.js';
import { buildSummaryReport } from '../../src/model/summary/summary-report.js';
import { summarySuspects } from '../../src/model/suspects/summary-suspects.js';
import { suspectJson } from '../../src/model/suspects/suspect.js';
import { SummaryScanner } from '../../src/model/summary/summary-scan.js';
import { readArchive } from '../../src/sources/files/archive-reader.js';
import { SPLIT_MIN_BYTES } from '../../src/sources/files/archive-scan.js';
import { runCli } from '../helpers/cli.js';
import { oddArchive } from '../helpers/odd-archive.js';

const dir = mkdtempSync(join(tmpdir(), 'incident-summary-fast-'));

/** The document as the plain path gives it: one thread, text pieces, SummaryScanner.scan (and the suspects of that report). */
async function plainSummary(path: string, bounds: TimeBounds = {}) {
  const acc = new SummaryAccumulator(bounds);
  const scanner = new SummaryScanner(acc, { fields: fieldCandidates({}), deployPattern: /deployed version (?<version>\S+)/ });
  const read = await readArchive(path, (text) => scanner.scan(text));
  const report = JSON.parse(JSON.stringify(buildSummaryReport(acc, [read])));
  return { ...report, suspects: summarySuspects(report).map(suspectJson) };
}

describe('replay --summary read from bytes on two threads', () => {
  const file = join(dir, 'odd.jsonl');
  const archive = oddArchive(150_000, 89, 300_000);
  // One line past the 1 MiB cap, a third of the way in.
  const third = archive.indexOf(10, Math.floor(archive.length / 3)) + 1;
  writeFileSync(file, Buffer.concat([archive.subarray(0, third), Buffer.from(`{"ts":"2026-11-22T14:30:00Z","msg":"${'z'.repeat(1_200_000)}"}\r\n`), archive.subarray(third)]));

  it('gives the document of the plain path, odd lines and all', async () => {
    expect(statSync(file).size).toBeGreaterThan(SPLIT_MIN_BYTES);
    const r = await runCli(['replay', file, '--summary', '--json']);
    expect(r.code).toBe(0);
    const plain = await plainSummary(file);
    expect(plain.lines_malformed_json).toBeGreaterThan(100);
    expect(plain.files[0].lines_cut).toBe(1);
    expect(plain.deploys.length).toBeGreaterThan(50);
    expect(JSON.parse(r.stdout)).toEqual(plain);
  });

  it('gives the same when no line in the 8 MiB before the split has a time (the first thread reads on)', async () => {
    const untimed = join(dir, 'untimed-head.jsonl');
    const head = Buffer.from('{"level":"error","service":"boot","msg":"no time yet 42"}\n'.repeat(220_000));
    writeFileSync(untimed, Buffer.concat([head, archive.subarray(0, 6 << 20)]));
    const r = await runCli(['replay', untimed, '--summary', '--json']);
    const plain = await plainSummary(untimed);
    expect(plain.by_service.boot).toBe(220_000);
    expect(JSON.parse(r.stdout)).toEqual(plain);
  });

  it('gives the same with --from and --to, and from the same file gzipped (read on one thread)', async () => {
    const from = '2026-11-22T14:01:00Z';
    const to = '2026-11-22T14:05:00Z';
    const plain = await plainSummary(file, { from: Date.parse(from), to: Date.parse(to) });
    expect(plain.lines_outside_range).toBeGreaterThan(10_000);
    const r = await runCli(['replay', file, '--summary', '--json', '--from', from, '--to', to]);
    expect(JSON.parse(r.stdout)).toEqual(plain);
    const gz = join(dir, 'odd.jsonl.gz');
    writeFileSync(gz, gzipSync(archive, { level: 1 }));
    const zipped = await runCli(['replay', gz, '--summary', '--json']);
    const plainZipped = await plainSummary(gz);
    expect(JSON.parse(zipped.stdout)).toEqual(plainZipped);
  });
});
