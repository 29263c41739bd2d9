// WebAssembly written as text (.wat) in src/, assembled when the program is built or tested: an import of
// `./name.wat?wasm` becomes the module's bytes (a Uint8Array).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const require = createRequire(import.meta.url);
let wabt;

/** The bytes of the module written in the .wat file at `path` (features: SIMD). */
export async function watBytes(path) {
  wabt ??= await require('wabt')();
  let module;
  try {
    module = wabt.parseWat(path, readFileSync(path, 'utf8'), { simd: true });
  } catch (err) {
    // wabt's own message names the line and column; its stack is the whole minified assembler.
    throw new Error(String(err.message ?? err));
  }
  try {
    module.validate();
    return Uint8Array.from(module.toBinary({}).buffer);
  } finally {
    module.destroy();
  }
}

/**
 * A module whose default export is the bytes of the .wat file at `path` (kept as Base64, decoded when loaded, by
 * Node's own decoder: a function called per byte took about a millisecond of every start).
 */
export async function watModuleSource(path) {
  const base64 = Buffer.from(await watBytes(path)).toString('base64');
  return `export default new Uint8Array(Buffer.from(${JSON.stringify(base64)}, 'base64'));\n`;
}

/** The esbuild plugin for `?wasm` imports: the .wat file beside the importer becomes its module's bytes. */
export const watPlugin = {
  name: 'wat-wasm',
  setup(build) {
    build.onResolve({ filter: /\.wat\?wasm$/ }, (args) => ({ path: resolve(args.resolveDir, args.path.replace(/\?wasm$/, '')), namespace: 'wat-wasm' }));
    build.onLoad({ filter: /.*/, namespace: 'wat-wasm' }, async (args) => ({ contents: await watModuleSource(args.path), loader: 'js', watchFiles: [args.path] }));
  },
};
