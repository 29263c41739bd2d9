// How the process ends after a command. The summary leaves nothing in flight, so it ends as soon as its output is
// flushed, without running the event loop down (its scan thread's teardown and the heaps' release cost about 10 ms);
// other commands let the loop run down, for a recording's last writes.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'incident-end-'));

/** Runs the CLI with a preload that notes whether the event loop ran down ('beforeExit' is not emitted by process.exit). */
async function run(args: string[], name: string) {
  const marker = join(dir, `${name}.ran-down`);
  const preload = join(dir, `${name}.cjs`);
  writeFileSync(preload, `process.on('beforeExit', () => require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'yes'));\n`);
  const r = await runCli(args, { NODE_OPTIONS: `--require ${preload}`, XDG_CACHE_HOME: join(dir, 'cache') });
  return { ...r, ranDown: existsSync(marker) };
}

describe('the end of a command', () => {
  it('the summary ends once its document is written, whole', async () => {
    const file = join(dir, 'app.jsonl');
    const lines = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ ts: new Date(Date.UTC(2026, 10, 22, 14, 0, i)).toISOString(), level: i % 50 ? 'info' : 'error', service: `svc-${i % 7}`, msg: `request ${i} failed with code ${i % 13}`, latency_ms: (i % 400) / 2 }));
    writeFileSync(file, `${lines.join('\n')}\n`);
    const r = await run(['replay', file, '--summary', '--json'], 'summary');
    expect(r.code, r.stderr).toBe(0);
    expect(r.ranDown).toBe(false);
    // The whole document (some 20 KB), to its last service.
    const doc = JSON.parse(r.stdout);
    expect(doc.lines).toBe(3000);
    expect(doc.services).toHaveLength(7);
    expect(doc.by_level.error).toBe(60);
  });

  it('other commands let the event loop run down', async () => {
    const r = await run(['--version'], 'version');
    expect(r.code).toBe(0);
    expect(r.ranDown).toBe(true);
  });
});
