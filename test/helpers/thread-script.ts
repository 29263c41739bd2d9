// A thread's script built from its source, as scripts/build.mjs builds `?script` imports: one CommonJS bundle, as text.
import { resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { watPlugin } from '../../scripts/wat.mjs';

/** The script of the thread whose entry is `entry`, a path under src/ (e.g. 'sources/logs/line-parse-worker.ts'). */
export async function threadScript(entry: string): Promise<string> {
  const built = await esbuild.build({
    entryPoints: [resolve(import.meta.dirname, '../../src', entry)], bundle: true, write: false, platform: 'node', format: 'cjs', logLevel: 'warning', plugins: [watPlugin],
  });
  return built.outputFiles[0].text;
}
