// Scans archived log files into summary totals; a large plain file is split in two at a line start and the second
// half is scanned on a worker thread (gzip cannot be split, so it is read on the calling thread).
import { stat } from 'node:fs/promises';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { SummaryAccumulator, type TimeBounds } from '../model/summary-accumulator.js';
import type { FieldRole } from '../model/summary-fields.js';
import { mergeTotals, type SummaryTotals } from '../model/summary-merge.js';
import { SummaryScanner } from '../model/summary-scan.js';
import { isGzipFile, lineStartAfter, readArchive, textBefore, type ArchiveReadResult, type ByteRange } from './archive-reader.js';

/** Tag in workerData that marks a thread started to scan an archive range. */
export const SCAN_WORKER_TAG = 'incident-archive-scan';
/** Plain files smaller than this (bytes) are not worth a thread. */
export const SPLIT_MIN_BYTES = 16 << 20;

/** How to scan. */
export interface ArchiveScanOptions {
  fields: Record<FieldRole, string[]>;
  /** Deploy pattern as source and flags (a RegExp does not cross threads), or null. */
  deploy: { source: string; flags: string } | null;
  bounds: TimeBounds;
  /** Script a worker thread runs (the bundled program, which hands over to runArchiveScanWorker); null scans on this thread only. */
  workerScript: URL | null;
}

/** Totals over every file and what each read reached. */
export interface ArchiveScanResult {
  acc: SummaryAccumulator;
  files: ArchiveReadResult[];
}

interface WorkerJob {
  tag: typeof SCAN_WORKER_TAG;
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

/** True when this thread was started by scanArchives; the program entry then calls runArchiveScanWorker instead of the CLI. */
export const isArchiveScanWorker = (): boolean => !isMainThread && (workerData as WorkerJob | undefined)?.tag === SCAN_WORKER_TAG;

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

function runWorker(script: URL, job: WorkerJob): Promise<WorkerReply> {
  return new Promise((resolve) => {
    const worker = new Worker(script, { workerData: job, stdout: true, stderr: false });
    let reply: WorkerReply | null = null;
    worker.once('message', (m: WorkerReply) => (reply = m));
    worker.once('error', (err) => (reply ??= { ok: false, message: err.message }));
    worker.once('exit', () => resolve(reply ?? { ok: false, message: 'scan thread ended without an answer' }));
  });
}

async function scanSplit(path: string, size: number, acc: SummaryAccumulator, opts: ArchiveScanOptions, script: URL): Promise<ArchiveReadResult> {
  const split = await lineStartAfter(path, Math.floor(size / 2));
  const seed = new SummaryAccumulator();
  scannerFor(seed, opts).scan(await textBefore(path, split));
  const job: WorkerJob = { tag: SCAN_WORKER_TAG, path, range: { start: split, end: size }, startAt: seed.inheritedAt, opts: { fields: opts.fields, deploy: opts.deploy, bounds: opts.bounds } };
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
