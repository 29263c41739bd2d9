// A source's phrase on the header's sources line.
import { describe, expect, it } from 'vitest';
import type { SourceInfo } from '../../../src/model/console-state/console-state.js';
import { sourceSegment } from '../../../src/ui/format/header-lines.js';

const base: SourceInfo = { name: 'prometheus', kind: 'prometheus', state: 'connecting', error: null, latencyMs: null, since: 1_000, lastDataAt: null, firstDataAt: null };

describe('sourceSegment', () => {
  it('reads "up" once the source\'s data is on screen, though its round is not over, and "connecting" before', () => {
    expect(sourceSegment(base, 3_000).text).toBe('prometheus connecting 2s');
    expect(sourceSegment({ ...base, lastDataAt: 2_800, firstDataAt: 2_800 }, 3_000)).toMatchObject({ text: 'prometheus up 0s ago', tone: 'ok' });
  });

  it('keeps "connecting" when the source says why it still waits, even with a first reading in', () => {
    expect(sourceSegment({ ...base, lastDataAt: 2_500, error: 'waiting for counters to move' }, 3_000).text).toBe('prometheus connecting 2s');
  });
});
