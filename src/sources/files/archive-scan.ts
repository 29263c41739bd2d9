// Scans archived log files into summary totals; a large plain file is split in two at a line start and the second
// part is scanned on a worker thread (gzip cannot be split, so it is read on the calling thread). The calling thread,
// once through its own part, takes the back half of what the worker has not read yet, again and again, so that both
// finish together however the lines' cost is spread over the file.
import { statSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { SummaryAccumulator, type TimeBounds } from '../../model/summary/summary-accumulator.js';
import type { FieldRole } from '../../model/summary/summary-fields.js';
import { mergeTotals, type SummaryTotals } from '../../model/summary/summary-merge.js';
import { SummaryScanner } from '../../model/summary/summary-scan.js';
import { compileScannerAhead } from '../../model/summary/summary-json-wasm.js';
import { bytesBefore, CHUNK_BYTES, isGzipRegularFile, lineStartAfter, readArchive, type ArchiveReadResult, type ByteRange, type ByteSink } from './archive-reader.js';
import { SharedRange } from './shared-range.js';
import { markReady, READY, SPLIT_MIN_BYTES, startScanWorker, takeEarlyScanThread, type StartedWorker } from './scan-thread-start.js';

export { SPLIT_MIN_BYTES };

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
  /** A SharedRange's memory: from a line start to the end of the file, its tail maybe taken back while read. */
  range: SharedArrayBuffer;
  opts: Omit<ArchiveScanOptions, 'workerScript'>;
}

/** The range's totals; `unseeded` when no time was found close enough before it (the range is then left to the caller). */
type WorkerReply =
  | { ok: true; totals: SummaryTotals; result: ArchiveReadResult }
  | { ok: true; unseeded: true }
  | { ok: false; message: string };

const scannerFor = (acc: SummaryAccumulator, opts: Omit<ArchiveScanOptions, 'workerScript'>) =>
  new SummaryScanner(acc, { fields: opts.fields, deployPattern: opts.deploy ? new RegExp(opts.deploy.source, opts.deploy.flags) : null });

/** The reader's sink for a scanner: pieces as bytes, scanned without decoding what the summary does not keep. */
const sinkFor = (scanner: SummaryScanner): ByteSink => ({ bytes: (buf, start, end) => scanner.scanBytes(buf, start, end) });

/** The totals to post to the main thread, with the latency sample buffers to transfer rather than copy. */
function totalsOf(acc: SummaryAccumulator): { totals: SummaryTotals; transfer: ArrayBuffer[] } {
  const { lines, untimed, outside, malformedJson, firstAt, lastAt, levels, services, errorMessages, podErrors, deploys } = acc;
  const transfer: ArrayBuffer[] = [];
  for (const svc of services.values()) for (const b of svc.minutes.values()) transfer.push(b.latencies.data.buffer as ArrayBuffer);
  return { totals: { lines, untimed, outside, malformedJson, firstAt, lastAt, levels, services, errorMessages, podErrors, deploys }, transfer };
}

/**
 * Body of a scan thread: waits for its job, finds the time the range's first lines inherit, scans the range and posts
 * the totals back.
 */
export function runArchiveScanWorker(): void {
  const { parentPort, workerData } = process.getBuiltinModule('node:worker_threads');
  // The scanner's modules are compiled while the thread waits for its job.
  compileScannerAhead();
  markReady(workerData);
  parentPort?.postMessage(READY);
  parentPort?.once('message', async (job: WorkerJob) => {
    try {
      const range = new SharedRange(job.range);
      const startAt = inheritedTimeAt(job.path, range.start, job.opts);
      if (startAt === null) {
        parentPort?.postMessage({ ok: true, unseeded: true } satisfies WorkerReply);
        return;
      }
      const acc = new SummaryAccumulator(job.opts.bounds, startAt);
      const scanner = scannerFor(acc, job.opts);
      const result = await readArchive(job.path, sinkFor(scanner), range);
      const { totals, transfer } = totalsOf(acc);
      parentPort?.postMessage({ ok: true, totals, result } satisfies WorkerReply, transfer);
    } catch (err) {
      parentPort?.postMessage({ ok: false, message: String((err as Error)?.message ?? err) } satisfies WorkerReply);
    }
  });
}

/** A scan thread started ahead of its job, so that its start-up overlaps the main thread's. */
export class ScanThread {
  private readonly worker: Worker;
  private readonly reply: Promise<WorkerReply>;
  /** Resolves true once the thread has started and waits for its job, false when it failed first. */
  readonly ready: Promise<boolean>;
  /** True once the thread waits for its job (seen without the event loop turning). */
  readonly readyNow: () => boolean;
  private used = false;

  /** A thread from startScanWorker (or the launcher's, from takeEarlyScanThread). */
  constructor(started: StartedWorker) {
    this.worker = started.worker;
    this.ready = started.ready;
    this.readyNow = started.readyNow;
    this.reply = new Promise((resolve) => {
      this.worker.on('message', (m: WorkerReply | typeof READY) => {
        if (m !== READY) resolve(m);
      });
      this.worker.once('error', (err) => resolve({ ok: false, message: err.message }));
      this.worker.once('exit', () => resolve({ ok: false, message: 'scan thread ended without an answer' }));
    });
  }

  /** Starts a thread running `code`. */
  static start(code: string): ScanThread {
    return new ScanThread(startScanWorker(code));
  }

  /** Hands the thread its job; resolves with its answer (the thread is then ended). */
  async run(job: WorkerJob): Promise<WorkerReply> {
    if (this.used) throw new Error('a scan thread takes one job');
    this.used = true;
    // Idle, the thread must not keep the program alive; working, it must, or the program could end before its answer.
    this.worker.ref();
    this.worker.postMessage(job);
    const reply = await this.reply;
    void this.worker.terminate();
    return reply;
  }

  /** Ends the thread (it may never have had a job, or its job may have been abandoned). */
  close(): void {
    void this.worker.terminate();
  }
}

/** How far back from the split point the second thread looks for the time its leading untimed lines inherit. */
const SEED_MAX_BYTES = 8 << 20;

/**
 * The time the line at `split` inherits if it has none: that of the last timed line before it, looked for in
 * growing windows. NaN when nothing before it is timed; null when no time is within SEED_MAX_BYTES.
 */
export function inheritedTimeAt(path: string, split: number, opts: Omit<ArchiveScanOptions, 'workerScript'>): number | null {
  for (let window = 8 << 10; ; window = Math.min(window * 4, SEED_MAX_BYTES)) {
    const seed = new SummaryAccumulator();
    const before = bytesBefore(path, split, Math.min(window, split));
    scannerFor(seed, opts).scanBytes(before, 0, before.length);
    if (seed.inheritedAt === seed.inheritedAt || window >= split) return seed.inheritedAt;
    if (window >= SEED_MAX_BYTES) return null;
  }
}

/**
 * Share of what is left, when the thread is ready, that this thread keeps. Less than half: should its part be the
 * slower one, nothing would even it out, while the thread's part is evened out by taking its tail (takeTails).
 */
const OWN_SHARE = 0.4;

/**
 * Where the thread's part starts: OWN_SHARE into what is left when the thread is ready (this thread has been scanning
 * while the other started). Null when too little is left to be worth a thread.
 */
function splitPoint(path: string, size: number, mine: ByteRange, scanned: number, share = OWN_SHARE): number | null {
  const left = size - scanned;
  if (left < SPLIT_MIN_BYTES / 2) return null;
  const split = lineStartAfter(path, size - Math.floor(left * (1 - share)));
  // This thread's reads must not have passed it (they run at most a chunk ahead of the scan).
  return split < size && split > (mine.next ?? 0) + CHUNK_BYTES ? split : null;
}

/** Least left in the thread's part that is worth taking half of (about 10 ms of scanning). */
const TAKE_MIN_BYTES = 2 << 20;

/** A tail taken from the thread's part and scanned here: its totals (added after the thread's) and what the read reached. */
interface TakenPart {
  acc: SummaryAccumulator;
  result: ArchiveReadResult;
}

/**
 * Once this thread is through its own part: takes the back half of what the thread has not read yet and scans it,
 * until little is left. Each tail starts at a line start, with the time its leading untimed lines inherit found as
 * the thread finds its own; a tail for which none is found close enough is not taken. Returns the tails, last first.
 */
export async function takeTails(path: string, range: SharedRange, acc: SummaryAccumulator, opts: ArchiveScanOptions, abandoned: () => boolean): Promise<TakenPart[]> {
  const taken: TakenPart[] = [];
  while (!abandoned()) {
    const { next, end } = range.left();
    if (end - next < TAKE_MIN_BYTES) break;
    const from = lineStartAfter(path, next + Math.floor((end - next) / 2));
    if (from >= end) break;
    const startAt = inheritedTimeAt(path, from, opts);
    if (startAt === null) break;
    const to = range.takeTail(from);
    // The thread read past `from` meanwhile: look again at what is left.
    if (to < 0) continue;
    const part = acc.forPart(startAt);
    const result = await readArchive(path, sinkFor(scannerFor(part, opts)), { start: from, end: to });
    taken.push({ acc: part, result });
  }
  return taken;
}

/**
 * Scans a plain file here from its start and, once `thread` is ready, hands it the part after OWN_SHARE of what is
 * left; the thread first finds the time its part's leading untimed lines inherit. When none is found close enough,
 * this thread goes on with that part itself, so that the answer stays the same as a read on one thread. Through its
 * own part, this thread takes tails of the thread's (takeTails); totals are added in file order. A thread that fails
 * leaves its part to this thread.
 */
export async function scanSplit(
  path: string, size: number, acc: SummaryAccumulator, opts: ArchiveScanOptions, thread: ScanThread, share = OWN_SHARE,
): Promise<ArchiveReadResult> {
  const scanner = scannerFor(acc, opts);
  let scannedBytes = 0;
  const mine: ByteRange = { start: 0, end: size };
  // Whether the thread was asked yet, and what it was handed (set by handOver, called from the reader's sink).
  type Given = { range: SharedRange; reply: Promise<WorkerReply> };
  const handed: { asked: boolean; given: Given | null } = { asked: false, given: null };
  const handOver = (): void => {
    handed.asked = true;
    const split = splitPoint(path, size, mine, scannedBytes, share);
    if (split === null) return;
    mine.end = split;
    const range = SharedRange.of(split, size);
    handed.given = { range, reply: thread.run({ path, range: range.memory, opts: { fields: opts.fields, deploy: opts.deploy, bounds: opts.bounds } }) };
  };
  // The thread is handed its part between two pieces, as soon as it is ready; a file read to its end before then is
  // not split.
  const firstDone = await readArchive(path, {
    bytes: (buf, start, end) => {
      if (!handed.asked && thread.readyNow()) handOver();
      scannedBytes += end - start;
      return scanner.scanBytes(buf, start, end);
    },
  }, mine);
  const given = handed.given;
  if (given === null) return firstDone;
  // Once the thread has answered there is no tail to take: it read its part to the end, or failed, or found no time
  // to start from and read nothing (its part is then read below, on this thread, in one go).
  let answered = false;
  void given.reply.then(() => (answered = true));
  const tails = (await takeTails(path, given.range, acc, opts, () => answered)).reverse();
  const reply = await given.reply;
  const split = given.range.start;
  // Unseeded, or failed (its totals are lost with it), the thread's part up to the first tail taken is this thread's
  // to read, right after its own: the summary is the same as a read on one thread.
  const own = !reply.ok || 'unseeded' in reply;
  const rest = own ? await readArchive(path, sinkFor(scanner), { start: split, end: given.range.end }) : reply.result;
  if (!own) mergeTotals(acc, reply.totals);
  const parts = [firstDone, rest];
  for (const t of tails) {
    mergeTotals(acc, t.acc);
    parts.push(t.result);
  }
  return {
    path,
    bytes: parts.reduce((n, p) => n + p.bytes, 0),
    lines: parts.reduce((n, p) => n + p.lines, 0),
    cut: parts.find((p) => p.cut !== null)?.cut ?? null,
    linesCut: parts.reduce((n, p) => n + p.linesCut, 0),
  };
}

/** True when `path` is a plain (not gzip) regular file large enough to split over two threads. */
function splittable(path: string): boolean {
  try {
    const st = statSync(path);
    return st.isFile() && st.size >= SPLIT_MIN_BYTES && !isGzipRegularFile(path);
  } catch {
    return false;
  }
}

/**
 * A scan thread for the first of `paths` that will be split: the one the launcher started, or one started now so that
 * it is ready when the scan gets there. Null (and the launcher's thread ended) when none will be split.
 */
export async function prestartScanThread(paths: string[], code: string | null): Promise<ScanThread | null> {
  const early = takeEarlyScanThread();
  if (code !== null || early !== null) {
    for (const path of paths) if (splittable(path)) return new ScanThread(early ?? startScanWorker(code as string));
  }
  void early?.worker.terminate();
  return null;
}

/**
 * Scans every file in turn into one accumulator; each file's leading untimed lines inherit no time from the previous
 * file. `thread`, if given, is used for the first file that is split (later ones start their own).
 */
export async function scanArchives(paths: string[], opts: ArchiveScanOptions, thread: ScanThread | null = null): Promise<ArchiveScanResult> {
  const acc = new SummaryAccumulator(opts.bounds);
  const files: ArchiveReadResult[] = [];
  let ready = thread;
  try {
    for (const path of paths) {
      acc.startFile();
      if (opts.workerScript && splittable(path)) {
        const t = ready ?? ScanThread.start(opts.workerScript);
        ready = null;
        try {
          files.push(await scanSplit(path, statSync(path).size, acc, opts, t));
        } finally {
          t.close();
        }
        continue;
      }
      const scanner = scannerFor(acc, opts);
      files.push(await readArchive(path, sinkFor(scanner)));
    }
  } finally {
    ready?.close();
  }
  return { acc, files };
}
