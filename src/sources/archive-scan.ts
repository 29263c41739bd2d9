// Scans archived log files into summary totals; a large plain file is split in two at a line start and the second
// half is scanned on a worker thread (gzip cannot be split, so it is read on the calling thread).
import { stat } from 'node:fs/promises';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { SummaryAccumulator, type TimeBounds } from '../model/summary-accumulator.js';
import type { FieldRole } from '../model/summary-fields.js';
import { mergeTotals, type SummaryTotals } from '../model/summary-merge.js';
import { SummaryScanner } from '../model/summary-scan.js';
import { isGzipFile, lineStartAfter, readArchive, textBefore, type ArchiveReadResult, type ByteRange } from './archive-reader.js';

/** Plain files smaller than this (bytes) are not worth a thread. */
export const SPLIT_MIN_BYTES = 16 << 20;

/** How to scan. */
export interface ArchiveScanOptions {
  fields: Record<FieldRole, string[]>;
  /** Deploy pattern as source and flags (a RegExp does not cross threads), or null. */
  deploy: { source: string; flags: string } | null;
  bounds: TimeBounds;
  /** Code of the scan thread (archive-scan-worker.ts built into a CommonJS script); null scans on this thread only. */
  workerScript: string | null;
}

/** Totals over every file and what each read reached. */
export interface ArchiveScanResult {
  acc: SummaryAccumulator;
  files: ArchiveReadResult[];
}

interface WorkerJob {
  path: string;
  range: ByteRange;
  startAt: number;
  opts: Omit<ArchiveScanOptions, 'workerScript'>;
}

type WorkerReply = { ok: true; totals: SummaryTotals; result: ArchiveReadResult } | { ok: false; message: string };

const scannerFor = (acc: SummaryAccumulator, opts: Omit<ArchiveScanOptions, 'workerScript'>) =>
  new SummaryScanner(acc, { fields: opts.fields, deployPattern: opts.deploy ? new RegExp(opts.deploy.source, opts.deploy.flags) : null });

function totalsOf(acc: SummaryAccumulator): SummaryTotals {
  const { lines, untimed, outside, malformedJson, firstAt, lastAt, levels, services, errorMessages, podErrors, deploys } = acc;
  return { lines, untimed, outside, malformedJson, firstAt, lastAt, levels, services, errorMessages, podErrors, deploys };
}

/** Body of a scan worker thread: scans its byte range and posts the totals back. */
export async function runArchiveScanWorker(): Promise<void> {
  const job = workerData as WorkerJob;
  try {
    const acc = new SummaryAccumulator(job.opts.bounds, job.startAt);
    const scanner = scannerFor(acc, job.opts);
    const result = await readArchive(job.path, (t) => scanner.scan(t), job.range);
    parentPort?.postMessage({ ok: true, totals: totalsOf(acc), result } satisfies WorkerReply);
  } catch (err) {
    parentPort?.postMessage({ ok: false, message: String((err as Error)?.message ?? err) } satisfies WorkerReply);
  }
}

function runWorker(code: string, job: WorkerJob): Promise<WorkerReply> {
  return new Promise((resolve) => {
    const worker = new Worker(code, { eval: true, workerData: job, stdout: true, stderr: false });
    let reply: WorkerReply | null = null;
    worker.once('message', (m: WorkerReply) => (reply = m));
    worker.once('error', (err) => (reply ??= { ok: false, message: err.message }));
    worker.once('exit', () => resolve(reply ?? { ok: false, message: 'scan thread ended without an answer' }));
  });
}

/** How far back from the split point the second thread looks for the time its leading untimed lines inherit. */
const SEED_MAX_BYTES = 8 << 20;

/**
 * The time the line at `split` inherits if it has none: that of the last timed line before it, looked for in
 * growing windows. NaN when nothing before it is timed; null when no time is within SEED_MAX_BYTES (then the file is
 * not split, so that the answer stays the same as a read on one thread).
 */
async function inheritedTimeAt(path: string, split: number, opts: ArchiveScanOptions): Promise<number | null> {
  for (let window = 64 << 10; ; window *= 4) {
    const seed = new SummaryAccumulator();
    scannerFor(seed, opts).scan(await textBefore(path, split, Math.min(window, split)));
    if (seed.inheritedAt === seed.inheritedAt || window >= split) return seed.inheritedAt;
    if (window >= SEED_MAX_BYTES) return null;
  }
}

async function scanSplit(path: string, size: number, acc: SummaryAccumulator, opts: ArchiveScanOptions, script: string): Promise<ArchiveReadResult> {
  const split = await lineStartAfter(path, Math.floor(size / 2));
  const startAt = await inheritedTimeAt(path, split, opts);
  if (startAt === null) {
    const scanner = scannerFor(acc, opts);
    return readArchive(path, (t) => scanner.scan(t));
  }
  const job: WorkerJob = { path, range: { start: split, end: size }, startAt, opts: { fields: opts.fields, deploy: opts.deploy, bounds: opts.bounds } };
  const second = runWorker(script, job);
  const scanner = scannerFor(acc, opts);
  const first = await readArchive(path, (t) => scanner.scan(t), { start: 0, end: split });
  const reply = await second;
  if (!reply.ok) throw new Error(`${path}: ${reply.message}`);
  mergeTotals(acc, reply.totals);
  return { path, bytes: first.bytes + reply.result.bytes, lines: first.lines + reply.result.lines, cut: first.cut ?? reply.result.cut };
}

/** Scans every file in turn into one accumulator; each file's leading untimed lines inherit no time from the previous file. */
export async function scanArchives(paths: string[], opts: ArchiveScanOptions): Promise<ArchiveScanResult> {
  const acc = new SummaryAccumulator(opts.bounds);
  const files: ArchiveReadResult[] = [];
  for (const path of paths) {
    acc.startFile();
    const st = await stat(path);
    if (opts.workerScript && st.isFile() && st.size >= SPLIT_MIN_BYTES && !(await isGzipFile(path))) {
      files.push(await scanSplit(path, st.size, acc, opts, opts.workerScript));
      continue;
    }
    const scanner = scannerFor(acc, opts);
    files.push(await readArchive(path, (t) => scanner.scan(t)));
  }
  return { acc, files };
}
