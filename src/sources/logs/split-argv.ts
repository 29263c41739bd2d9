// Splits a command line into argv the way a POSIX shell would quote it, without running a shell.
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

/**
 * Words of `line`: whitespace separates words; '...' is literal; "..." allows \\ \" \$ \` escapes;
 * a backslash outside quotes escapes the next character; backslash-newline joins lines.
 * Unquoted | & ; < > ( ) ` $ are refused, since only a shell gives them meaning.
 */
export function splitArgv(line: string): string[] {
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
      word += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (ch === '"') {
      i += 1;
      for (;;) {
        if (i >= line.length) fail('INC_ARGV_QUOTE', 'unterminated double quote', 'close the " quote');
        const c = line[i];
        if (c === '"') break;
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
