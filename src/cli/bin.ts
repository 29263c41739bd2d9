// Entry point of the `incident` executable.
import scanWorkerCode from '../sources/archive-scan-worker.ts?script';
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

useScanThreads(scanWorkerCode);
runMain();
