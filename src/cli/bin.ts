// Entry point of the `incident` executable.
import scanWorkerCode from '../sources/files/archive-scan-worker.ts?script';
import parseWorkerCode from '../sources/logs/line-parse-worker.ts?script';
import { endsAtOnce } from './end.js';
import { main } from './main.js';
import { useScanThreads } from '../app/replay-summary.js';
import { useLineParseThread } from '../sources/logs/parse-thread.js';

function runMain(): void {
  main(process.argv).then(
    (code) => {
      process.exitCode = code;
      // Sources unref their timers; anything still open after a command has finished is not worth waiting for.
      setTimeout(() => process.exit(code), 200).unref();
      // An empty write calls back once everything written before it has been taken.
      if (endsAtOnce()) void Promise.all([process.stdout, process.stderr].map((s) => new Promise((resolve) => s.write('', resolve)))).then(() => process.exit(code));
    },
    (err) => {
      process.stderr.write(`incident: ${String(err)}\n`);
      process.exit(1);
    },
  );
}

// Output piped into a reader that stops early (`| head`): end quietly, as other command-line tools do, rather than
// with an unhandled EPIPE. A terminal's errors are left to the screen, which restores it and saves the session.
if (!process.stdout.isTTY) {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}
useScanThreads(scanWorkerCode);
useLineParseThread(parseWorkerCode);
runMain();
