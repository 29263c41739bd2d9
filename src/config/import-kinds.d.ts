// YAML files read when the program is built, by the loader profiles are read with at run time: the document as JSON
// text (profiles shipped inside the program; scripts/yaml-json.mjs).
declare module '*.yaml?json' {
  const json: string;
  export default json;
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
