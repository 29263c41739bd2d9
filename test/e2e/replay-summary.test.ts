// replay --summary through the built CLI: its counts by level and by service equal jq's on the same file, a service
// seen in a minute or two gets no baseline, a truncated gzip is summarised up to the cut, and bad files are named.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fieldCandidates } from '../../src/model/summary/summary-fields.js';
import { buildSummaryReport } from '../../src/model/summary/summary-report.js';
import { summarySuspects } from '../../src/model/suspects/summary-suspects.js';
import { suspectJson } from '../../src/model/suspects/suspect.js';
import { scanArchives, SPLIT_MIN_BYTES } from '../../src/sources/files/archive-scan.js';
import { requireBinary } from '../helpers/binaries.js';
import { BIN, runCli } from '../helpers/cli.js';

const jq = requireBinary('jq', 'jq');
const dir = mkdtempSync(join(tmpdir(), 'incident-summary-'));
const T0 = Date.parse('2026-11-22T14:00:00Z');

function archive(n: number): string {
  const levels = ['info', 'info', 'info', 'warn', 'debug', 'error'];
  const services = ['payments', 'checkout', 'search'];
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const burst = i > n * 0.6 && i < n * 0.7;
    const level = burst && i % 3 === 0 ? 'error' : levels[(i * 7) % levels.length];
    lines.push(JSON.stringify({ ts: new Date(T0 + i * 100).toISOString(), level, service: services[i % 3], pod: `${services[i % 3]}-${i % 4}`, latency_ms: 50 + (i % 200), msg: level === 'error' ? `timeout after ${i % 9}00ms on order ${i}` : 'ok' }));
  }
  return `${lines.join('\n')}\n`;
}

describe.skipIf(!jq)('replay --summary', () => {
  const file = join(dir, 'app.jsonl');
  writeFileSync(file, archive(20_000));

  it('counts lines by level and by service exactly as jq does', async () => {
    const r = await runCli(['replay', file, '--summary', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    const count = (expr: string) => {
      const out: Record<string, number> = {};
      for (const k of execFileSync(jq as string, ['-r', expr, file], { encoding: 'utf8', maxBuffer: 64 << 20 }).trim().split('\n')) out[k] = (out[k] ?? 0) + 1;
      return out;
    };
    const levels = Object.fromEntries(Object.entries(doc.by_level).filter(([, c]) => (c as number) > 0));
    expect(levels).toEqual(count('.level'));
    expect(Object.fromEntries(doc.services.map((s: { service: string; lines: number }) => [s.service, s.lines]))).toEqual(count('.service'));
    expect(doc.lines).toBe(20_000);
  });

  it('summarises a truncated gzip up to the cut and says so', async () => {
    const gz = gzipSync(archive(5_000));
    const cut = join(dir, 'cut.jsonl.gz');
    writeFileSync(cut, gz.subarray(0, Math.floor(gz.length / 2)));
    const r = await runCli(['replay', cut, '--summary', '--json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.lines).toBeGreaterThan(0);
    expect(doc.lines).toBeLessThan(5_000);
    expect(doc.files[0].cut).toBe('truncated gzip');
    expect(r.stderr).toContain(`cut.jsonl.gz: truncated gzip after ${doc.lines} lines`);
  });

  it('gives the same summary when a large file is split over two threads as when it is read on one', async () => {
    const big = join(dir, 'big.jsonl');
    // Untimed lines here and there, and a run of 320 KB of them around the middle, where the file is split: they
    // must inherit the time of the last timed line before them, across the threads.
    const lines = archive(150_000).split('\n');
    for (let i = 0; i < lines.length; i++) if (i % 97 === 0 || (i > 73_500 && i < 76_500)) lines[i] = lines[i].replace(/^\{"ts":"[^"]+",/, '{"note":"no time",');
    const text = lines.join('\n');
    writeFileSync(big, text);
    expect(statSync(big).size).toBeGreaterThan(SPLIT_MIN_BYTES);
    const r = await runCli(['replay', big, '--summary', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const { acc, files } = await scanArchives([big], {
      fields: fieldCandidates({}),
      deploy: { source: 'deployed version (?<version>\\S+)', flags: '' },
      bounds: {},
      workerScript: null,
    });
    const single = JSON.parse(JSON.stringify(buildSummaryReport(acc, files)));
    expect(single.lines_untimed).toBeGreaterThan(4_000);
    const { suspects, ...report } = JSON.parse(r.stdout);
    expect(report).toEqual(single);
    expect(suspects).toEqual(summarySuspects(single).map(suspectJson));
  });

  it('ends quietly when the reader of its output goes away (| head)', async () => {
    const child = spawn(process.execPath, [BIN, 'replay', file, '--summary', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    // The reader is gone before anything is written, so the first write fails with EPIPE.
    child.stdout.destroy();
    const code = await new Promise((done) => child.on('close', done));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('gives no baseline to a service seen in a minute or two, rather than one line\'s error ratio', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 600; i++) {
      lines.push(JSON.stringify({ ts: new Date(T0 + i * 1000).toISOString(), level: i % 50 ? 'info' : 'error', service: 'payments', msg: i % 50 ? 'ok' : 'upstream timeout' }));
    }
    lines.push(JSON.stringify({ ts: new Date(T0 + 300_000).toISOString(), level: 'error', service: 'search', msg: 'index missing' }));
    const small = join(dir, 'small.jsonl');
    writeFileSync(small, `${lines.join('\n')}\n`);
    const r = await runCli(['replay', small, '--summary']);
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\n');
    expect(rows.find((row) => row.startsWith('services '))).toBe('services  payments 600 (12 errors)  search 1 (1 error)');
    const timeline = rows.indexOf('timeline (per-minute error ratio against the service baseline)');
    expect(rows.slice(timeline + 1, timeline + 3)).toEqual([
      '  payments  no rise above baseline 1.7%  peak 14:00 (2 errors/min, 3.3%)',
      '  search    too few minutes for a baseline (1 line in 1 minute)  peak 14:05 (1 error/min, 100%)',
    ]);
    const doc = JSON.parse((await runCli(['replay', small, '--summary', '--json'])).stdout);
    expect(doc.services.map((s: { service: string; minutes: number }) => [s.service, s.minutes])).toEqual([['payments', 10], ['search', 1]]);
  });

  it('names a missing file and an empty one, exit 2', async () => {
    const missing = await runCli(['replay', join(dir, 'nope.jsonl'), '--summary']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.jsonl: no such file');
    const empty = join(dir, 'empty.jsonl');
    writeFileSync(empty, '');
    const r = await runCli(['replay', empty, '--summary']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('empty.jsonl: is empty');
  });
});
