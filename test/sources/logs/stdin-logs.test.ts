import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { StdinLogsSource } from '../../../src/sources/logs/stdin-logs.js';
import { Collected, plainParse, waitFor } from '../collect-events.js';

function piped(idleFlushMs = 3_600_000): { stream: PassThrough; src: StdinLogsSource; c: Collected } {
  const stream = new PassThrough();
  const c = new Collected();
  const src = new StdinLogsSource({ parse: plainParse, stream, idleFlushMs, batchMs: 1 });
  src.start(c.emit);
  return { stream, src, c };
}

describe('StdinLogsSource', () => {
  it('reads piped lines across chunk boundaries', async () => {
    const { stream, c } = piped();
    stream.write('first\nsec');
    stream.write('ond\r\nthird\n');
    await waitFor(() => c.lines().length === 3, 'three lines');
    expect(c.lines()).toEqual(['first', 'second', 'third']);
    expect(c.statuses()[0]).toMatchObject({ source: 'stdin', kind: 'stdin', state: 'up' });
  });

  it('keeps the lines and says "stdin closed" at end of input, emitting an unfinished last line', async () => {
    const { stream, c } = piped();
    stream.end('one\nlast without newline');
    await waitFor(() => c.lastStatus()?.state === 'down', 'down');
    expect(c.lastStatus()?.error).toBe('stdin closed');
    expect(c.lines()).toEqual(['one', 'last without newline']);
  });

  it('emits an unfinished line after an idle period', async () => {
    const { stream, src, c } = piped(10);
    stream.write('waiting for more');
    await waitFor(() => c.lines().length === 1, 'the unfinished line');
    expect(c.lines()).toEqual(['waiting for more']);
    await src.stop();
  });

  it('cuts an over-long line and stops reading on stop()', async () => {
    const { stream, src, c } = piped();
    stream.write(`${'y'.repeat(100_000)}\n`);
    await waitFor(() => c.lines().length === 1, 'the long line');
    expect(src.stats()).toEqual({ linesRead: 1, linesCut: 1 });
    await src.stop();
    stream.write('after stop\n');
    await new Promise((r) => setTimeout(r, 20));
    expect(c.lines()).toHaveLength(1);
  });
});
