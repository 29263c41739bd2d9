// The program travels in a block comment (scripts/build.mjs), so its text must not hold "*/". Each one is rewritten
// where it stands, to code that means the same: the launcher then compiles a slice of its own source as it is. (An
// escape undone at start-up made a copy of the whole program: about 6 ms of every start, measured in BENCHMARKS.md.)
// The program is parsed by TypeScript's parser to know where each one stands:
// - in a string or an untagged template: `*\/` (an escaped slash is a slash);
// - closing a regular expression: `*(?:)/` (an empty group matches nothing more);
// - inside a regular expression, in a class: `*\/`;
// - opening a regular expression, or between two other tokens: `* /`.
// A tagged template's raw text would change: the build stops there, as anywhere it cannot tell.
import { Script } from 'node:vm';
import ts from 'typescript';

const END = '*/';

/** `code` with every "*" "/" pair written another way that means the same (see above). */
export function withoutCommentEnd(code) {
  const at = [];
  for (let i = code.indexOf(END); i >= 0; i = code.indexOf(END, i + 1)) at.push(i + 1);
  if (at.length === 0) return code;
  const file = ts.createSourceFile('program.js', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  if (file.parseDiagnostics.length > 0) throw new Error(`the program does not parse: ${file.parseDiagnostics[0].messageText}`);
  /** Insertions, each [offset, text], for the slash at each offset of `at`. */
  const edits = new Map();
  const literals = new Set([ts.SyntaxKind.StringLiteral, ts.SyntaxKind.NoSubstitutionTemplateLiteral, ts.SyntaxKind.TemplateHead,
    ts.SyntaxKind.TemplateMiddle, ts.SyntaxKind.TemplateTail, ts.SyntaxKind.RegularExpressionLiteral]);
  const visit = (node) => {
    const start = node.getStart(file);
    const inside = at.filter((slash) => slash >= start && slash < node.end);
    if (inside.length === 0) return;
    if (!literals.has(node.kind)) return void ts.forEachChild(node, visit);
    for (const slash of inside) {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const closing = start + node.getText(file).lastIndexOf('/');
        edits.set(slash, slash === start ? ' ' : slash === closing ? '(?:)' : '\\');
      } else {
        for (let p = node.parent; p; p = p.parent) {
          if (ts.isTaggedTemplateExpression(p)) throw new Error(`"*/" in a tagged template at offset ${slash}: ${JSON.stringify(code.slice(slash - 40, slash + 10))}`);
        }
        edits.set(slash, '\\');
      }
    }
  };
  visit(file);
  // What no literal holds is a "*" before a slash that starts a token.
  for (const slash of at) if (!edits.has(slash)) edits.set(slash, ' ');
  let out = code;
  for (const slash of [...edits.keys()].sort((a, b) => b - a)) out = out.slice(0, slash) + edits.get(slash) + out.slice(slash);
  if (out.includes(END)) throw new Error('the program still holds "*/" after its rewrite');
  new Script(out, { filename: 'program.js' });
  return out;
}
