// Splits a command line into argv the way a POSIX shell would quote it, without running a shell, and expands the
// $service and $pod placeholders of a command template as data: one argv element, or one single-quoted shell word.
import { UserError } from '../../config/errors.js';

/** A command line that cannot be split: unterminated quote, trailing backslash, or shell syntax without a shell. */
export class ArgvError extends UserError {
  constructor(code: string, message: string, hint?: string) {
    super(code, message, hint);
    this.name = 'ArgvError';
  }
}

const SHELL_ONLY = new Set(['|', '&', ';', '<', '>', '(', ')', '`', '$']);
const IN_DOUBLE_ESCAPABLE = new Set(['\\', '"', '$', '`']);

/** Values for the placeholders of a command template ($service, $pod). */
export type TemplateVars = Readonly<Record<string, string>>;

/** The placeholder at `i` ("$service" followed by a non-word character), with its value, or null. */
function placeholderAt(line: string, i: number, vars: TemplateVars | undefined): { length: number; value: string } | null {
  if (!vars || line[i] !== '$') return null;
  const m = /^\$([A-Za-z_]\w*)\b/.exec(line.slice(i, i + 64));
  if (!m || !Object.hasOwn(vars, m[1])) return null;
  return { length: m[0].length, value: vars[m[1]] };
}

/** `value` as one single-quoted shell word: nothing in it is expanded, substituted or split by the shell. */
export const shellQuote = (value: string): string => `'${value.replace(/'/g, "'\\''")}'`;

/**
 * A shell command template with each placeholder replaced by its value as one single-quoted word. Inside the
 * template's own quotes the quote is closed first and opened again after, so "app=$service" and 'app=$service'
 * both give the value as plain data.
 */
export function expandShellTemplate(line: string, vars: TemplateVars): string {
  let out = '';
  let quote: "'" | '"' | null = null;
  let i = 0;
  while (i < line.length) {
    const ch = line[i];
    const ph = placeholderAt(line, i, vars);
    if (ph) {
      out += quote ? `${quote}${shellQuote(ph.value)}${quote}` : shellQuote(ph.value);
      i += ph.length;
      continue;
    }
    if (ch === '\\' && quote !== "'" && i + 1 < line.length) {
      out += line.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (quote === null && (ch === "'" || ch === '"')) quote = ch;
    else if (ch === quote) quote = null;
    out += ch;
    i++;
  }
  return out;
}

/**
 * Words of `line`: whitespace separates words; '...' is literal; "..." allows \\ \" \$ \` escapes;
 * a backslash outside quotes escapes the next character; backslash-newline joins lines.
 * Unquoted | & ; < > ( ) ` $ are refused, since only a shell gives them meaning. With `vars`, a placeholder such as
 * $service is replaced by its value inside whatever word it stands in, quoted or not: it never splits a word or adds one.
 */
export function splitArgv(line: string, vars?: TemplateVars): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  const fail = (code: string, what: string, hint?: string): never => {
    // The line itself is not repeated: it may carry a token.
    throw new ArgvError(code, `command line: ${what} at character ${i + 1}`, hint);
  };
  while (i < line.length) {
    const ch = line[i];
    if (ch === ' ' || ch === '\t' || ch === '\n') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i += 1;
    } else if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end === -1) fail('INC_ARGV_QUOTE', 'unterminated single quote', "close the ' quote");
      word += vars ? expandLiteral(line.slice(i + 1, end), vars) : line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (ch === '"') {
      i += 1;
      for (;;) {
        if (i >= line.length) fail('INC_ARGV_QUOTE', 'unterminated double quote', 'close the " quote');
        const c = line[i];
        if (c === '"') break;
        const ph = placeholderAt(line, i, vars);
        if (ph) {
          word += ph.value;
          i += ph.length;
          continue;
        }
        if (c === '\\' && i + 1 < line.length && (IN_DOUBLE_ESCAPABLE.has(line[i + 1]) || line[i + 1] === '\n')) {
          if (line[i + 1] !== '\n') word += line[i + 1];
          i += 2;
        } else {
          word += c;
          i += 1;
        }
      }
      inWord = true;
      i += 1;
    } else if (ch === '\\') {
      if (i + 1 >= line.length) fail('INC_ARGV_ESCAPE', 'trailing backslash', 'remove it or escape it as \\\\');
      if (line[i + 1] !== '\n') {
        word += line[i + 1];
        inWord = true;
      }
      i += 2;
    } else if (placeholderAt(line, i, vars)) {
      const ph = placeholderAt(line, i, vars) as { length: number; value: string };
      word += ph.value;
      inWord = true;
      i += ph.length;
    } else if (SHELL_ONLY.has(ch)) {
      fail('INC_ARGV_SHELL', `"${ch}" needs a shell`, 'quote it, or run the command through a shell (shell: true)');
    } else {
      word += ch;
      inWord = true;
      i += 1;
    }
  }
  if (inWord) words.push(word);
  if (words.length === 0) fail('INC_ARGV_EMPTY', 'no command given', "give a command such as 'kubectl logs -f -l app=payments'");
  return words;
}

/** Placeholders replaced in text that is otherwise taken literally (inside single quotes). */
function expandLiteral(text: string, vars: TemplateVars): string {
  let out = '';
  for (let i = 0; i < text.length; ) {
    const ph = placeholderAt(text, i, vars);
    if (ph) {
      out += ph.value;
      i += ph.length;
    } else out += text[i++];
  }
  return out;
}
