import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadScript } from '../../helpers/thread-script.js';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LogLine } from '../../../src/model/logs/log-line.js';
import { makeLineParser } from '../../../src/model/logs/log-parse.js';
import { finishLine, LineSplitter } from '../../../src/sources/logs/line-splitter.js';
import { packBlock, parseBlock, parseThread, parseThreadRunning, recordLines, useLineParseThread } from '../../../src/sources/logs/parse-thread.js';
import { blockChurn } from '../../../src/sources/logs/ordered-lines.js';
import { TailFileSource, THREAD_BACKLOG_BYTES } from '../../../src/sources/logs/tail-file.js';
import { asWritten, readEvery } from '../../model/logs/line-fields.js';
import { TRICKY } from '../../model/logs/tricky-json-lines.js';
import { Collected } from '../collect-events.js';

const NOW = Date.parse('2026-11-22T14:40:00Z');
/** Time stands still, so lines without a time of their own get the same one on either thread. */
const still = { now: () => NOW, setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms), clearTimeout: (t: unknown) => clearTimeout(t as NodeJS.Timeout) };

let code = '';
let dir = '';

beforeAll(async () => {
  code = await threadScript('sources/logs/line-parse-worker.ts');
  dir = mkdtempSync(join(tmpdir(), 'incident-parse-thread-'));
});

afterEach(() => useLineParseThread(null));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** About 2.3 MB of every kind of line: JSON (the tricky ones), logfmt, plain, CRLF, broken UTF-8, and a line to cut. */
function mixedFile(): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; i < 40_000; i++) {
    const k = i % 8;
    if (k < 4) parts.push(Buffer.from(`${TRICKY[i % TRICKY.length]}\n`));
    else if (k === 4) parts.push(Buffer.from(`time=2026-11-22T14:32:0${i % 10}Z level=warn msg="slow ${i}" pod=p-${i % 3}\r\n`));
    else if (k === 5) parts.push(Buffer.from(`2026-11-22 14:32:04,123 ERROR payment ${i} failed é ✓\n`));
    else if (k === 6) parts.push(Buffer.concat([Buffer.from(`{"msg":"bad bytes ${i} `), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}\n')]));
    else parts.push(Buffer.from(`{"ts":"2026-11-22T14:32:04.${String(i % 1000).padStart(3, '0')}Z","level":"info","msg":"request ${i}"}\n`));
    if (i === 9000) parts.push(Buffer.from(`{"msg":"${'x'.repeat(70_000)}"}\n`));
  }
  return Buffer.concat(parts);
}

/** The lines as one thread reads them: the same splitter, each line parsed where it is read. */
function expectedLines(bytes: Buffer, name: string): LogLine[] {
  const parse = makeLineParser();
  const out: LogLine[] = [];
  const splitter = new LineSplitter();
  splitter.push(bytes, (text) => out.push(parse(text, name, NOW)));
  // An unfinished last line is handed over when the source stops.
  const rest = splitter.flush();
  if (rest !== null) out.push(parse(rest, name, NOW));
  return out;
}

/** The same lines, read field by field and as a recording writes them. */
function expectSame(got: LogLine[], expected: LogLine[]): void {
  expect(got.length).toBe(expected.length);
  expect(got.map(readEvery)).toStrictEqual(expected.map(readEvery));
  expect(got.map(asWritten)).toStrictEqual(expected);
}

async function follow(path: string): Promise<LogLine[]> {
  const c = new Collected();
  const src = new TailFileSource({ path, parse: makeLineParser(), startAt: 'start', clock: still, pollMs: 3_600_000, watch: false, idleFlushMs: 3_600_000 });
  src.start(c.emit);
  await src.checkNow();
  await src.stop();
  return c.batches().flatMap((e) => e.lines);
}

describe('parseBlock', () => {
  it('decodes a block at once into the same lines as decoding each line: 20,000 random blocks of UTF-8 edge bytes', () => {
    const edge = [0x0a, 0x0a, 0x0d, 0x41, 0x7f, 0x80, 0xbf, 0xc0, 0xc1, 0xc2, 0xc3, 0xa9, 0xdf, 0xe0, 0xed, 0xa0, 0xef, 0xbb, 0xf0, 0xf4, 0x8f, 0x90, 0xf5, 0xff, 0x00];
    let seed = 7;
    const rand = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    const asText = (raw: string, source: string, at: number): LogLine => ({ at, timed: false, level: 'unknown', source, message: raw, raw });
    for (let k = 0; k < 20_000; k++) {
      const bytes = Buffer.from(Array.from({ length: 2 + rand(40) }, () => (rand(3) === 0 ? rand(256) : edge[rand(edge.length)])));
      bytes[bytes.length - 1] = 0x0a;
      const one: string[] = [];
      for (let start = 0; start < bytes.length; ) {
        const nl = bytes.indexOf(10, start);
        one.push(finishLine(bytes.toString('utf8', start, nl)));
        start = nl + 1;
      }
      expect(parseBlock(bytes, asText, 's', 0).map((l) => l.raw)).toEqual(one);
    }
  });
});

describe('packBlock', () => {
  const parse = makeLineParser();
  const ASCII = [TRICKY[0], '{"msg":"escaped \\"quote\\""}', 'time=2026-11-22T14:32:04Z level=warn msg="slow" pod=p-2', 'plain text', ''];
  const pack = (text: string, copy: boolean) => {
    const bytes = Buffer.from(text);
    const lines = parseBlock(bytes, parse, 'a.log', NOW);
    return { bytes, lines, rec: packBlock(bytes, lines, copy) };
  };

  it('keeps an ASCII block as its own bytes (or a copy of them) and reads every line as parsed', () => {
    const own = pack(`${ASCII.join('\n')}\n`, false);
    const copied = pack(`${ASCII.join('\n')}\n`, true);
    expect(own.rec.text).toBe('');
    expect(copied.rec.text).toBe('');
    expectSame(recordLines(structuredClone(own.rec), 'a.log'), own.lines);
    expectSame(recordLines(copied.rec, 'a.log'), copied.lines);
    // The block read over: the copy keeps the lines, the block's own bytes are the text.
    own.bytes.fill(0x78);
    copied.bytes.fill(0x78);
    expectSame(recordLines(copied.rec, 'a.log'), copied.lines);
    expect(recordLines(own.rec, 'a.log')[3].raw).toBe('xxxxxxxxxx');
  });

  it('keeps the lines of a CRLF block (without their CR) as bytes, and a block with other characters as text', () => {
    const crlf = pack(`${ASCII.join('\r\n')}\r\n`, false);
    expect(crlf.rec.bytes?.length).toBe(ASCII.join('\n').length);
    expect(crlf.lines.map((l) => l.raw)).toEqual(ASCII);
    expectSame(recordLines(crlf.rec, 'a.log'), crlf.lines);
    const wide = pack(`${[...ASCII, '{"msg":"é ✓ 😀"}'].join('\n')}\n`, false);
    expect(wide.rec.bytes).toBeUndefined();
    expect(wide.rec.text.length).toBeGreaterThan(100);
    expectSame(recordLines(structuredClone(wide.rec), 'a.log'), wide.lines);
  });
});

describe('parse thread', () => {
  it('gives the same lines as parsing on one thread for a burst of ASCII JSON lines, whose text it sends as bytes', async () => {
    const line = (i: number) => `{"ts":"2026-11-22T14:32:04.${String(i % 1000).padStart(3, '0')}Z","level":"${i % 9 ? 'info' : 'error'}","service":"payments","pod":"p-${i % 4}","status":${i % 9 ? 200 : 503},"latency_ms":${i % 700},"msg":"request ${i}"}\n`;
    const bytes = Buffer.from(Array.from({ length: 30_000 }, (_, i) => line(i)).join(''));
    const path = join(dir, 'ascii.log');
    writeFileSync(path, bytes);
    useLineParseThread(code);
    const got = await follow(path);
    expect(parseThread()?.jobs).toBeGreaterThanOrEqual(2);
    expectSame(got, expectedLines(bytes, 'ascii.log'));
  });

  it('sends back where the fields of ASCII lines are, and the lines read their text from the bytes it was given', async () => {
    const text = Array.from({ length: 2000 }, (_, i) => `{"ts":"2026-11-22T14:32:04.123Z","level":"warn","pod":"p-${i % 3}","msg":"slow ${i}"}\n`).join('');
    useLineParseThread(code);
    const sent = Buffer.from(text);
    const rec = await parseThread()!.parse(sent, 'a.log', NOW, {});
    expect(rec.bytes?.buffer).toBe(sent.buffer);
    expectSame(recordLines(rec, 'a.log'), expectedLines(Buffer.from(text), 'a.log'));
    // Text that is not ASCII comes back as the thread's own bytes.
    const wide = Buffer.from(text.replace('slow 7"', 'slów 7"'));
    const wideRec = await parseThread()!.parse(wide, 'a.log', NOW, {});
    expect(wideRec.bytes?.buffer).not.toBe(wide.buffer);
    expectSame(recordLines(wideRec, 'a.log'), expectedLines(wide, 'a.log'));
  });

  it('gives the same lines in the same order as parsing on one thread, and is used for large reads', async () => {
    const bytes = mixedFile();
    const path = join(dir, 'mixed.log');
    writeFileSync(path, bytes);
    const expected = expectedLines(bytes, 'mixed.log');
    useLineParseThread(code);
    const checks = blockChurn.checks;
    const got = await follow(path);
    // Both threads parse during a burst; the thread takes a block whenever little is waiting on it.
    expect(parseThread()?.jobs).toBeGreaterThanOrEqual(2);
    expectSame(got, expected);
    // Every packed block is followed by a look at the memory outside the heap (see ChurnCollector): each of the
    // thread's, and those this thread packed while the other was busy.
    expect(blockChurn.checks - checks).toBeGreaterThanOrEqual(parseThread()?.jobs ?? 0);
  });

  it('starts no thread for a file read with less than THREAD_BACKLOG_BYTES unread, and parses it the same', async () => {
    const bytes = mixedFile().subarray(0, THREAD_BACKLOG_BYTES - 100_000);
    const path = join(dir, 'small.log');
    writeFileSync(path, bytes);
    useLineParseThread(code);
    const got = await follow(path);
    expect(parseThreadRunning()).toBe(false);
    expectSame(got, expectedLines(bytes, 'small.log'));
  });

  it('holds the reading back while lines wait behind a thread slow to answer, instead of delivering them all at once', async () => {
    const line = (i: number) => `{"ts":"2026-11-22T14:32:04.123Z","level":"info","msg":"request ${i}"}\n`;
    const bytes = Buffer.from(Array.from({ length: 80_000 }, (_, i) => line(i)).join(''));
    const path = join(dir, 'slow.log');
    writeFileSync(path, bytes);
    // The same thread, answering only after 300 ms: messages sent meanwhile wait on its port.
    useLineParseThread(`setTimeout(() => new Function('require', ${JSON.stringify(code)})(require), 300);`);
    let turn = 0;
    let busiest = 0;
    let inTurn = 0;
    let lastTurn = -1;
    const ticking = setInterval(() => turn++, 1);
    const c = new Collected();
    const src = new TailFileSource({ path, parse: makeLineParser(), startAt: 'start', clock: still, pollMs: 3_600_000, watch: false, idleFlushMs: 3_600_000 });
    src.start((e) => {
      c.emit(e);
      if (e.type !== 'lines') return;
      if (turn !== lastTurn) inTurn = 0;
      lastTurn = turn;
      inTurn += e.lines.length;
      busiest = Math.max(busiest, inTurn);
    });
    await src.checkNow();
    await src.stop();
    clearInterval(ticking);
    expect(c.lines()).toEqual(bytes.toString().trimEnd().split('\n'));
    // At most the lines allowed to wait (20,000) plus what one read and the thread's blocks hold.
    expect(busiest).toBeGreaterThan(1000);
    expect(busiest).toBeLessThan(30_000);
  });

  it('lets nothing the thread prints reach this process\'s output, which the screen owns', async () => {
    const bytes = mixedFile();
    const path = join(dir, 'noisy.log');
    writeFileSync(path, bytes);
    useLineParseThread(`process.stderr.write('noise from the thread\\n'); process.stdout.write('more noise\\n'); new Function('require', ${JSON.stringify(code)})(require);`);
    const seen: string[] = [];
    const spies = [vi.spyOn(process.stderr, 'write'), vi.spyOn(process.stdout, 'write')];
    for (const spy of spies) spy.mockImplementation((chunk: unknown) => (seen.push(String(chunk)), true));
    try {
      const got = await follow(path);
      await new Promise((r) => setTimeout(r, 200));
      expect(parseThread()?.jobs).toBeGreaterThanOrEqual(1);
      expectSame(got, expectedLines(bytes, 'noisy.log'));
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(seen.filter((t) => t.includes('noise'))).toEqual([]);
  });

  it('parses on the main thread when the thread fails, losing nothing, and stops starting threads that keep failing', async () => {
    const bytes = mixedFile();
    const path = join(dir, 'broken.log');
    writeFileSync(path, bytes);
    useLineParseThread('throw new Error("this thread cannot start")');
    const got = await follow(path);
    expectSame(got, expectedLines(bytes, 'broken.log'));
    let starts = 0;
    for (let t = parseThread(); t !== null && starts < 10; t = parseThread()) {
      starts++;
      await t.parse(Buffer.from('x\n'), 's', NOW, {}).catch(() => undefined);
    }
    expect(parseThread()).toBeNull();
    expect(starts).toBeLessThanOrEqual(3);
  });
});
