// Alternate screen and cursor handling, restored on every exit path.

const ENTER = '\x1b[?1049h\x1b[?25l\x1b[H\x1b[2J';
const LEAVE = '\x1b[?25h\x1b[?1049l';

/** Owns the terminal modes the console changes; restore() is idempotent and safe on a dead terminal. */
export class TerminalModes {
  private active = false;
  private wasRaw = false;
  private readonly onExit = () => this.restore();

  /** `keys` is the stream raw mode is turned off on (standard input, or /dev/tty when standard input carries logs). */
  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly keys: NodeJS.ReadStream = process.stdin,
  ) {}

  /** Switches to the alternate screen and hides the cursor. */
  enter(): void {
    if (this.active) return;
    this.active = true;
    this.write(ENTER);
    process.on('exit', this.onExit);
  }

  /** Shows the cursor, leaves the alternate screen and turns raw mode off. */
  restore(): void {
    if (!this.active) return;
    this.active = false;
    process.off('exit', this.onExit);
    try {
      if (this.keys.isTTY && this.keys.isRaw) this.keys.setRawMode(false);
    } catch {
      // the terminal may already be gone (SIGHUP)
    }
    this.write(LEAVE);
  }

  /** Restores the terminal and stops the process (Ctrl-Z); the shell's `fg` continues it with SIGCONT. */
  suspend(): void {
    if (!this.active) return;
    this.wasRaw = Boolean(this.keys.isTTY && this.keys.isRaw);
    this.restore();
    // SIGSTOP, not SIGTSTP: our own SIGTSTP handler would catch the latter.
    process.kill(process.pid, 'SIGSTOP');
  }

  /** Re-enters after a suspend (Ctrl-Z then fg): alternate screen, hidden cursor and raw keys again. */
  resume(): void {
    this.enter();
    try {
      if (this.wasRaw && this.keys.isTTY) this.keys.setRawMode(true);
    } catch {
      // the terminal went away while stopped
    }
    this.wasRaw = false;
  }

  private write(s: string): void {
    try {
      if (this.out.writable) this.out.write(s);
    } catch {
      // EIO/EPIPE after the link dropped: nothing left to restore
    }
  }
}
