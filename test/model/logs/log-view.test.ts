import { describe, expect, it } from 'vitest';
import { initialLogView, MAX_FILTER_CHARS, reduceLogView, type LogView, type LogViewAction } from '../../../src/model/logs/log-view.js';

const run = (actions: LogViewAction[], from: LogView = initialLogView) => actions.reduce(reduceLogView, from);

describe('reduceLogView', () => {
  it('types, erases and applies a filter', () => {
    const v = run([{ type: 'filter-open' }, { type: 'filter-type', text: 'timeoutx' }, { type: 'filter-erase' }]);
    expect(v.editing).toBe('timeout');
    expect(v.filter).toBe('');
    expect(run([{ type: 'filter-apply' }], v)).toMatchObject({ filter: 'timeout', editing: null });
  });

  it('cancel keeps the filter that was applied before', () => {
    const applied = run([{ type: 'filter-open' }, { type: 'filter-type', text: 're:5\\d\\d' }, { type: 'filter-apply' }]);
    const v = run([{ type: 'filter-open' }, { type: 'filter-type', text: 'zzz' }, { type: 'filter-cancel' }], applied);
    expect(v).toMatchObject({ filter: 're:5\\d\\d', editing: null });
  });

  it('drops control characters from typed text and caps its length', () => {
    const v = run([{ type: 'filter-open' }, { type: 'filter-type', text: 'a\u001b[2Jb' }]);
    expect(v.editing).toBe('a[2Jb');
    const long = run([{ type: 'filter-open' }, { type: 'filter-type', text: 'x'.repeat(500) }]);
    expect(long.editing).toHaveLength(MAX_FILTER_CHARS);
  });

  it('ignores typing when the filter is not open', () => {
    expect(run([{ type: 'filter-type', text: 'a' }])).toBe(initialLogView);
  });

  it('scrolls within bounds and follow returns to the tail', () => {
    const v = run([{ type: 'scroll', lines: 5, max: 3, total: 40 }]);
    expect(v.scrollBack).toBe(3);
    expect(run([{ type: 'scroll', lines: -10, max: 3, total: 45 }], v).scrollBack).toBe(0);
    expect(run([{ type: 'follow' }], v).scrollBack).toBe(0);
  });

  it('anchors a scrolled-back view to the lines that had arrived, and lets go back at the tail', () => {
    const back = run([{ type: 'scroll', lines: 2, max: 9, total: 40 }]);
    expect(back.anchor).toBe(40);
    // Further scrolling keeps the first anchor: the lines on screen do not drift with newer arrivals.
    expect(run([{ type: 'scroll', lines: 1, max: 9, total: 55 }], back).anchor).toBe(40);
    expect(run([{ type: 'scroll', lines: -2, max: 9, total: 55 }], back)).toMatchObject({ scrollBack: 0, anchor: null });
    expect(run([{ type: 'follow' }], back).anchor).toBeNull();
  });

  it('errors only toggles and jumps back to the tail', () => {
    const v = run([{ type: 'scroll', lines: 2, max: 9, total: 10 }, { type: 'toggle-errors' }]);
    expect(v).toMatchObject({ errorsOnly: true, scrollBack: 0, anchor: null });
  });

  it('filter-set applies a filter at once (a trace id from the p99 panel), without controls, and follows the tail', () => {
    const scrolled = run([{ type: 'scroll', lines: 5, max: 10, total: 40 }]);
    expect(run([{ type: 'filter-set', text: 'abc\u001b123' }], scrolled)).toMatchObject({ filter: 'abc123', editing: null, scrollBack: 0, anchor: null });
  });
});

