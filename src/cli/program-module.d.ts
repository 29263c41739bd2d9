// The program bundle's hash, put into the launcher by the build (scripts/build.mjs); the program itself follows the
// launcher's code in its file, as a CommonJS function expression: (require, module, __filename, __dirname) => void.
declare module 'incident:program' {
  /** The first 16 hex digits of the program's SHA-256. */
  export const key: string;
}
