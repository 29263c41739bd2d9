// The program bundle, put into the launcher by the build (scripts/build.mjs) as text and its hash.
declare module 'incident:program' {
  /** The program as a CommonJS function expression: (require, module, __filename, __dirname) => void. */
  export const code: string;
  /** The first 16 hex digits of the program's SHA-256. */
  export const key: string;
}
