// A large file split over two threads, with the calling thread taking tails of the worker's part: the totals must be
// those of a read on one thread, whichever thread read which line.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadScript } from '../../helpers/thread-script.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SummaryAccumulator } from '../../../src/model/summary/summary-accumulator.js';
import { fieldCandidates } from '../../../src/model/summary/summary-fields.js';
import { buildSummaryReport } from '../../../src/model/summary/summary-report.js';
import { SummaryScanner } from '../../../src/model/summary/summary-scan.js';
import { lineStartAfter, readArchive, type ByteSink } from '../../../src/sources/files/archive-reader.js';
import { mergeTotals } from '../../../src/model/summary/summary-merge.js';
import { inheritedTimeAt, prestartScanThread, scanSplit, ScanThread, SPLIT_MIN_BYTES, takeTails, type ArchiveScanOptions } from '../../../src/sources/files/archive-scan.js';
import { SharedRange } from '../../../src/sources/files/shared-range.js';
import { startScanThreadEarly, takeEarlyScanThread } from '../../../src/sources/files/scan-thread-start.js';
import { oddArchive } from '../../helpers/odd-archive.js';

let code = '';
let dir = '';

beforeAll(async () => {
  code = await threadScript('sources/files/archive-scan-worker.ts');
  dir = mkdtempSync(join(tmpdir(), 'incident-archive-scan-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DEPLOY = 'deployed version (?<version>\\S+)';

function options(): ArchiveScanOptions {
  return { fields: fieldCandidates({}), deploy: { source: DEPLOY, flags: '' }, bounds: {}, workerScript: code };
}

/** The report of a read on one thread, text pieces scanned line by line. */
async function plainReport(path: string) {
  const acc = new SummaryAccumulator();
  const scanner = new SummaryScanner(acc, { fields: fieldCandidates({}), deployPattern: new RegExp(DEPLOY) });
  const read = await readArchive(path, (text) => scanner.scan(text));
  return JSON.parse(JSON.stringify(buildSummaryReport(acc, [read])));
}

/** A sink scanning bytes into `acc`, as each thread's reader does. */
function sinkFor(acc: SummaryAccumulator): ByteSink {
  const scanner = new SummaryScanner(acc, { fields: fieldCandidates({}), deployPattern: new RegExp(DEPLOY) });
  return { bytes: (buf, a, e) => scanner.scanBytes(buf, a, e) };
}

async function splitReport(path: string, share: number) {
  const acc = new SummaryAccumulator();
  const thread = ScanThread.start(code);
  // Ready before the scan starts, the thread is handed its part at once, `share` into the file.
  expect(await thread.ready).toBe(true);
  try {
    const read = await scanSplit(path, statSync(path).size, acc, options(), thread, share);
    return { report: JSON.parse(JSON.stringify(buildSummaryReport(acc, [read]))) };
  } finally {
    thread.close();
  }
}

describe('SharedRange', () => {
  it('lets the reader claim up to the end, and a tail be taken only where the reader has claimed nothing', () => {
    const r = SharedRange.of(100, 400);
    expect(r.claim(100, 120)).toBe(120);
    expect(r.left()).toEqual({ next: 220, end: 400 });
    // Bytes the reader has claimed cannot be taken.
    expect(r.takeTail(219)).toBe(-1);
    expect(r.takeTail(400)).toBe(-1);
    expect(r.takeTail(300)).toBe(400);
    // Seen through the same memory from elsewhere, as the other thread sees it.
    const other = new SharedRange(r.memory);
    expect(other.left()).toEqual({ next: 220, end: 300 });
    expect(other.claim(220, 120)).toBe(80);
    expect(other.claim(300, 120)).toBe(0);
    expect(r.takeTail(250)).toBe(-1);
  });

  it('stops a read at the tail taken while it goes on', async () => {
    const path = join(dir, 'lines.txt');
    const line = (i: number) => `line ${String(i).padStart(6, '0')}\n`;
    writeFileSync(path, Array.from({ length: 400_000 }, (_, i) => line(i)).join(''));
    const range = SharedRange.of(0, statSync(path).size);
    const seen: string[] = [];
    // After the reader's first read, the rest past line 300,000 is taken.
    const read = await readArchive(path, (text) => {
      if (seen.length === 0) expect(range.takeTail(300_000 * line(0).length)).toBe(statSync(path).size);
      seen.push(text);
      return text.split('\n').length - 1;
    }, range);
    expect(read.lines).toBe(300_000);
    expect(seen.join('')).toBe(Array.from({ length: 300_000 }, (_, i) => line(i)).join(''));
  });
});

describe('takeTails', () => {
  it('takes the back half of what the reader has left, again and again, and the parts add up to one read', async () => {
    const path = join(dir, 'tails.jsonl');
    writeFileSync(path, oddArchive(150_000, 89, 300_000));
    const size = statSync(path).size;
    const plain = await plainReport(path);
    // This thread's own part: the first third, read here.
    const split = await lineStartAfter(path, Math.floor(size / 3));
    const acc = new SummaryAccumulator();
    const own = await readArchive(path, sinkFor(acc), { start: 0, end: split });
    // The other part's reader has not started: every tail down to the last 2 MiB is taken, each half the one before.
    const range = SharedRange.of(split, size);
    const tails = (await takeTails(path, range, acc, options(), () => false)).reverse();
    expect(tails.length).toBeGreaterThan(2);
    expect(range.end - split).toBeLessThan(2 << 20);
    expect(tails.at(-1)?.result.bytes).toBeGreaterThan(tails[0].result.bytes);
    // Then the reader reads what is left to it, as the thread would: from the time its first lines inherit.
    const startAt = await inheritedTimeAt(path, split, options());
    expect(startAt).not.toBeNull();
    const rest = acc.forPart(startAt as number);
    const restRead = await readArchive(path, sinkFor(rest), range);
    mergeTotals(acc, rest);
    for (const t of tails) mergeTotals(acc, t.acc);
    const reads = [own, restRead, ...tails.map((t) => t.result)];
    const read = { path, bytes: size, lines: reads.reduce((n, r) => n + r.lines, 0), cut: null, linesCut: reads.reduce((n, r) => n + r.linesCut, 0) };
    expect(reads.reduce((n, r) => n + r.bytes, 0)).toBe(size);
    expect(JSON.parse(JSON.stringify(buildSummaryReport(acc, [read])))).toEqual(plain);
  });

  it('stops when the reader has too little left, and when asked to', async () => {
    const path = join(dir, 'tails.jsonl');
    const size = statSync(path).size;
    const acc = new SummaryAccumulator();
    expect(await takeTails(path, SharedRange.of(size - (1 << 20), size), acc, options(), () => false)).toEqual([]);
    expect(await takeTails(path, SharedRange.of(0, size), acc, options(), () => true)).toEqual([]);
  });
});

describe('scanSplit', () => {
  it('gives the totals of one thread when this thread keeps little of the file', async () => {
    const path = join(dir, 'odd.jsonl');
    writeFileSync(path, oddArchive(150_000, 89, 300_000));
    expect(statSync(path).size).toBeGreaterThan(SPLIT_MIN_BYTES);
    const plain = await plainReport(path);
    expect(plain.deploys.length).toBeGreaterThan(50);
    // Keeping a tenth, this thread is most likely through first and takes tails of the other part (which thread
    // reads what depends on timing; the totals must not).
    const split = await splitReport(path, 0.1);
    expect(split.report).toEqual(plain);
  });

  it('gives the same when the other thread fails on its part: this thread reads it', async () => {
    const path = join(dir, 'odd.jsonl');
    const plain = await plainReport(path);
    // Ready like a scan thread (in the shared memory too), then failing on the job it is handed (as a thread out of
    // memory would).
    const failing = ScanThread.start(`const { parentPort, workerData } = require('node:worker_threads');
Atomics.store(new Int32Array(workerData), 0, 1);
parentPort.postMessage('ready');
parentPort.once('message', () => { throw new Error('scan thread failed'); });`);
    expect(await failing.ready).toBe(true);
    const handed = new Promise((resolve) => failing['worker'].once('error', resolve));
    const acc = new SummaryAccumulator();
    try {
      const read = await scanSplit(path, statSync(path).size, acc, options(), failing, 0.3);
      // The thread was handed a part, and failed on it.
      expect(String(await handed)).toContain('scan thread failed');
      expect(read.bytes).toBe(statSync(path).size);
      expect(JSON.parse(JSON.stringify(buildSummaryReport(acc, [read])))).toEqual(plain);
    } finally {
      failing.close();
    }
  });

  it('reads its part with node:fs alone: the thread loads neither fs/promises nor readline', async () => {
    // fs/promises, with readline, which it loads, took the thread some 10 ms before it could start on its part.
    const path = join(dir, 'thread-part.jsonl');
    writeFileSync(path, oddArchive(20_000, 7, 300));
    const size = statSync(path).size;
    const out = join(dir, 'thread-modules.txt');
    // Put before the thread's script: at each message it posts, writes every module the thread has loaded.
    const record = `const __port = require('node:worker_threads').parentPort;
const __post = __port.postMessage.bind(__port);
__port.postMessage = (...a) => (require('node:fs').writeFileSync(${JSON.stringify(out)}, process.moduleLoadList.join('\\n')), __post(...a));
`;
    const thread = ScanThread.start(record + code);
    expect(await thread.ready).toBe(true);
    const from = lineStartAfter(path, Math.floor(size / 2));
    const reply = await thread.run({ path, range: SharedRange.of(from, size).memory, opts: { fields: fieldCandidates({}), deploy: { source: DEPLOY, flags: '' }, bounds: {} } });
    expect(reply.ok && 'totals' in reply && reply.result.bytes).toBe(size - from);
    const loaded = readFileSync(out, 'utf8').split('\n');
    expect(loaded).toContain('NativeModule fs');
    expect(loaded.filter((m) => /^NativeModule (fs\/promises|readline|internal\/fs\/promises)$/.test(m))).toEqual([]);
  });

  it('gives the same when the other thread finds no time to start from', async () => {
    const path = join(dir, 'untimed-middle.jsonl');
    const odd = oddArchive(150_000, 89, 300_000);
    const untimed = Buffer.from('{"level":"error","service":"boot","msg":"no time yet 42"}\n'.repeat(380_000));
    // Timed, then about 22 MB of untimed lines, then timed again: split 30% in, the 8 MiB before the split are untimed.
    writeFileSync(path, Buffer.concat([odd.subarray(0, odd.indexOf(10, 2 << 20) + 1), untimed, odd]));
    const plain = await plainReport(path);
    expect(plain.by_service.boot).toBe(380_000);
    const split = await splitReport(path, 0.3);
    expect(split.report).toEqual(plain);
  });
});

describe('a scan thread started by the launcher', () => {
  it('is started only for replay --summary with a large file, and taken once', async () => {
    const big = join(dir, 'odd.jsonl');
    const small = join(dir, 'small.jsonl');
    writeFileSync(small, '{"msg":"one line"}\n');
    for (const argv of [['replay', big], ['watch', big, '--summary'], ['replay', small, '--summary'], ['replay', '--summary', join(dir, 'missing.jsonl')]]) {
      startScanThreadEarly(['node', 'incident', ...argv], code);
      expect(takeEarlyScanThread()).toBeNull();
    }
    startScanThreadEarly(['node', 'incident', 'replay', '--from', '2026-11-22T14:00:00Z', big, '--summary'], code);
    const early = takeEarlyScanThread();
    expect(early).not.toBeNull();
    expect(takeEarlyScanThread()).toBeNull();
    // A thread takes tens of milliseconds to start; once it waits, the memory shared with it says so.
    expect(early?.readyNow()).toBe(false);
    expect(await early?.ready).toBe(true);
    expect(early?.readyNow()).toBe(true);
    await early?.worker.terminate();
  });

  it('is the thread the summary uses, and is ended when no file is split', async () => {
    const big = join(dir, 'odd.jsonl');
    startScanThreadEarly(['node', 'incident', 'replay', big, '--summary'], code);
    const thread = await prestartScanThread([big], null);
    expect(thread).not.toBeNull();
    const acc = new SummaryAccumulator();
    const read = await scanSplit(big, statSync(big).size, acc, { ...options(), workerScript: null }, thread as ScanThread);
    thread?.close();
    expect(JSON.parse(JSON.stringify(buildSummaryReport(acc, [read])))).toEqual(await plainReport(big));
    startScanThreadEarly(['node', 'incident', 'replay', big, '--summary'], code);
    // Peeked at before the summary takes it, to see it end.
    const early = takeEarlyScanThread();
    const ended = new Promise((resolve) => early?.worker.once('exit', resolve));
    (globalThis as Record<symbol, unknown>)[Symbol.for('incident.early-scan-thread')] = early;
    expect(await prestartScanThread([join(dir, 'small.jsonl')], code)).toBeNull();
    await ended;
  });
});
