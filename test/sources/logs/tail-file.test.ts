import { appendFileSync, chmodSync, closeSync, copyFileSync, mkdtempSync, openSync, renameSync, rmSync, truncateSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CUT_MARKER } from '../../../src/sources/logs/line-splitter.js';
import { nodeTailFs, type TailFs } from '../../../src/sources/logs/tail-fs.js';
import { TailFileSource, type TailFileOptions } from '../../../src/sources/logs/tail-file.js';
import { Collected, plainParse, waitFor } from '../collect-events.js';

let dir: string;
let running: TailFileSource[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'incident-tail-'));
});

afterEach(async () => {
  for (const s of running) await s.stop();
  running = [];
  rmSync(dir, { recursive: true, force: true });
});

/** A source checked only when the test calls checkNow(), so the order of writes and checks is exact. */
function manual(path: string, extra: Partial<TailFileOptions> = {}): { src: TailFileSource; c: Collected } {
  const c = new Collected();
  const src = new TailFileSource({ path, parse: plainParse, pollMs: 3_600_000, watch: false, idleFlushMs: 3_600_000, drainGraceMs: 0, ...extra });
  src.start(c.emit);
  running.push(src);
  return { src, c };
}

function numbered(prefix: string, from: number, to: number): string {
  let out = '';
  for (let i = from; i <= to; i += 1) out += `${prefix}${i}\n`;
  return out;
}

describe('TailFileSource', () => {
  it('starts at the end with the last N lines, then follows new lines', async () => {
    const path = join(dir, 'app.log');
    writeFileSync(path, numbered('old-', 1, 300));
    const { src, c } = manual(path, { backfillLines: 3 });
    await src.checkNow();
    expect(c.lines()).toEqual(['old-298', 'old-299', 'old-300']);
    appendFileSync(path, 'new-1\nnew-2\n');
    await src.checkNow();
    expect(c.lines().slice(3)).toEqual(['new-1', 'new-2']);
    expect(c.lastStatus()?.state).toBe('up');
    expect(c.batches().every((e) => e.source === 'app.log')).toBe(true);
  });

  it('follows rename-and-create rotation without losing lines written to either file', async () => {
    const path = join(dir, 'app.log');
    writeFileSync(path, 'a1\n');
    const { src, c } = manual(path);
    await src.checkNow();
    const writer = openSync(path, 'a');
    writeSync(writer, 'a2\n');
    renameSync(path, `${path}.1`);
    // The writer has not reopened yet: this line lands in the rotated file.
    writeSync(writer, 'a3\n');
    closeSync(writer);
    writeFileSync(path, 'b1\nb2\n');
    await src.checkNow();
    appendFileSync(path, 'b3\n');
    await src.checkNow();
    expect(c.lines()).toEqual(['a1', 'a2', 'a3', 'b1', 'b2', 'b3']);
  });

  it('keeps draining the rotated file while the writer still appends to it', async () => {
    const path = join(dir, 'app.log');
    writeFileSync(path, 'a1\n');
    const { src, c } = manual(path, { drainGraceMs: 3_600_000 });
    await src.checkNow();
    const writer = openSync(path, 'a');
    renameSync(path, `${path}.1`);
    writeFileSync(path, 'b1\n');
    await src.checkNow();
    writeSync(writer, 'a2-late\n');
    closeSync(writer);
    appendFileSync(path, 'b2\n');
    await src.checkNow();
    expect(c.lines()).toEqual(['a1', 'b1', 'a2-late', 'b2']);
    expect(src.identities()).toHaveLength(2);
  });

  it('notices copytruncate and reads the file again from its start', async () => {
    const path = join(dir, 'app.log');
    writeFileSync(path, 'before-1\nbefore-2\n');
    const { src, c } = manual(path);
    await src.checkNow();
    copyFileSync(path, `${path}.1`);
    truncateSync(path, 0);
    await src.checkNow();
    appendFileSync(path, 'after-1\n');
    await src.checkNow();
    expect(c.lines()).toEqual(['before-1', 'before-2', 'after-1']);
  });

  const header = `${'h'.repeat(299)}\n`;
  it.each([
    { name: 'different first bytes', before: 'line-1\nline-2\n', after: 'fresh-1 is longer\nfresh-2 is longer\n' },
    { name: 'same size, different content', before: 'aaaa\nbbbb\n', after: 'cccc\ndddd\n' },
    { name: 'identical first 300 bytes', before: `${header}old\n`, after: `${header}new-1 longer\nnew-2\n` },
  ])('detects a truncation that regrew past the old offset before the next check ($name)', async ({ before, after }) => {
    const path = join(dir, 'app.log');
    writeFileSync(path, before);
    const { src, c } = manual(path);
    await src.checkNow();
    const seen = c.lines().length;
    writeFileSync(path, after);
    await src.checkNow();
    expect(c.lines().slice(seen)).toEqual(after.trimEnd().split('\n'));
  });

  it('waits for a file that does not exist yet and reads it from its start when it appears', async () => {
    const path = join(dir, 'later.log');
    const c = new Collected();
    const src = new TailFileSource({ path, parse: plainParse, pollMs: 5, backfillLines: 1 });
    running.push(src);
    src.start(c.emit);
    await waitFor(() => c.lastStatus()?.state === 'connecting' && /waiting for it to appear/.test(c.lastStatus()?.error ?? ''), 'waiting status');
    writeFileSync(path, 'first\nsecond\n');
    await waitFor(() => c.lines().length === 2, 'two lines');
    expect(c.lines()).toEqual(['first', 'second']);
    await waitFor(() => c.lastStatus()?.state === 'up', 'up');
  });

  it('reports a deleted file as down and follows it again when it is recreated', async () => {
    const path = join(dir, 'app.log');
    writeFileSync(path, 'one\n');
    const { src, c } = manual(path);
    await src.checkNow();
    unlinkSync(path);
    await src.checkNow();
    expect(c.lastStatus()).toMatchObject({ state: 'down', kind: 'file' });
    expect(c.lastStatus()?.error).toMatch(/deleted or moved; waiting for it to reappear/);
    writeFileSync(path, 'two\n');
    await src.checkNow();
    expect(c.lines()).toEqual(['one', 'two']);
    expect(c.lastStatus()?.state).toBe('up');
  });

  it('shows a permission error as the status reason and retries until it clears', async () => {
    const path = join(dir, 'app.log');
    writeFileSync(path, 'secret-free line\n');
    let denied = true;
    const fs: TailFs = {
      open: async (p) => {
        if (denied) throw Object.assign(new Error(`EACCES: permission denied, open '${p}'`), { code: 'EACCES' });
        return nodeTailFs.open(p);
      },
      stat: (p) => nodeTailFs.stat(p),
    };
    const { src, c } = manual(path, { fs });
    await src.checkNow();
    expect(c.lastStatus()).toMatchObject({ state: 'down', error: `${path}: permission denied; retrying` });
    await src.checkNow();
    expect(c.lines()).toEqual([]);
    denied = false;
    await src.checkNow();
    expect(c.lines()).toEqual(['secret-free line']);
    expect(c.lastStatus()?.state).toBe('up');
  });

  it('says degraded with permission denied while a file it has open becomes unreadable, and up once it is readable again', async () => {
    const path = join(dir, 'in-place.log');
    writeFileSync(path, 'one\n');
    let denied = false;
    const fs: TailFs = {
      ...nodeTailFs,
      readable: async (p) => {
        if (denied) throw Object.assign(new Error(`EACCES: permission denied, access '${p}'`), { code: 'EACCES' });
      },
    };
    const { src, c } = manual(path, { fs });
    await src.checkNow();
    expect(c.lastStatus()?.state).toBe('up');
    denied = true;
    appendFileSync(path, 'two\n');
    await src.checkNow();
    expect(c.lastStatus()).toMatchObject({ state: 'degraded', error: `${path}: permission denied; still reading the file opened before` });
    expect(c.lines()).toEqual(['one', 'two']);
    denied = false;
    await src.checkNow();
    expect(c.lastStatus()?.state).toBe('up');
  });

  it('reports chmod 000 on a real file as permission denied', async (ctx) => {
    if (process.getuid?.() === 0) {
      console.log('skipped: running as root, where chmod 000 does not block reads (the injected-open test covers it)');
      ctx.skip();
    }
    const path = join(dir, 'locked.log');
    writeFileSync(path, 'x\n');
    chmodSync(path, 0o000);
    const { src, c } = manual(path);
    await src.checkNow();
    expect(c.lastStatus()?.error).toMatch(/permission denied/);
    chmodSync(path, 0o644);
    await src.checkNow();
    expect(c.lines()).toEqual(['x']);
  });

  it('cuts a 1 MB line, counts it, and keeps reading the lines after it', async () => {
    const path = join(dir, 'big.log');
    writeFileSync(path, '');
    const { src, c } = manual(path);
    await src.checkNow();
    appendFileSync(path, `${'x'.repeat(1024 * 1024)}\nafter\n`);
    await src.checkNow();
    const lines = c.lines();
    expect(lines).toHaveLength(2);
    expect(Buffer.byteLength(lines[0])).toBeLessThan(64 * 1024 + 64);
    expect(lines[0]).toContain(CUT_MARKER);
    expect(lines[1]).toBe('after');
    expect(src.stats()).toEqual({ linesRead: 2, linesCut: 1 });
  });

  it('emits a last line without newline on stop', async () => {
    const path = join(dir, 'app.log');
    writeFileSync(path, '');
    const { src, c } = manual(path);
    await src.checkNow();
    appendFileSync(path, 'done\nunfinished');
    await src.checkNow();
    expect(c.lines()).toEqual(['done']);
    await src.stop();
    expect(c.lines()).toEqual(['done', 'unfinished']);
  });

  it('emits a last line without newline after a short idle period', async () => {
    const path = join(dir, 'app.log');
    writeFileSync(path, '');
    const c = new Collected();
    const src = new TailFileSource({ path, parse: plainParse, pollMs: 5, idleFlushMs: 20, watch: false });
    running.push(src);
    src.start(c.emit);
    await waitFor(() => c.lastStatus()?.state === 'up', 'up');
    appendFileSync(path, 'prompt> ');
    await waitFor(() => c.lines().length === 1, 'the unfinished line');
    expect(c.lines()).toEqual(['prompt> ']);
  });

  it('decodes invalid UTF-8 with replacement characters and keeps NUL bytes', async () => {
    const path = join(dir, 'bin.log');
    writeFileSync(path, '');
    const { src, c } = manual(path);
    await src.checkNow();
    appendFileSync(path, Buffer.from([0x61, 0xff, 0x62, 0x0a, 0x00, 0x63, 0x0a]));
    await src.checkNow();
    expect(c.lines()).toEqual(['a\ufffdb', '\u0000c']);
  });

  it('batches many lines into few events', async () => {
    const path = join(dir, 'busy.log');
    writeFileSync(path, '');
    const { src, c } = manual(path, { batchLines: 512 });
    await src.checkNow();
    appendFileSync(path, numbered('l', 1, 2000));
    await src.checkNow();
    expect(c.lines()).toHaveLength(2000);
    expect(c.batches().length).toBeLessThanOrEqual(4);
  });
});
