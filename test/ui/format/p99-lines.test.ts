// The p99 panel folds pods with the same p99, so its rows go to pods that differ.
import { describe, expect, it } from 'vitest';
import { plain } from '../../../src/terminal/styled.js';
import { asciiGlyphs, unicodeGlyphs } from '../../../src/ui/format/glyphs.js';
import { p99Lines } from '../../../src/ui/format/p99-lines.js';

const NOW = 1_795_357_925_000;
const view = (values: Array<[string, number]>) => ({
  source: 'prometheus', origin: 'prometheus', at: NOW,
  series: values.map(([pod, v]) => ({ labels: { pod }, points: [[NOW / 1000, v]] as Array<[number, number]> })),
});
const pods: Array<[string, number]> = [['hot-1', 2.5], ...Array.from({ length: 6 }, (_, i): [string, number] => [`pod-${i}`, 0.25])];
const lines = (selected = -1, rows = 6) => p99Lines({ view: view(pods), sourceDown: false, now: NOW, sloSeconds: 0.5, rows, width: 70, glyphs: asciiGlyphs, labelKey: 'pod', selected }).map(plain);

describe('p99 folding', () => {
  it('folds three or more equal values into the first and a count', () => {
    const l = lines();
    expect(l).toHaveLength(4);
    expect(l[1]).toMatch(/^ {2}hot-1 .* 2\.50s OVER$/);
    expect(l[2]).toMatch(/^ {2}pod-0 .* 250ms$/);
    expect(l[3]).toBe('   +5 more pods at 250ms');
  });

  it('lists every pod while one is being selected', () => {
    expect(lines(2, 10)).toHaveLength(8);
  });
});

describe('p99 rows beside the SLO', () => {
  it('a pod just over and one just under the SLO never read the same, and never fold together', () => {
    const near: Array<[string, number]> = [['a', 0.5004], ['c', 0.5004], ['b', 0.5003], ['d', 0.4996], ['e', 0.4996], ['f', 0.4996]];
    const l = p99Lines({ view: view(near), sourceDown: false, now: NOW, sloSeconds: 0.5, rows: 5, width: 70, glyphs: asciiGlyphs, labelKey: 'pod', selected: -1 }).map(plain);
    expect(l[0]).toMatch(/3 OVER SLO/);
    expect(l[1]).toMatch(/^ {2}a .* 500\.4ms OVER$/);
    expect(l[2]).toMatch(/^ {2}c .* 500\.4ms OVER$/);
    expect(l[3]).toMatch(/^ {2}b .* 500\.3ms OVER$/);
    expect(l[4]).toMatch(/^ {2}d .* 499\.6ms$/);
    expect(l.slice(1).join('\n')).not.toMatch(/ 500ms/);
  });
});

describe('p99 at the SLO itself', () => {
  it('a p99 on the SLO bucket bound, off by a float rounding, is at the SLO, not over it', () => {
    const l = p99Lines({ view: view([['hot', 2.5], ['edge', 0.5000000000000001]]), sourceDown: false, now: NOW, sloSeconds: 0.5, rows: 4, width: 70, glyphs: asciiGlyphs, labelKey: 'pod', selected: -1 }).map(plain);
    expect(l[0]).toMatch(/ 1 OVER SLO /);
    expect(l[2]).toMatch(/^ {2}edge .* 500ms$/);
  });
});

describe('a p99 past the highest bucket', () => {
  const floorView = (values: Array<[string, number, boolean]>) => ({
    ...view([]),
    series: values.map(([pod, v, atLeast]) => ({ labels: { pod }, points: [[NOW / 1000, v]] as Array<[number, number]>, ...(atLeast ? { atLeast: true as const } : {}) })),
  });
  const render = (values: Array<[string, number, boolean]>, glyphs = asciiGlyphs, rows = 6) =>
    p99Lines({ view: floorView(values), sourceDown: false, now: NOW, sloSeconds: 0.5, rows, width: 70, glyphs, labelKey: 'pod', selected: -1 }).map(plain);

  it('reads "at least" in the row, in either set of glyphs, and still counts as over the SLO', () => {
    const values: Array<[string, number, boolean]> = [['hot-1', 2.5, true], ['pod-1', 0.25, false]];
    const ascii = render(values);
    expect(ascii[0]).toMatch(/1 OVER SLO/);
    expect(ascii[1]).toMatch(/^ {2}hot-1 +#+ +>=2\.50s OVER$/);
    expect(ascii[2]).toMatch(/^ {2}pod-1 .* 250ms$/);
    expect(render(values, unicodeGlyphs)[1]).toMatch(/^ {2}hot-1 +█+ +≥2\.50s OVER$/);
  });

  it('never folds a floor together with a pod that really is at that value', () => {
    const l = render([['a', 2.5, true], ['b', 2.5, true], ['c', 2.5, true], ['d', 2.5, false], ['e', 2.5, false], ['f', 2.5, false]], asciiGlyphs, 5);
    expect(l.slice(1)).toEqual([
      expect.stringMatching(/^ {2}a .* >=2\.50s OVER$/), '   +2 more pods at >=2.50s',
      expect.stringMatching(/^ {2}d .* 2\.50s OVER$/), '   +2 more pods at 2.50s',
    ]);
  });
});
