// Files imported as text (profiles shipped inside the bundle).
declare module '*?raw' {
  const text: string;
  export default text;
}
