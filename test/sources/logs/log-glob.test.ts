import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandGlob, hasGlob, segmentToRegExp } from '../../../src/sources/logs/log-glob.js';

describe('hasGlob', () => {
  it.each([
    ['/var/log/app.log', false],
    ['/var/log/*.log', true],
    ['app-?.log', true],
    ['/logs/**/x.log', true],
    ['literal\\*.log', false],
    ['escaped-backslash\\\\*.log', true],
  ])('%s -> %s', (pattern, want) => {
    expect(hasGlob(pattern)).toBe(want);
  });
});

describe('segmentToRegExp', () => {
  it.each([
    ['*.log', 'app.log', true],
    ['*.log', 'app.log.1', false],
    ['app-?.log', 'app-1.log', true],
    ['app-?.log', 'app-12.log', false],
    ['a.b', 'axb', false],
    ['x\\*y', 'x*y', true],
    ['x\\*y', 'xzy', false],
    ['(x)+', '(x)+', true],
  ])('%s matches %s: %s', (segment, name, want) => {
    expect(segmentToRegExp(segment).test(name)).toBe(want);
  });
});

describe('expandGlob', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'incident-glob-'));
    for (const f of ['a.log', 'b.log', 'c.txt', '.hidden.log', 'svc/one/app.log', 'svc/two/app.log', 'svc/two/deep/x/app.log']) {
      mkdirSync(join(root, f, '..'), { recursive: true });
      writeFileSync(join(root, f), '');
    }
    mkdirSync(join(root, 'dir.log'));
    symlinkSync(join(root, 'a.log'), join(root, 'link.log'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const rel = (paths: string[]) => paths.map((p) => p.slice(root.length + 1));
  it.each([
    { pattern: '*.log', want: ['a.log', 'b.log', 'link.log'] },
    { pattern: '?.log', want: ['a.log', 'b.log'] },
    { pattern: '.*.log', want: ['.hidden.log'] },
    { pattern: 'svc/*/app.log', want: ['svc/one/app.log', 'svc/two/app.log'] },
    { pattern: 'svc/**/app.log', want: ['svc/one/app.log', 'svc/two/app.log', 'svc/two/deep/x/app.log'] },
    { pattern: 'svc/**', want: ['svc/one/app.log', 'svc/two/app.log', 'svc/two/deep/x/app.log'] },
    { pattern: 'nothing/*.log', want: [] },
    { pattern: 'c.txt', want: ['c.txt'] },
  ])('$pattern', async ({ pattern, want }) => {
    expect(rel(await expandGlob(pattern, { cwd: root }))).toEqual(want);
    expect(rel(await expandGlob(join(root, pattern)))).toEqual(want);
  });

  it('stops at the match limit and the ** depth limit', async () => {
    expect(await expandGlob('*.log', { cwd: root, maxMatches: 1 })).toHaveLength(1);
    expect(rel(await expandGlob('svc/**/app.log', { cwd: root, maxDepth: 1 }))).toEqual(['svc/one/app.log', 'svc/two/app.log']);
  });
});
