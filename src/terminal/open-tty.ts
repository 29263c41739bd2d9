// Opens the controlling terminal for key input when standard input carries piped log lines.
import { closeSync, openSync } from 'node:fs';
import { isatty, ReadStream } from 'node:tty';

/** The terminal as a readable TTY stream (raw mode capable), or why it could not be opened. */
export type TtyInput = { stream: ReadStream; reason: null } | { stream: null; reason: string };

/** What can be injected: the device path and the open call. */
export interface OpenTtyOptions {
  path?: string;
  open?: (path: string, flags: string) => number;
}

function describe(err: unknown, path: string): string {
  const code = (err as { code?: string }).code ?? '';
  if (code === 'ENXIO') return `${path}: no controlling terminal`;
  if (code === 'ENOENT') return `${path}: no such device`;
  if (code === 'EACCES' || code === 'EPERM') return `${path}: permission denied`;
  return `${path}: ${code || (err as Error).message}`;
}

/** Opens `/dev/tty` for reading keys; returns `{stream: null, reason}` when there is no usable terminal. */
export function openTty(opts: OpenTtyOptions = {}): TtyInput {
  const path = opts.path ?? '/dev/tty';
  let fd: number;
  try {
    fd = (opts.open ?? openSync)(path, 'r');
  } catch (err) {
    return { stream: null, reason: describe(err, path) };
  }
  if (!isatty(fd)) {
    closeSync(fd);
    return { stream: null, reason: `${path}: not a terminal` };
  }
  try {
    return { stream: new ReadStream(fd), reason: null };
  } catch (err) {
    closeSync(fd);
    return { stream: null, reason: describe(err, path) };
  }
}
