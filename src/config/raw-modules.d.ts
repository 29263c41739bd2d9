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
