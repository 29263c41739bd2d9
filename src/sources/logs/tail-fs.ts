// The few file system calls the file tailer needs, injectable so tests can simulate failures.
import { constants } from 'node:fs';
import { access, open, stat } from 'node:fs/promises';

/** What a stat call returns that the tailer uses; sizes in bytes. */
export interface TailStat {
  dev: number | bigint;
  ino: number | bigint;
  size: number | bigint;
  isFile(): boolean;
}

/** An open file: positional reads only. */
export interface TailHandle {
  read(buffer: Buffer, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  stat(): Promise<TailStat>;
  close(): Promise<void>;
}

/** Opening and stat-ing paths. */
export interface TailFs {
  open(path: string): Promise<TailHandle>;
  stat(path: string): Promise<TailStat>;
  /** Resolves when this process may open `path` for reading now; rejects as open would (EACCES). Optional. */
  readable?(path: string): Promise<void>;
}

/** The real file system (inode numbers as bigint so large ones stay exact). */
export const nodeTailFs: TailFs = {
  open: async (path) => {
    const handle = await open(path, 'r');
    return {
      read: (buffer, offset, length, position) => handle.read(buffer, offset, length, position),
      stat: () => handle.stat({ bigint: true }),
      close: () => handle.close(),
    };
  },
  stat: (path) => stat(path, { bigint: true }),
  readable: (path) => access(path, constants.R_OK),
};

/** A file's identity across renames: device and inode. */
export function fileIdentity(st: TailStat): string {
  return `${st.dev}:${st.ino}`;
}

/** A readable reason for a failed open or stat of `path`, and whether it means the file is absent. */
export function describeFsError(err: unknown, path: string): { missing: boolean; reason: string } {
  const code = (err as { code?: string }).code ?? '';
  if (code === 'ENOENT' || code === 'ENOTDIR') return { missing: true, reason: `${path}: no such file` };
  if (code === 'EACCES' || code === 'EPERM') return { missing: false, reason: `${path}: permission denied` };
  if (code === 'EISDIR' || code === 'ENOTREG') return { missing: false, reason: `${path}: not a regular file` };
  const message = (err as Error).message ?? String(err);
  return { missing: false, reason: `${path}: ${code || message}` };
}
