// tab's focus is visible on every focusable panel: its title is drawn inverse, and only its.
import { describe, expect, it } from 'vitest';
import { emptyState } from '../../../src/model/console-state/console-state.js';
import { initialView, reduceView } from '../../../src/model/console-state/view-state.js';
import { line } from '../../../src/terminal/styled.js';
import { composeFrame } from '../../../src/ui/format/frame.js';
import { asciiGlyphs } from '../../../src/ui/format/glyphs.js';

const profile = { name: 'default', refreshMs: 1000, thresholds: { errorRateWarn: 0.01, errorRateCrit: 0.05, p99SloSeconds: 0.5 }, labels: { service: 'service', pod: 'pod', namespace: 'namespace' } };
const panel = (title: string) => ({ wants: 4, draw: (rows: number) => [line(title), ...Array.from({ length: rows - 1 }, () => line(''))] });

describe('focus', () => {
  it('marks nothing before tab is pressed', () => {
    const f = composeFrame({ state: emptyState(), view: initialView(900_000), profile, service: 'payments', now: 0, ttfgMs: null, cols: 120, rows: 40, glyphs: asciiGlyphs });
    expect(f.lines.some((l) => l[0]?.inverse)).toBe(false);
  });

  it('marks the focused panel\'s title inverse as tab moves, one at a time', () => {
    let view = { ...initialView(900_000), focusShown: true };
    const inverseTitles = () => composeFrame({
      state: emptyState(), view, profile, service: 'payments', now: 0, ttfgMs: null, cols: 120, rows: 40, glyphs: asciiGlyphs,
      pipeline: panel('Pipeline'), logs: panel('Logs'),
    }).lines.filter((l) => l[0]?.inverse).map((l) => l.map((s) => s.text).join('').split(/\s{2}|\s(?=\d)/)[0]);
    const seen: string[][] = [];
    for (let i = 0; i < 4; i++) {
      seen.push(inverseTitles());
      view = reduceView(view, { type: 'focus-next' });
    }
    expect(seen).toEqual([['Error rate waiting for data'], ['p99 latency'], ['Pipeline'], ['Logs']]);
  });
});
