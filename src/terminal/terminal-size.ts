// The terminal's size for a screen: read from the output stream, with a stable identity until it changes.

/** Columns and rows of the terminal, with a change subscription; fits useSyncExternalStore. */
export interface TerminalSize {
  get(): { cols: number; rows: number };
  subscribe(listener: () => void): () => void;
}

/** The size (columns, rows) of `stdout` and its change subscription. */
export function terminalSize(stdout: NodeJS.WriteStream): TerminalSize {
  let last = { cols: stdout.columns || 80, rows: stdout.rows || 24 };
  return {
    get: () => {
      const cols = stdout.columns || 80;
      const rows = stdout.rows || 24;
      if (cols !== last.cols || rows !== last.rows) last = { cols, rows };
      return last;
    },
    subscribe: (l: () => void) => {
      stdout.on('resize', l);
      return () => stdout.off('resize', l);
    },
  };
}
