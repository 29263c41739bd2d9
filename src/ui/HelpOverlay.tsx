// The help screen: every key binding, from the keymap data; long lines wrap, and a list taller than the terminal
// scrolls with up/down (it is never cut at either edge).
import { KEYMAP } from './keymap.js';
import { line, type Line } from '../terminal/styled.js';
import { Lines } from './Lines.js';

/** Props: terminal size and colour, more keys under their own heading, and how far the list is scrolled. */
export interface HelpOverlayProps {
  rows: number;
  cols: number;
  color: boolean;
  more?: { title: string; keys: ReadonlyArray<{ key: string; help: string }> };
  /** Lines scrolled down from the top. */
  scroll?: number;
}

/** `text` in lines of at most `width` columns, broken at spaces, later lines indented by `indent`. */
function wrap(text: string, width: number, indent: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const word of text.split(' ')) {
    const next = cur === '' ? word : `${cur} ${word}`;
    if (next.length <= width || cur.trim() === '') cur = next;
    else {
      out.push(cur);
      cur = `${' '.repeat(indent)}${word}`;
    }
  }
  if (cur) out.push(cur);
  return out.map((l) => l.slice(0, width));
}

/** Every line of the help text for a width. */
export function helpLines(cols: number, more?: HelpOverlayProps['more']): Line[] {
  const lines: Line[] = [line('incident - keys', 'title', true), line('')];
  // The key column stays as it is; only the words after it wrap, under themselves.
  const binding = (key: string, help: string) => {
    const lead = `  ${key.padEnd(10)} `;
    return wrap(help, Math.max(10, cols - lead.length), 0).map((l, i) => line(`${i === 0 ? lead : ' '.repeat(lead.length)}${l}`.slice(0, cols)));
  };
  if (more) {
    lines.push(line(more.title, 'title', true));
    for (const b of more.keys) lines.push(...binding(b.key, b.help));
    lines.push(line(''), line('console', 'title', true));
  }
  for (const b of KEYMAP) lines.push(...binding(b.key, b.help));
  lines.push(line(''), ...wrap('Ages ("2s old") say how fresh each number is; a DOWN source keeps its last good data.', cols, 0).map((l) => line(l, 'muted')));
  return lines;
}

/** Full-screen list of keys; `?` or `escape` closes it. */
export function HelpOverlay({ rows, cols, color, more, scroll = 0 }: HelpOverlayProps) {
  const all = helpLines(cols, more);
  if (all.length <= rows) {
    const lines = [...all];
    while (lines.length < rows) lines.push(line(''));
    return <Lines lines={lines} color={color} />;
  }
  const room = Math.max(1, rows - 1);
  const top = Math.max(0, Math.min(scroll, all.length - room));
  const footer = line(`  up/down scroll: lines ${top + 1}-${top + room} of ${all.length}  ? or esc closes`, 'accent');
  return <Lines lines={[...all.slice(top, top + room), footer]} color={color} />;
}
