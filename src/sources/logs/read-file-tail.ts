// Reads a whole small file, or only its last bytes when it is large, as text; failures become a readable reason.
import { open } from 'node:fs/promises';

/** The text read (from a line start when cut), or a readable reason; `cut` is true when the head was skipped. */
export type FileTail = { ok: true; text: string; cut: boolean } | { ok: false; reason: string };

/** Reads at most the last `maxBytes` of `path` (default 1 MiB), dropping a partial first line when cut; never throws. */
export async function readFileTail(path: string, maxBytes = 1024 * 1024): Promise<FileTail> {
  let handle;
  try {
    handle = await open(path, 'r');
    const { size } = await handle.stat();
    const start = Math.max(0, size - maxBytes);
    const buf = Buffer.alloc(size - start);
    let read = 0;
    while (read < buf.length) {
      const { bytesRead } = await handle.read(buf, read, buf.length - read, start + read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    let text = buf.subarray(0, read).toString('utf8');
    if (start > 0) text = text.slice(text.indexOf('\n') + 1);
    return { ok: true, text, cut: start > 0 };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (code ?? 'cannot read');
    return { ok: false, reason: `${path}: ${why}` };
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
