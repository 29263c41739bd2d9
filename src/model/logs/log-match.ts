// The log filter typed after `/`: a substring (case-insensitive unless it has a capital), or `re:` and a regex.
import type { LogLine } from './log-line.js';

/** A compiled filter, or why the text could not be used. */
export type LogFilter = { ok: true; test: (line: LogLine) => boolean } | { ok: false; error: string };

/** Compiles filter text; empty text is null (no filter). Matches the raw line and the source name. */
export function compileLogFilter(text: string): LogFilter | null {
  const t = text.trim();
  if (t === '') return null;
  if (t.startsWith('re:')) {
    const body = t.slice(3);
    if (body === '') return { ok: false, error: 're: needs a pattern after it' };
    try {
      const re = new RegExp(body, /[A-Z]/.test(body.replace(/\\[A-Za-z]/g, '')) ? '' : 'i');
      return { ok: true, test: (l) => re.test(l.raw) || re.test(l.source) };
    } catch (err) {
      return { ok: false, error: `bad regular expression: ${(err as Error).message.replace(/^Invalid regular expression: /, '')}` };
    }
  }
  if (/[A-Z]/.test(t)) return { ok: true, test: (l) => l.raw.includes(t) || l.source.includes(t) };
  const lower = t.toLowerCase();
  return { ok: true, test: (l) => l.raw.toLowerCase().includes(lower) || l.source.toLowerCase().includes(lower) };
}
