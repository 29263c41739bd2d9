// The program travels in a block comment of the built file, so the build writes each "*/" in it another way that
// means the same; the launcher then compiles a slice of its own source, uncopied.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withoutCommentEnd } from '../../scripts/comment-safe.mjs';
import { BIN } from '../helpers/cli.js';

const run = (code: string): unknown => {
  const module = { exports: null as unknown };
  new Function('module', code)(module);
  return module.exports;
};

describe('withoutCommentEnd', () => {
  it('rewrites "*/" in strings, templates, regular expressions and between tokens, and the code does the same', () => {
    const code = [
      'var a="*/*",q=\'x*/y\',b=/^Unexpected end of JSON.*/i,c=/[*/]/g,d=`a*/b${1}c*/`,e=2*/3/.lastIndex,f=/a\\*/,g=/([?&])(start|end)=[^&]*/g;',
      'module.exports=[a,q,b.test("unexpected end of JSON input"),"x/y*".replace(c,"-"),d,e,f.test("a*"),"?start=1&end=2".replace(g,"$1$2=")];',
    ].join('');
    const out = withoutCommentEnd(code);
    expect(out).not.toContain('*/');
    expect(out).toBe(code
      .replace('"*/*"', '"*\\/*"').replace("'x*/y'", "'x*\\/y'").replace('JSON.*/i', 'JSON.*(?:)/i').replace('[*/]', '[*\\/]')
      .replace('`a*/b${1}c*/`', '`a*\\/b${1}c*\\/`').replace('2*/3/', '2* /3/').replace('/a\\*/', '/a\\*(?:)/').replace('[^&]*/g', '[^&]*(?:)/g'));
    expect(run(out)).toEqual(run(code));
    expect(run(out)).toEqual(['*/*', 'x*/y', true, 'x-y-', 'a*/b1c*/', 0, true, '?start=&end=']);
  });

  it('leaves code without "*/" alone, and stops at a tagged template, whose raw text would change', () => {
    expect(withoutCommentEnd('var a=1/2*3;')).toBe('var a=1/2*3;');
    expect(() => withoutCommentEnd('var t=String.raw`a*/b`;')).toThrow(/tagged template/);
  });

  it('leaves no "*/" in the built program, and no NUL either', () => {
    const built = readFileSync(BIN, 'latin1');
    const program = built.slice(built.indexOf('/*incident-program-follows\n') + 27, built.lastIndexOf('*/'));
    expect(program.length).toBeGreaterThan(1_000_000);
    expect(program).not.toContain('*/');
    expect(program).not.toContain('\0');
  });
});
