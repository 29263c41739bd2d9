// The terminal's size for a screen: read from the output stream, with a stable identity until it changes.

/** The size (columns, rows) and its change subscription, fit for useSyncExternalStore. */
export function terminalSize(stdout: NodeJS.WriteStream) {
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
