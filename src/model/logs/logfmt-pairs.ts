// logfmt: key=value pairs separated by spaces, values bare or double-quoted with backslash escapes.

/** True when the line looks like logfmt (starts with a key=). */
export function looksLikeLogfmt(line: string): boolean {
  return /^\s*[A-Za-z_][\w.\-]*=/.test(line);
}

/** The pairs of a logfmt line; a key without `=` gets the value "true". Linear in the line length, never throws. */
export function parseLogfmt(line: string, maxPairs = 64): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  const n = line.length;
  let pairs = 0;
  while (i < n && pairs < maxPairs) {
    while (i < n && line.charCodeAt(i) <= 0x20) i++;
    const keyStart = i;
    while (i < n && line[i] !== '=' && line.charCodeAt(i) > 0x20) i++;
    const key = line.slice(keyStart, i);
    if (!key) break;
    if (line[i] !== '=') {
      out[key] = 'true';
      pairs++;
      continue;
    }
    i++;
    let value = '';
    if (line[i] === '"') {
      i++;
      let from = i;
      while (i < n && line[i] !== '"') {
        if (line[i] === '\\' && i + 1 < n) {
          value += line.slice(from, i);
          const e = line[i + 1];
          value += e === 'n' ? '\n' : e === 't' ? '\t' : e;
          i += 2;
          from = i;
        } else i++;
      }
      value += line.slice(from, i);
      i++;
    } else {
      const from = i;
      while (i < n && line.charCodeAt(i) > 0x20) i++;
      value = line.slice(from, i);
    }
    out[key] = value;
    pairs++;
  }
  return out;
}
