// Entry point of the `incident` executable.
import { isArchiveScanWorker, runArchiveScanWorker } from '../sources/archive-scan.js';
import { main } from './main.js';
import { useScanThreads } from './replay-summary.js';

function runMain(): void {
  main(process.argv).then(
    (code) => {
      process.exitCode = code;
      // Sources unref their timers; anything still open after a command has finished is not worth waiting for.
      setTimeout(() => process.exit(code), 200).unref();
    },
    (err) => {
      process.stderr.write(`incident: ${String(err)}\n`);
      process.exit(1);
    },
  );
}

// A thread started by `replay --summary` to scan half of a large file runs this same program.
if (isArchiveScanWorker()) void runArchiveScanWorker();
else {
  useScanThreads(new URL(import.meta.url));
  runMain();
}
