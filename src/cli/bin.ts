// Entry point of the `incident` executable.
import { main } from './main.js';

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
