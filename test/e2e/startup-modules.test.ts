// Node's own modules that a command does not use are not loaded when it starts: each costs a few milliseconds on
// every run (http, child_process and crypto about 5 each on a small machine). They are loaded where first used.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'incident-startup-'));
const out = join(dir, 'loaded.txt');
// Preloaded into the program's process: at exit, writes the public built-in modules loaded since it ran.
const preload = join(dir, 'record.cjs');
writeFileSync(preload, `
const before = new Set(process.moduleLoadList);
process.on('exit', () => {
  const loaded = process.moduleLoadList.filter((m) => !before.has(m) && m.startsWith('NativeModule ') && !m.includes('internal/'));
  require('node:fs').writeFileSync(${JSON.stringify(out)}, loaded.map((m) => m.slice('NativeModule '.length)).join('\\n'));
});
`);

async function loadedBy(args: string[]): Promise<string[]> {
  const r = await runCli(args, { NODE_OPTIONS: `--require ${preload}`, XDG_CACHE_HOME: join(dir, 'cache') });
  expect(r.code, r.stderr).toBe(0);
  return readFileSync(out, 'utf8').split('\n');
}

/** Loaded only by the commands that use them. */
const LATE = ['http', 'child_process', 'crypto', 'zlib', 'tty', 'v8', 'readline', 'dgram', 'worker_threads'];

describe('the modules a command starts with', () => {
  it('--version loads none of the late ones', async () => {
    const loaded = await loadedBy(['--version']);
    expect(loaded).toContain('fs/promises');
    expect(loaded.filter((m) => LATE.includes(m))).toEqual([]);
  });

  it('the summary of a small plain file loads none of them either', async () => {
    const file = join(dir, 'small.jsonl');
    writeFileSync(file, '{"ts":"2026-11-22T14:00:00Z","level":"error","service":"api","msg":"boom 1"}\n');
    const loaded = await loadedBy(['replay', file, '--summary', '--json']);
    expect(loaded.filter((m) => LATE.includes(m))).toEqual([]);
  });

  it('the summary of a gzip file loads zlib when it reads it', async () => {
    const file = join(dir, 'small.jsonl.gz');
    writeFileSync(file, gzipSync('{"ts":"2026-11-22T14:00:00Z","level":"info","service":"api","msg":"ok"}\n'));
    const loaded = await loadedBy(['replay', file, '--summary', '--json']);
    expect(loaded).toContain('zlib');
  });

  it('the scan thread of a large file loads no module of its own to read it', async () => {
    // The thread reads with node:fs alone: fs/promises (with readline, which it loads) took the thread some 10 ms
    // before it could start on its part.
    const file = join(dir, 'large.jsonl');
    const line = '{"ts":"2026-11-22T14:00:00.000Z","level":"info","service":"api","msg":"ok","latency_ms":12}\n';
    writeFileSync(file, line.repeat(Math.ceil((17 << 20) / line.length)));
    const threads = join(dir, 'threads');
    const record = join(dir, 'record-threads.cjs');
    // Each thread writes the public modules it loaded after the preload (which loads worker_threads): the main thread
    // at its exit, a scan thread at each message it posts (the last is its answer; it is ended without an exit event).
    writeFileSync(record, `
const { threadId, parentPort } = require('node:worker_threads');
const before = new Set(process.moduleLoadList);
const write = () => {
  const loaded = process.moduleLoadList.filter((m) => !before.has(m) && m.startsWith('NativeModule ') && !m.includes('internal/'));
  require('node:fs').mkdirSync(${JSON.stringify(threads)}, { recursive: true });
  require('node:fs').writeFileSync(${JSON.stringify(threads)} + '/' + threadId, loaded.map((m) => m.slice('NativeModule '.length)).join('\\n'));
};
if (parentPort) {
  const post = parentPort.postMessage.bind(parentPort);
  parentPort.postMessage = (...args) => (write(), post(...args));
} else process.on('exit', write);
`);
    const r = await runCli(['replay', file, '--summary', '--json'], { NODE_OPTIONS: `--require ${record}`, XDG_CACHE_HOME: join(dir, 'cache') });
    expect(r.code, r.stderr).toBe(0);
    const files = readdirSync(threads).sort();
    expect(files.length).toBeGreaterThanOrEqual(2);
    const main = readFileSync(join(threads, '0'), 'utf8').split('\n');
    expect(main).toContain('fs/promises');
    for (const f of files.filter((f) => f !== '0')) {
      const loaded = readFileSync(join(threads, f), 'utf8').split('\n');
      expect(loaded.filter((m) => m === 'fs/promises' || m === 'readline')).toEqual([]);
    }
  });
});
