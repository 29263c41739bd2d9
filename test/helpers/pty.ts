// Runs the built CLI in a real pseudo-terminal (util-linux `script`) at a given size and returns every byte it wrote,
// so a test can replay them through the strict terminal model. Keys are typed after `keysAfterMs`.
import { spawn } from 'node:child_process';
import { BIN } from './cli.js';
import { VirtualTerminal } from './virtual-terminal.js';

/** What the program wrote to its terminal, and how it ended. */
export interface PtyRun {
  bytes: string;
  code: number | null;
  /** The bytes as they arrived, with Date.now() at arrival. */
  chunks: Array<{ at: number; data: Buffer }>;
}

/**
 * The screen as it stood at `at` (Date.now()), read through the strict terminal model from every byte that had
 * arrived by then; a sequence cut by the moment is left for later.
 */
export function screenAt(run: PtyRun, cols: number, rows: number, at: number): string {
  let text = Buffer.concat(run.chunks.filter((c) => c.at <= at).map((c) => c.data)).toString('utf8');
  const esc = text.lastIndexOf('\u001b');
  if (esc >= 0 && !/^\u001b\[[0-9;?]*[A-Za-z]/.test(text.slice(esc))) text = text.slice(0, esc);
  const term = new VirtualTerminal(cols, rows);
  term.apply(text.replace(/\ufffd$/, ''));
  return term.text();
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Extra settings: environment variables, a command line put before node (`setpriv ...`), another bundle. */
export interface PtyOptions {
  env?: Record<string, string>;
  prefix?: string[];
  bin?: string;
}

/**
 * Runs `incident ARGS` in a cols x rows pty; types `keys` after `keysAfterMs` (or each [ms, keys] of a list at its
 * moment), and gives up after `timeoutMs`.
 */
export function runInPty(args: string[], cols: number, rows: number, keys: string | Array<[number, string]>, keysAfterMs: number, timeoutMs = 20_000, opts: PtyOptions = {}): Promise<PtyRun> {
  const env = opts.env ?? {};
  const command = `stty cols ${cols} rows ${rows}; exec ${[...(opts.prefix ?? []), process.execPath, opts.bin ?? BIN, ...args].map(quote).join(' ')}`;
  const childEnv: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm-256color', LANG: 'C.UTF-8', ...env };
  delete childEnv.CI;
  delete childEnv.TMUX;
  return new Promise((done) => {
    const child = spawn('script', ['-qfec', command, '/dev/null'], { env: childEnv, stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: PtyRun['chunks'] = [];
    child.stdout.on('data', (d: Buffer) => chunks.push({ at: Date.now(), data: d }));
    const plan: Array<[number, string]> = typeof keys === 'string' ? [[keysAfterMs, keys]] : keys;
    const typing = plan.map(([ms, text]) => setTimeout(() => child.stdin.write(text), ms));
    const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      typing.forEach(clearTimeout);
      clearTimeout(killer);
      done({ bytes: Buffer.concat(chunks.map((c) => c.data)).toString('utf8'), code, chunks });
    });
  });
}
