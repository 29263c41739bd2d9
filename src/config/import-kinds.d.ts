// Files imported as text (profiles shipped inside the bundle).
declare module '*?raw' {
  const text: string;
  export default text;
}

// A module built into a self-contained CommonJS script and imported as its text (run on a worker thread with eval).
declare module '*?script' {
  const code: string;
  export default code;
}

// WebAssembly text assembled into its module's bytes when the program is built (scripts/wat.mjs).
declare module '*.wat?wasm' {
  const bytes: Uint8Array<ArrayBuffer>;
  export default bytes;
}
