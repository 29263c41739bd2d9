// File tail throughput: a 100 MB log read from its start by TailFileSource, with `wc -l` on the same
// file timed in the same run as the anchor; plus the time to get past one 1 MB line.
// Usage: node bench/tail-file.mjs [megabytes]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { watPlugin } from '../scripts/wat.mjs';

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const megabytes = Number(process.argv[2] ?? 100);

const built = await esbuild.build({
  entryPoints: [resolve(root, 'src/sources/logs/tail-file.ts')],
  bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'warning', plugins: [watPlugin],
});
const { TailFileSource } = await import(`data:text/javascript;base64,${Buffer.from(built.outputFiles[0].text).toString('base64')}`);

const parse = (raw, source, readAt) => ({ at: readAt, timed: false, level: 'unknown', source, message: raw, raw });
const dir = mkdtempSync(join(tmpdir(), 'incident-bench-'));

async function readAll(path, expectLines) {
  let lines = 0;
  const src = new TailFileSource({ path, parse, startAt: 'start', watch: false, pollMs: 3_600_000, idleFlushMs: 0 });
  const started = performance.now();
  src.start((e) => { if (e.type === 'lines') lines += e.lines.length; });
  while (lines < expectLines) await src.checkNow();
  const ms = performance.now() - started;
  await src.stop();
  return ms;
}

try {
  const line = '2026-11-22T14:32:05.123Z level=error service=payments pod=payments-1 msg="upstream timeout" latency=2.5\n';
  const count = Math.floor((megabytes * 1024 * 1024) / line.length);
  const path = join(dir, 'app.log');
  writeFileSync(path, line.repeat(count));
  const wcStart = performance.now();
  execFileSync('wc', ['-l', path]);
  const wcMs = performance.now() - wcStart;
  const ms = await readAll(path, count);
  console.log(`${megabytes} MB, ${count} lines: tail ${ms.toFixed(0)} ms (${((count / ms) * 1000 / 1e6).toFixed(2)} M lines/s, ${(megabytes / ms * 1000).toFixed(0)} MB/s); wc -l ${wcMs.toFixed(0)} ms`);
  const big = join(dir, 'big.log');
  writeFileSync(big, `${'x'.repeat(1024 * 1024)}\nafter\n`);
  console.log(`one 1 MB line then a short one: ${(await readAll(big, 2)).toFixed(1)} ms`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
