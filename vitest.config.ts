import { dirname, resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import { watModuleSource } from './scripts/wat.mjs';
import { yamlJson } from './scripts/yaml-json.mjs';

/** `./name.wat?wasm` imports give the module's bytes, as in the built program (scripts/build.mjs). */
const wasmBytes = {
  name: 'wat-wasm',
  enforce: 'pre' as const,
  resolveId(id: string, importer?: string) {
    if (!id.endsWith('.wat?wasm') || importer === undefined) return null;
    return `\0wat:${resolve(dirname(importer), id.slice(0, -'?wasm'.length))}`;
  },
  async load(id: string) {
    if (!id.startsWith('\0wat:')) return null;
    return watModuleSource(id.slice('\0wat:'.length));
  },
};

/** `./name.yaml?json` imports give the document as JSON text, as in the built program (scripts/yaml-json.mjs). */
const yamlAsJson = {
  name: 'yaml-json',
  enforce: 'pre' as const,
  resolveId(id: string, importer?: string) {
    if (!id.endsWith('.yaml?json') || importer === undefined) return null;
    return `\0yaml-json:${resolve(dirname(importer), id.slice(0, -'?json'.length))}`;
  },
  load(id: string) {
    if (!id.startsWith('\0yaml-json:')) return null;
    return `export default ${JSON.stringify(yamlJson(id.slice('\0yaml-json:'.length)))};`;
  },
};

export default defineConfig({
  plugins: [wasmBytes, yamlAsJson],
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
