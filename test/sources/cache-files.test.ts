import { mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pruneCache } from '../../src/sources/cache-files.js';

describe('pruneCache', () => {
  it('keeps the newest files of a prefix and leaves other files and files being written alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'incident-prune-'));
    for (let i = 0; i < 6; i++) {
      const f = join(dir, `code-${i}.bin`);
      writeFileSync(f, 'x');
      utimesSync(f, 1_000 + i, 1_000 + i);
    }
    writeFileSync(join(dir, 'code-9.bin.123.tmp'), 'x');
    writeFileSync(join(dir, 'first-a.url'), 'x');
    pruneCache(dir, 'code-', 2);
    expect(readdirSync(dir).sort()).toEqual(['code-4.bin', 'code-5.bin', 'code-9.bin.123.tmp', 'first-a.url']);
    pruneCache(join(dir, 'missing'), 'code-', 2);
  });
});
