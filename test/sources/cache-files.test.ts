import { mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { programIn, pruneCache } from '../../src/sources/cache-files.js';
import { BIN } from '../helpers/cli.js';

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

describe('programIn', () => {
  it('takes the program from the comment in the function after the launcher, as it is', () => {
    // As Function.prototype.toString gives the function the build writes: the program in a comment, with no "*/".
    const fn = 'function incidentProgram(){/*incident-program-follows\nvar a="*\\/*";module.exports=a;*/}';
    expect(programIn(fn, 'incident.mjs')).toBe('var a="*\\/*";module.exports=a;');
    expect(programIn('function incidentProgram(){/*incident-program-follows\nvar b=2;*/}', 'x')).toBe('var b=2;');
    expect(() => programIn('', '/opt/incident.mjs')).toThrow(/\/opt\/incident\.mjs holds no program: build it/);
  });

  it('finds the program in the built launcher, whose code does not hold the marker whole', () => {
    const built = readFileSync(BIN, 'latin1');
    const marker = '/*incident-program-follows\n';
    expect(built.indexOf(marker)).toBe(built.lastIndexOf(marker));
    expect(built).toContain(`\nfunction incidentProgram(){${marker}`);
  });
});
