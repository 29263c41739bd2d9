// Input that is not log text, through the built CLI: /dev/zero and binary files are refused at once with exit 2 and
// one message naming the file (`replay /dev/zero` used to read forever), and one very long line in a JSON-lines
// archive is cut and counted while the other lines are read as usual.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BIN, type CliResult } from '../helpers/cli.js';
import { noise } from '../helpers/noise.js';

const dir = mkdtempSync(join(tmpdir(), 'incident-not-text-'));
const T0 = Date.parse('2026-11-22T14:00:00Z');

/** A run is killed after this long (ms): far more than a refusal takes, far less than the test's own timeout. */
const KILL_AFTER_MS = 10_000;

/** Runs the CLI like runCli, but kills it after KILL_AFTER_MS so that a hang fails the test and leaves no process. */
function runBounded(args: string[]): Promise<CliResult & { signal: NodeJS.Signals | null }> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.CI;
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: KILL_AFTER_MS, killSignal: 'SIGKILL' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('close', (code, signal) => done({ code, signal, stdout, stderr }));
  });
}


describe('replay of input that is not text', () => {
  // Over 16 MB, so that --summary also starts its second thread before the files are checked.
  const blob = join(dir, 'core.bin');
  writeFileSync(blob, noise(17 << 20));
  // A log whose writer kept its offset while the file was truncated: a line, then a hole of NUL bytes.
  const padded = join(dir, 'padded.log');
  writeFileSync(padded, Buffer.concat([Buffer.from('{"msg":"started"}\n'), Buffer.alloc(1 << 20)]));
  const cases = [
    ...(existsSync('/dev/zero') ? [{ name: '/dev/zero', file: '/dev/zero', reason: 'NUL bytes' }] : []),
    { name: 'a 17 MiB binary file', file: blob, reason: 'control bytes' },
    { name: 'a log padded with NUL bytes', file: padded, reason: 'NUL bytes' },
  ];

  it.each(cases)('refuses $name for replay --once --json, exit 2, naming it', async ({ file, reason }) => {
    const r = await runBounded(['replay', file, '--once', '--json']);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const [message, hint, rest] = r.stderr.split('\n');
    expect(message).toBe(`incident: replay: ${file}: does not look like text (${reason} in the first 64 KiB)`);
    expect(hint).toMatch(/^ {2}hint: give a log file/);
    expect(rest).toBe('');
  }, 20_000);

  it.each(cases)('refuses $name for replay --summary, exit 2, naming it', async ({ file, reason }) => {
    for (const json of [[], ['--json']]) {
      const r = await runBounded(['replay', file, '--summary', ...json]);
      expect(r.signal).toBeNull();
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.split('\n')[0]).toBe(`incident: ${file}: does not look like text (${reason} in the first 64 KiB)`);
    }
  }, 20_000);
});

describe('replay of an archive with one very long line', () => {
  /** 600 JSON lines, one a second, every tenth an error; line 505's message is 3 MiB long. */
  const lines = Array.from({ length: 600 }, (_, i) =>
    JSON.stringify({ ts: new Date(T0 + i * 1000).toISOString(), level: i % 10 === 0 ? 'error' : 'info', service: 'api', msg: i === 505 ? 'x'.repeat(3 << 20) : `ok ${i}` }),
  );
  const file = join(dir, 'long.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  const gz = join(dir, 'long.jsonl.gz');
  writeFileSync(gz, gzipSync(`${lines.join('\n')}\n`));

  it('cuts and counts it in replay --once --json, and reads the lines around it', async () => {
    const r = await runBounded(['replay', file, '--once', '--json', '--at', '2026-11-22T14:08:30Z']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.sources[0].state).toBe('degraded');
    // The cut line has lost its closing brace and so its time: it is also the one untimed line.
    expect(doc.sources[0].error).toBe(`${file}: 1 line longer than 1 MiB shortened to 1 MiB; 1 lines without a time took the time of the line before`);
    const messages = doc.panels.logs.lines.map((l: { message: string }) => l.message);
    const last = messages.slice(-7);
    expect(last[1]).toMatch(/^\{"ts":"2026-11-22T14:08:25.000Z","level":"info","service":"api","msg":"xxxx/);
    expect([last[0], ...last.slice(2)]).toEqual(['ok 504', 'ok 506', 'ok 507', 'ok 508', 'ok 509', 'ok 510']);
  }, 20_000);

  it('cuts and counts it in replay --summary --json, plain and gzip, and counts the other lines as usual', async () => {
    for (const f of [file, gz]) {
      const r = await runBounded(['replay', f, '--summary', '--json']);
      expect(r.code).toBe(0);
      const doc = JSON.parse(r.stdout);
      expect(doc.files).toEqual([{ path: f, bytes: Buffer.byteLength(`${lines.join('\n')}\n`), lines: 600, cut: null, lines_cut: 1 }]);
      expect(doc.lines).toBe(600);
      expect(doc.lines_malformed_json).toBe(1);
      expect(doc.by_level.error).toBe(60);
      expect(doc.by_service.api).toBe(599);
    }
  }, 20_000);
});
