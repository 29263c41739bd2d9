// Builds dist/incident.mjs: one self-contained, minified ESM file with every dependency inside.
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { withoutCommentEnd } from './comment-safe.mjs';
import { watPlugin } from './wat.mjs';
import { yamlJsonPlugin } from './yaml-json.mjs';

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

/** Modules imported with a `?script` suffix are bundled on their own into a CommonJS script and become its text. */
const scriptText = textImport('script', async (path) => {
  const inner = await esbuild.build({
    entryPoints: [path], bundle: true, write: false, platform: 'node', format: 'cjs', target: 'node20.18',
    minify: true, legalComments: 'none', logLevel: 'warning', plugins: [watPlugin],
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

/**
 * Dependencies patched at build time by exact text (a changed dependency fails the build here).
 *
 * Top-level await cannot be in a CommonJS program (and V8 keeps compiled code only for scripts on Node 20). Two
 * modules have one:
 * - Ink's reconciler awaits its devtools and package.json only when DEV=true: never in this program.
 * - yoga-layout awaits its WebAssembly: it exports `ready` instead, and its default export answers once that has
 *   settled (app/load-ink.ts awaits it before Ink is loaded).
 */
const patches = {
  'ink/build/reconciler.js': [
    ["        await import('./devtools.js');", '        void 0;'],
    ['    ? await loadPackageJson()', '    ? { name: undefined, version: undefined }'],
  ],
  // Two modules load a built-in module at their start for one rarely used function (5 ms each, on every command):
  // commander's child_process for subcommands run as programs (we have none), cosmiconfig's crypto for TypeScript
  // config files (we search for none). They now load it on that function's first call.
  'commander/lib/command.js': [
    ["const childProcess = require('node:child_process');", "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };"],
  ],
  'cosmiconfig/dist/loaders.js': [
    ['const crypto_1 = require("crypto");', 'const crypto_1 = { randomUUID: () => require("crypto").randomUUID() };'],
  ],
  'yoga-layout/dist/src/index.js': [
    ['const Yoga = wrapAssembly(await loadYoga());\nexport default Yoga;',
      'let Yoga;\nexport const ready = loadYoga().then((m) => { Yoga = wrapAssembly(m); });\n' +
      "export default new Proxy({}, { get: (_, k) => { if (!Yoga) throw new Error('yoga-layout used before ready'); return Yoga[k]; } });"],
  ],
};
const patchedModules = {
  name: 'patched-modules',
  setup(build) {
    build.onLoad({ filter: /node_modules[\\/](ink[\\/]build[\\/]reconciler|yoga-layout[\\/]dist[\\/]src[\\/]index|commander[\\/]lib[\\/]command|cosmiconfig[\\/]dist[\\/]loaders)\.js$/ }, (args) => {
      const rel = Object.keys(patches).find((k) => args.path.replace(/\\/g, '/').endsWith(`node_modules/${k}`));
      let text = readFileSync(args.path, 'utf8');
      for (const [from, to] of patches[rel]) {
        if (!text.includes(from)) throw new Error(`build patch for ${rel} no longer applies: ${JSON.stringify(from)} not found`);
        text = text.replace(from, to);
      }
      return { contents: text, loader: 'js' };
    });
  },
};

mkdirSync(dirname(outfile), { recursive: true });
// The program: every module, one CommonJS function the launcher compiles with V8's code cache.
const program = await esbuild.build({
  entryPoints: [resolve(root, 'src/cli/bin.ts')],
  write: false,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20.18',
  minify: true,
  legalComments: 'none',
  metafile: true,
  define: { 'process.env.NODE_ENV': '"production"' },
  plugins: [scriptText, watPlugin, yamlJsonPlugin, noDevtools, patchedModules],
  banner: { js: '(function(require,module,__filename,__dirname){var exports=module.exports;' },
  footer: { js: '})' },
  logLevel: 'warning',
});
// The program travels in a block comment: it must not hold "*/" (scripts/comment-safe.mjs).
const code = withoutCommentEnd(program.outputFiles[0].text);
const key = createHash('sha256').update(code).digest('hex').slice(0, 16);
/** Marks where the program starts in the launcher's file (src/cli/launcher.ts looks for it). */
const PROGRAM_MARKER = 'incident-program-follows';
/**
 * The launcher, with the program after it in a block comment, the body of a function the launcher calls
 * `incidentProgram`: the parser skips a comment faster than it reads a string literal, and the function's source text
 * (Function.prototype.toString) is a slice of the module's own, so the program is neither read from the file again nor
 * copied.
 */
// The launcher reads the program back as Latin-1, one byte per character, without decoding UTF-8: it must be ASCII.
const nonAscii = code.search(/[^\x00-\x7f]/);
if (nonAscii >= 0) throw new Error(`the program is not ASCII at ${JSON.stringify(code.slice(nonAscii - 40, nonAscii + 10))}: write the character as an escape`);
const programModule = {
  name: 'incident-program',
  setup(build) {
    build.onResolve({ filter: /^incident:program$/ }, () => ({ path: 'program', namespace: 'incident-program' }));
    build.onLoad({ filter: /.*/, namespace: 'incident-program' }, () => ({
      contents: `export const key = ${JSON.stringify(key)};\n`, loader: 'js',
    }));
  },
};
await esbuild.build({
  entryPoints: [resolve(root, 'src/cli/launcher.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.18',
  minify: true,
  legalComments: 'none',
  plugins: [programModule, scriptText],
  banner: { js: '#!/usr/bin/env node' },
  footer: { js: `\nfunction incidentProgram(){/*${PROGRAM_MARKER}\n${code}*/}\n` },
  logLevel: 'warning',
});
const result = program;
chmodSync(outfile, 0o755);
if (process.argv.includes('--analyze')) console.log(await esbuild.analyzeMetafile(result.metafile));
console.error(`built ${outfile} (${Math.round(statSync(outfile).size / 1024)} KiB)`);
