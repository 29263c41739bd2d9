// Builds dist/incident.mjs: one self-contained, minified ESM file with every dependency inside.
import { chmodSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = resolve(root, 'dist/incident.mjs');

/** Files imported with a `?raw` suffix become their text (shipped profiles). */
const rawText = {
  name: 'raw-text',
  setup(build) {
    build.onResolve({ filter: /\?raw$/ }, (args) => ({
      path: resolve(args.resolveDir, args.path.replace(/\?raw$/, '')),
      namespace: 'raw-text',
    }));
    build.onLoad({ filter: /.*/, namespace: 'raw-text' }, (args) => ({
      contents: readFileSync(args.path, 'utf8'),
      loader: 'text',
    }));
  },
};

/** Modules imported with a `?script` suffix are bundled on their own into a CommonJS script and become its text. */
const scriptText = {
  name: 'script-text',
  setup(build) {
    build.onResolve({ filter: /\?script$/ }, (args) => ({
      path: resolve(args.resolveDir, args.path.replace(/\?script$/, '')),
      namespace: 'script-text',
    }));
    build.onLoad({ filter: /.*/, namespace: 'script-text' }, async (args) => {
      const inner = await esbuild.build({
        entryPoints: [args.path],
        bundle: true,
        write: false,
        platform: 'node',
        format: 'cjs',
        target: 'node20.18',
        minify: true,
        legalComments: 'none',
        logLevel: 'warning',
      });
      return { contents: inner.outputFiles[0].text, loader: 'text', watchFiles: [args.path] };
    });
  },
};

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
