// Asks the file system to say when a file's directory changes, as a hint to poll sooner; polling stays the baseline.
import { watch } from 'node:fs';
import { basename, dirname } from 'node:path';

/** Calls `onHint` when an entry named like `path` changes in its directory; returns a function that stops watching. */
export function watchHint(path: string, onHint: () => void): () => void {
  const name = basename(path);
  try {
    const watcher = watch(dirname(path), { persistent: false }, (_event, file) => {
      if (file === null || String(file) === name) onHint();
    });
    watcher.on('error', () => watcher.close());
    return () => watcher.close();
  } catch {
    // The directory may not exist yet or watching may be unsupported: polling still finds the file.
    return () => undefined;
  }
}
