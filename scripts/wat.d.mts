// Types of scripts/wat.mjs, for the tests that build a thread's script with it.
import type { Plugin } from 'esbuild';

/** The bytes of the module written in the .wat file at `path`. */
export function watBytes(path: string): Promise<Uint8Array>;
/** A module whose default export is those bytes. */
export function watModuleSource(path: string): Promise<string>;
/** The esbuild plugin for `?wasm` imports. */
export const watPlugin: Plugin;
