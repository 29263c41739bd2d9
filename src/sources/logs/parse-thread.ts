// One worker thread, shared by every followed file, that splits, decodes and parses large blocks of log lines and
// sends them back packed; started at the first large block, ended after a quiet spell.
import { isAscii } from 'node:buffer';
import type { Worker } from 'node:worker_threads';
import { type LineRecords, type LineText, packedLines, packLines } from '../../model/logs/line-records.js';
import type { LogLine } from '../../model/logs/log-line.js';
import { BlockLines } from '../../model/logs/json-block-lines.js';
import { type LineFields, type LineParser, makeLineParser } from '../../model/logs/log-parse.js';
import { finishLine } from './line-splitter.js';

/** One block of whole lines (each ends with a newline) to parse as read by `source` at `readAt` (epoch ms). */
export interface ParseJob {
  id: number;
  bytes: Uint8Array;
  source: string;
  readAt: number;
  fields: LineFields;
}

/** `ownText`: the records' text is the first `ownText` bytes of the job's own, which the caller still has (not sent back). */
type ParseReply = { id: number; records: LineRecords; ownText?: number } | { id: number; error: string };

/**
 * Splits, decodes and parses a block of whole lines exactly as the splitter and the parser do one line at a time
 * (`wasm` false: never by BlockLines, for comparing).
 * The block is decoded once and each line is a slice of it: a newline byte never belongs to a UTF-8 sequence, so
 * the text, and every replacement character, comes out the same as decoding each line on its own.
 */
export function parseBlock(bytes: Buffer, parse: LineParser, source: string, readAt: number, wasm = true): LogLine[] {
  // ASCII whole lines without a carriage return (nearly every log) are read by WebAssembly where it can.
  if (wasm && bytes.length > 0 && bytes[bytes.length - 1] === 10 && isAscii(bytes) && bytes.indexOf(13) < 0) {
    const lines = BlockLines.for(parse)?.lines(bytes, parse, source, readAt);
    if (lines) return lines;
  }
  const lines: LogLine[] = [];
  const text = bytes.toString('utf8');
  for (let start = 0; start < text.length; ) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    lines.push(parse(finishLine(text.slice(start, end)), source, readAt));
    start = end + 1;
  }
  return lines;
}

/**
 * Packs the lines parseBlock made of `bytes`. Their text is kept as bytes, outside the JS heap, when it is ASCII (what
 * nearly every log is): memory the garbage collector frees with the block and never copies from one generation to the
 * next. ASCII lines without a carriage return are their bytes exactly, so the block's own bytes are the text (a copy
 * of them when `copy`, for bytes that are about to be read over).
 */
export function packBlock(bytes: Buffer, lines: readonly LogLine[], copy: boolean): LineRecords {
  if (bytes.length > 0 && isAscii(bytes) && bytes.indexOf(13) < 0) {
    const text = bytes.subarray(0, bytes.length - 1);
    return { ...packLines(lines, false), bytes: copy ? Buffer.from(text) : text };
  }
  const rec = packLines(lines);
  if (Buffer.byteLength(rec.text, 'utf8') !== rec.text.length) return rec;
  // Never a slice of Node's shared pool: the thread hands these bytes over, and the pool must stay where it is.
  const own = Buffer.allocUnsafeSlow(rec.text.length);
  own.write(rec.text, 'latin1');
  return { ...rec, text: '', bytes: own };
}

/** The lines of packed records as LogLines that read their fields from the records, as `source` read them. */
export function recordLines(rec: LineRecords, source: string): LogLine[] {
  if (rec.bytes === undefined) return packedLines(rec, source);
  const bytes = Buffer.from(rec.bytes.buffer, rec.bytes.byteOffset, rec.bytes.byteLength);
  const chars: LineText = { slice: (start, end) => bytes.toString('latin1', start, end) };
  return packedLines(rec, source, chars);
}

/** Body of the parse thread: answers every job with its lines packed. */
export function runLineParseWorker(): void {
  const parsers = new Map<string, LineParser>();
  const { parentPort } = process.getBuiltinModule('node:worker_threads');
  parentPort?.on('message', (job: ParseJob) => {
    try {
      const key = JSON.stringify(job.fields);
      let parse = parsers.get(key);
      if (!parse) parsers.set(key, (parse = makeLineParser(job.fields)));
      const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
      const records = packBlock(bytes, parseBlock(bytes, parse, job.source, job.readAt), false);
      const moved = [records.nums.buffer as ArrayBuffer, records.refs.buffer as ArrayBuffer];
      // ASCII lines are the job's bytes themselves, which the caller kept: only where the lines' fields are goes back.
      // Every block then has one copy of its bytes in the caller's memory, not two (the one sent and the one returned).
      const own = records.bytes?.buffer === job.bytes.buffer ? records.bytes.byteLength : undefined;
      if (own !== undefined) delete records.bytes;
      else if (records.bytes) moved.push(records.bytes.buffer as ArrayBuffer);
      parentPort?.postMessage({ id: job.id, records, ownText: own } satisfies ParseReply, moved);
    } catch (err) {
      parentPort?.postMessage({ id: job.id, error: String((err as Error)?.message ?? err) } satisfies ParseReply);
    }
  });
}

/** How long the thread stays up with nothing to do, in milliseconds. */
const IDLE_END_MS = 10_000;

/** Young generation of the parse thread, in MB. */
const YOUNG_MB = 8;

/** Threads that failed (not ended for being idle) before lines are parsed on the main thread only. */
const MAX_FAILURES = 3;

let workerScript: string | null = null;
let shared: ParseThread | null = null;
let failures = 0;

/** Gives the code of the parse thread (line-parse-worker.ts built into a script); null parses on this thread only. */
export function useLineParseThread(code: string | null): void {
  workerScript = code;
  failures = 0;
  shared?.end();
  shared = null;
}

/** True when blocks may go to a parse thread: the program has one and it has not kept failing. Starts nothing. */
export function parseThreadAvailable(): boolean {
  return workerScript !== null && failures < MAX_FAILURES;
}

/** True while a parse thread is up. */
export function parseThreadRunning(): boolean {
  return shared !== null && !shared.broken;
}

/** The shared parse thread, started now if it is not running; null when the program has none or it keeps failing. */
export function parseThread(): ParseThread | null {
  if (workerScript === null) return null;
  if (shared?.broken) {
    if (shared.failed) failures += 1;
    shared = null;
  }
  if (failures >= MAX_FAILURES) return null;
  shared ??= new ParseThread(workerScript);
  return shared;
}

/** A worker thread taking parse jobs, one at a time in the order they went out. */
export class ParseThread {
  /** True once the thread cannot take jobs: it failed, or it was ended. */
  broken = false;
  /** True when it ended by failing (an error, or an exit nobody asked for). */
  failed = false;
  /** Blocks sent to the thread since it started. */
  jobs = 0;
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { bytes: Uint8Array; resolve: (r: LineRecords) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(code: string) {
    // Everything the thread makes is dropped once posted: a small young generation is enough and keeps its memory low.
    this.worker = new (process.getBuiltinModule('node:worker_threads').Worker)(code, { eval: true, stdout: true, stderr: true, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB } });
    // Nothing the thread might print (a runtime warning) may reach the terminal, which the screen owns.
    this.worker.stdout.resume();
    this.worker.stderr.resume();
    this.worker.unref();
    this.worker.on('message', (m: ParseReply) => this.answer(m));
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', () => this.fail(new Error('the parse thread ended')));
  }

  /**
   * Parses whole lines (a copy of them is sent); rejects when the thread fails, so the caller can parse them itself.
   * The records may read their text from `bytes`, which must not be written to afterwards.
   */
  parse(bytes: Uint8Array, source: string, readAt: number, fields: LineFields): Promise<LineRecords> {
    if (this.broken) return Promise.reject(new Error('the parse thread ended'));
    const id = this.nextId++;
    this.jobs += 1;
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    // Working, the thread keeps the program alive until its answers are in; idle, it must not.
    if (this.waiting.size === 0) this.worker.ref();
    return new Promise<LineRecords>((resolve, reject) => {
      this.waiting.set(id, { bytes, resolve, reject });
      this.worker.postMessage({ id, bytes, source, readAt, fields } satisfies ParseJob);
    });
  }

  private answer(m: ParseReply): void {
    const w = this.waiting.get(m.id);
    if (!w) return;
    this.waiting.delete(m.id);
    if ('records' in m) w.resolve(m.ownText === undefined ? m.records : { ...m.records, bytes: w.bytes.subarray(0, m.ownText) });
    else w.reject(new Error(m.error));
    if (this.waiting.size === 0) this.idle();
  }

  private idle(): void {
    this.worker.unref();
    this.idleTimer = setTimeout(() => {
      if (this.waiting.size === 0) this.end();
    }, IDLE_END_MS);
    this.idleTimer.unref();
  }

  /** Ends the thread; jobs still out are answered with an error (their lines are then parsed by the caller). */
  end(): void {
    if (this.broken) return;
    this.broken = true;
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    void this.worker.terminate();
    this.fail(new Error('the parse thread was ended'));
  }

  private fail(err: Error): void {
    if (!this.broken) this.failed = true;
    this.broken = true;
    for (const w of this.waiting.values()) w.reject(err);
    this.waiting.clear();
  }
}
