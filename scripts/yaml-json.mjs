// `./name.yaml?json` imports: the YAML document read when the program is built, as JSON text. It is read by the
// loader user profiles are read with at run time (cosmiconfig's, js-yaml), so both give the same document.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultLoaders } from 'cosmiconfig';

/** Throws unless `v` is plain JSON data (YAML can also give dates, which JSON would turn into strings). */
function checkJson(path, v, at = '') {
  if (v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) return;
  if (Array.isArray(v)) return v.forEach((x, i) => checkJson(path, x, `${at}[${i}]`));
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    for (const [k, x] of Object.entries(v)) checkJson(path, x, `${at}.${k}`);
    return;
  }
  throw new Error(`${path}: ${at || 'the document'} is not plain JSON data (${Object.prototype.toString.call(v)}): quote it`);
}

/** The JSON text of the YAML document in `path`. */
export function yamlJson(path) {
  const doc = defaultLoaders['.yaml'](path, readFileSync(path, 'utf8')) ?? {};
  checkJson(path, doc);
  return JSON.stringify(doc);
}

/** An esbuild plugin for `.yaml?json` imports. */
export const yamlJsonPlugin = {
  name: 'yaml-json',
  setup(build) {
    build.onResolve({ filter: /\.yaml\?json$/ }, (args) => ({ path: resolve(args.resolveDir, args.path.replace(/\?json$/, '')), namespace: 'yaml-json' }));
    build.onLoad({ filter: /.*/, namespace: 'yaml-json' }, (args) => ({ contents: `export default ${JSON.stringify(yamlJson(args.path))};`, loader: 'js', watchFiles: [args.path] }));
  },
};
