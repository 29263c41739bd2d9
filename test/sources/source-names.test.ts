import { describe, expect, it } from 'vitest';
import { assignSourceNames } from '../../src/sources/source-names.js';

describe('assignSourceNames', () => {
  it.each([
    { name: 'distinct base names', paths: ['/var/log/a.log', '/var/log/b.log'], taken: {}, want: ['a.log', 'b.log'] },
    { name: 'same base name in two folders', paths: ['/srv/one/app.log', '/srv/two/app.log'], taken: {}, want: ['one/app.log', 'two/app.log'] },
    { name: 'a later file never renames an existing one', paths: ['/srv/two/app.log'], taken: { 'app.log': '/srv/one/app.log' }, want: ['two/app.log'] },
    { name: 'one path is a suffix of another', paths: ['/x/app.log', '/y/x/app.log'], taken: {}, want: ['/x/app.log', 'y/x/app.log'] },
  ])('$name', ({ paths, taken, want }) => {
    const got = assignSourceNames(paths, new Map(Object.entries(taken)));
    expect(paths.map((p) => got.get(p))).toEqual(want);
  });
});
