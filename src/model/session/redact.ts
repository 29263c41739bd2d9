// Removes credentials from text before it is shown, logged, recorded or written to a session file.

/** Replaces every secret and any URL userinfo in `text` with "***". */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s@]+@/gi, '$1***@');
  for (const s of secrets) if (s.length >= 3) out = out.split(s).join('***');
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
