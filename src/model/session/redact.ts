// Removes credentials from text before it is shown, logged, recorded or written to a session file.

/** The shortest piece of a secret that is removed on its own (a server may echo a secret cut short). */
export const MIN_SECRET_PIECE = 6;

/**
 * Replaces every secret, every piece of a secret at least MIN_SECRET_PIECE characters long, and any URL userinfo in
 * `text` with "***". Pieces matter because text is often cut before it is shown: a body echoing a token, shortened
 * to 80 characters, still carries the token's first characters.
 */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s@]+@/gi, '$1***@');
  for (const s of secrets) {
    if (s.length < 3) continue;
    out = out.split(s).join('***');
    if (s.length >= MIN_SECRET_PIECE) out = redactPieces(out, s);
  }
  return out;
}

/** `text` with every run covered by a MIN_SECRET_PIECE-long piece of `secret` replaced by "***". */
function redactPieces(text: string, secret: string): string {
  let cover: Uint8Array | null = null;
  for (let i = 0; i + MIN_SECRET_PIECE <= secret.length; i++) {
    const piece = secret.slice(i, i + MIN_SECRET_PIECE);
    for (let at = text.indexOf(piece); at !== -1; at = text.indexOf(piece, at + 1)) {
      cover ??= new Uint8Array(text.length);
      cover.fill(1, at, at + MIN_SECRET_PIECE);
    }
  }
  if (!cover) return text;
  let out = '';
  for (let i = 0; i < text.length; ) {
    if (cover[i]) {
      out += '***';
      while (i < text.length && cover[i]) i++;
    } else out += text[i++];
  }
  return out;
}

/** A URL safe to display: userinfo, query string values named like secrets removed. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    for (const key of [...u.searchParams.keys()]) {
      if (/token|key|secret|pass|auth/i.test(key)) u.searchParams.set(key, '***');
    }
    return u.toString().replace(/\/$/, '');
  } catch {
    return redact(url);
  }
}
