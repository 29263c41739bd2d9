// The screen writer against a fake terminal stream: coalesced frames, diffs after the first paint, whole repaints
// after a resize or a resume, nothing while stopped, and waiting for drain when the terminal is slow.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { line } from '../../src/terminal/styled.js';
import { ScreenWriter } from '../../src/terminal/screen-writer.js';

class FakeTty extends EventEmitter {
  columns = 40;
  rows = 10;
  writable = true;
  writes: string[] = [];
  full = false;
  write(s: string): boolean {
    this.writes.push(s);
    return !this.full;
  }
}

const turn = () => new Promise((r) => setImmediate(r));
const make = () => {
  const out = new FakeTty();
  let flushed = 0;
  const w = new ScreenWriter({ out: out as unknown as NodeJS.WriteStream, minIntervalMs: 0, onFlush: () => flushed++ });
  return { out, w, flushed: () => flushed };
};

describe('ScreenWriter', () => {
  it('writes the newest of a burst of frames once, as a cleared whole screen', async () => {
    const { out, w, flushed } = make();
    w.frame('one');
    w.frame('two');
    w.lines([line('three')], false);
    expect(w.idle).toBe(false);
    await turn();
    expect(out.writes).toEqual(['\x1b[H\x1b[2J\x1b[1Hthree']);
    expect(flushed()).toBe(1);
    expect(w.idle).toBe(true);
  });

  it('sends only the changed cells afterwards, and nothing for an equal frame', async () => {
    const { out, w } = make();
    w.frame('12:00:01 up');
    await turn();
    w.frame('12:00:02 up');
    await turn();
    w.frame('12:00:02 up');
    await turn();
    expect(out.writes.slice(1)).toEqual(['\x1b[1;8H2']);
  });

  it('repaints whole after a resize, with the new size given to Ink', async () => {
    const { out, w } = make();
    let inkSaw = 0;
    w.inkStream.on('resize', () => (inkSaw = w.inkStream.columns));
    w.frame('abc');
    await turn();
    out.columns = 60;
    out.emit('resize');
    await turn();
    expect(inkSaw).toBe(60);
    expect(out.writes.at(-1)).toBe('\x1b[H\x1b[2J\x1b[1Habc');
  });

  it('writes nothing while stopped and repaints on resume', async () => {
    const { out, w } = make();
    w.frame('abc');
    await turn();
    w.stop();
    w.frame('abd');
    await turn();
    expect(out.writes).toHaveLength(1);
    w.resume();
    await turn();
    expect(out.writes.at(-1)).toBe('\x1b[H\x1b[2J\x1b[1Habd');
  });

  it('cuts rows past the terminal height and cells past its width', async () => {
    const { out, w } = make();
    out.rows = 2;
    out.columns = 5;
    out.emit('resize');
    w.frame('abcdefgh\nsecond\nthird');
    await turn();
    expect(out.writes.at(-1)).toBe('\x1b[H\x1b[2J\x1b[1Habcde\x1b[2Hsecon');
  });

  it('holds frames until a slow terminal drains, then sends the newest', async () => {
    const { out, w } = make();
    out.full = true;
    w.frame('a');
    await turn();
    w.frame('b');
    await turn();
    w.frame('c');
    await turn();
    expect(out.writes).toHaveLength(1);
    out.full = false;
    out.emit('drain');
    await turn();
    expect(out.writes).toEqual(['\x1b[H\x1b[2J\x1b[1Ha', '\x1b[1Hc']);
  });
});
