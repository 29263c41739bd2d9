// Stand-ins for a terminal's streams, for running a full screen inside a test: output collected as written, keys
// typed into the input, raw mode remembered.
import { PassThrough, Writable } from 'node:stream';
import type { TerminalIO } from '../../src/terminal/device.js';

/** A terminal's output: every write kept in order; `columns`/`rows` as a TTY has them. */
export interface FakeTtyOut extends NodeJS.WriteStream {
  chunks: string[];
  /** Everything written so far. */
  written(): string;
  /** Changes the size and emits 'resize', as a terminal does on SIGWINCH. */
  resize(cols: number, rows: number): void;
}

/** A terminal's input that keys can be typed into. */
export interface FakeTtyIn extends NodeJS.ReadStream {
  type(keys: string): void;
}

/** The three streams of a terminal of `cols` x `rows`, and what went to stderr. */
export function fakeTerminal(cols: number, rows: number): TerminalIO & { stdout: FakeTtyOut; stdin: FakeTtyIn; errors: () => string } {
  const chunks: string[] = [];
  const out = new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  }) as unknown as FakeTtyOut;
  Object.assign(out, {
    isTTY: true, columns: cols, rows, chunks,
    written: () => chunks.join(''),
    resize(c: number, r: number) {
      out.columns = c;
      out.rows = r;
      out.emit('resize');
    },
  });
  const input = new PassThrough() as unknown as FakeTtyIn;
  Object.assign(input, {
    isTTY: true,
    isRaw: false,
    setRawMode(on: boolean) {
      input.isRaw = on;
      return input;
    },
    ref: () => input,
    unref: () => input,
    type: (keys: string) => input.write(keys),
  });
  const err: string[] = [];
  const stderr = new Writable({
    write(chunk, _enc, done) {
      err.push(String(chunk));
      done();
    },
  });
  return { stdout: out, stdin: input, stderr, errors: () => err.join('') };
}
