// How the process ends once a command has finished. By default the event loop is left to run down, for at most
// 200 ms (a recording's last writes, a socket closing). A command with nothing left in flight once it returns (its
// output handed to stdout and stderr, every thread it started answered) says so, and the process ends as soon as
// stdout and stderr have taken what they were given: letting the summary's scan thread and the heaps be torn down
// first took about 10 ms (BENCHMARKS.md).

let atOnce = false;

/** Called by a command that leaves nothing in flight: the process ends once its output is flushed. */
export function endAtOnce(): void {
  atOnce = true;
}

/** True when the command that ran asked for endAtOnce(). */
export function endsAtOnce(): boolean {
  return atOnce;
}
