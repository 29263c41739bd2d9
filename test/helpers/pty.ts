// Runs the built CLI in a real pseudo-terminal (util-linux `script`) at a given size and returns every byte it wrote,
// so a test can replay them through the strict terminal model. Keys are typed after `keysAfterMs`.
import { spawn } from 'node:child_process';
import { BIN } from './cli.js';

/** What the program wrote to its terminal, and how it ended. */
export interface PtyRun {
  bytes: string;
  code: number | null;
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Runs `incident ARGS` in a cols x rows pty; types `keys` after `keysAfterMs`, and gives up after `timeoutMs`. */
export function runInPty(args: string[], cols: number, rows: number, keys: string, keysAfterMs: number, timeoutMs = 20_000, env: Record<string, string> = {}): Promise<PtyRun> {
  const command = `stty cols ${cols} rows ${rows}; exec ${[process.execPath, BIN, ...args].map(quote).join(' ')}`;
  const childEnv: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm-256color', LANG: 'C.UTF-8', ...env };
  delete childEnv.CI;
  delete childEnv.TMUX;
  return new Promise((done) => {
    const child = spawn('script', ['-qfec', command, '/dev/null'], { env: childEnv, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    const typing = setTimeout(() => child.stdin.write(keys), keysAfterMs);
    const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(typing);
      clearTimeout(killer);
      done({ bytes: Buffer.concat(out).toString('utf8'), code });
    });
  });
}
