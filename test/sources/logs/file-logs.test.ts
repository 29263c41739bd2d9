import { appendFileSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GlobLogsSource, fileLogs } from '../../../src/sources/logs/file-logs.js';
import { TailFileSource } from '../../../src/sources/logs/tail-file.js';
import { Collected, plainParse } from '../collect-events.js';

let dir: string;
let running: Array<{ stop(): Promise<void> }> = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'incident-files-'));
});
afterEach(async () => {
  for (const s of running) await s.stop();
  running = [];
  rmSync(dir, { recursive: true, force: true });
});

function glob(pattern: string): { src: GlobLogsSource; c: Collected; settle: () => Promise<void> } {
  const c = new Collected();
  const src = fileLogs({ pattern, parse: plainParse, rescanMs: 3_600_000, pollMs: 3_600_000, watch: false, drainGraceMs: 0, backfillLines: 2 });
  if (!(src instanceof GlobLogsSource)) throw new Error('expected a glob source');
  running.push(src);
  src.start(c.emit);
  const settle = async () => {
    await src.rescan();
    for (const s of src.sources()) await s.checkNow();
  };
  return { src, c, settle };
}

const linesOf = (c: Collected, source: string) => c.batches().filter((e) => e.source === source).flatMap((e) => e.lines.map((l) => l.raw));

describe('fileLogs', () => {
  it('returns a plain file follower for a path without glob characters', () => {
    expect(fileLogs({ pattern: join(dir, 'app.log'), parse: plainParse })).toBeInstanceOf(TailFileSource);
  });

  it('follows every matching file under its own name and picks up new files from their start', async () => {
    writeFileSync(join(dir, 'api.log'), 'a1\na2\na3\n');
    writeFileSync(join(dir, 'worker.log'), 'w1\n');
    const { src, c, settle } = glob(join(dir, '*.log'));
    await settle();
    expect(src.followed().map((f) => f.name)).toEqual(['api.log', 'worker.log']);
    expect(linesOf(c, 'api.log')).toEqual(['a2', 'a3']);
    expect(linesOf(c, 'worker.log')).toEqual(['w1']);
    writeFileSync(join(dir, 'new.log'), 'n1\nn2\nn3\n');
    await settle();
    expect(linesOf(c, 'new.log')).toEqual(['n1', 'n2', 'n3']);
    expect(c.statuses().filter((s) => s.source === join(dir, '*.log')).at(-1)?.state).toBe('up');
  });

  it('does not read a rotated file again when the glob also matches its new name', async () => {
    const path = join(dir, 'app.log');
    writeFileSync(path, 'one\n');
    const { src, c, settle } = glob(join(dir, 'app.log*'));
    await settle();
    renameSync(path, `${path}.1`);
    writeFileSync(path, 'two\n');
    await settle();
    await settle();
    appendFileSync(`${path}.1`, 'late\n');
    await settle();
    expect(src.followed().map((f) => f.name).sort()).toEqual(['app.log', 'app.log.1']);
    expect(c.lines().sort()).toEqual(['late', 'one', 'two']);
  });

  it('says when nothing matches yet', async () => {
    const { c, settle } = glob(join(dir, '*.log'));
    await settle();
    expect(c.lastStatus()).toMatchObject({ state: 'connecting', error: `no file matches ${join(dir, '*.log')} yet; looking again` });
  });
});
