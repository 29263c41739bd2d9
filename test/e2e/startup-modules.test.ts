// Node's own modules that a command does not use are not loaded when it starts: each costs a few milliseconds on
// every run (http, child_process and crypto about 5 each on a small machine). They are loaded where first used.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
});
