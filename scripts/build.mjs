// Builds dist/incident.mjs: one self-contained, minified ESM file with every dependency inside.
import { chmodSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// `--outfile PATH` builds elsewhere (a benchmark's private copy); dist/incident.mjs by default.
const outArg = process.argv.indexOf('--outfile');
const outfile = outArg > 0 ? resolve(process.argv[outArg + 1]) : resolve(root, 'dist/incident.mjs');

/** A plugin that turns imports ending in `?suffix` into text, which `load(path)` gives for the file. */
const textImport = (suffix, load) => ({
  name: `text-${suffix}`,
  setup(build) {
    const filter = new RegExp(`\\?${suffix}$`);
    build.onResolve({ filter }, (args) => ({ path: resolve(args.resolveDir, args.path.replace(filter, '')), namespace: `text-${suffix}` }));
    build.onLoad({ filter: /.*/, namespace: `text-${suffix}` }, async (args) => ({ contents: await load(args.path), loader: 'text', watchFiles: [args.path] }));
  },
});

/** Files imported with a `?raw` suffix become their text (shipped profiles). */
const rawText = textImport('raw', (path) => readFileSync(path, 'utf8'));

/** Modules imported with a `?script` suffix are bundled on their own into a CommonJS script and become its text. */
const scriptText = textImport('script', async (path) => {
  const inner = await esbuild.build({
    entryPoints: [path], bundle: true, write: false, platform: 'node', format: 'cjs', target: 'node20.18',
    minify: true, legalComments: 'none', logLevel: 'warning',
  });
  return inner.outputFiles[0].text;
});

/**
 * Modules that are never used at run time: React's devtools bridge (Ink imports it only in development) and
 * TypeScript (cosmiconfig loads it only for .ts config files, which we do not search for).
 */
const noDevtools = {
  name: 'no-devtools',
  setup(build) {
    build.onResolve({ filter: /^(react-devtools-core|typescript)$/ }, (args) => ({ path: args.path, namespace: 'empty' }));
    build.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'module.exports = { connectToDevTools() {} };', loader: 'js' }));
  },
};

mkdirSync(dirname(outfile), { recursive: true });
const result = await esbuild.build({
  entryPoints: [resolve(root, 'src/cli/bin.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.18',
  minify: true,
  legalComments: 'none',
  metafile: true,
  define: { 'process.env.NODE_ENV': '"production"' },
  plugins: [rawText, scriptText, noDevtools],
  banner: {
    js: "#!/usr/bin/env node\nimport{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
  },
  logLevel: 'warning',
});
chmodSync(outfile, 0o755);
if (process.argv.includes('--analyze')) console.log(await esbuild.analyzeMetafile(result.metafile));
console.error(`built ${outfile} (${Math.round(statSync(outfile).size / 1024)} KiB)`);
