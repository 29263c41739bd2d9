// The help screen: every key binding, from the keymap data.
import { KEYMAP } from './keymap.js';
import { line, type Line } from '../terminal/styled.js';
import { Lines } from './Lines.js';

/** Props: terminal size and colour, and more keys under their own heading. */
export interface HelpOverlayProps {
  rows: number;
  cols: number;
  color: boolean;
  more?: { title: string; keys: ReadonlyArray<{ key: string; help: string }> };
}

/** Full-screen list of keys; `?` or `escape` closes it. */
export function HelpOverlay({ rows, cols, color, more }: HelpOverlayProps) {
  const lines: Line[] = [line('incident - keys', 'title', true), line('')];
  if (more) {
    // The extra keys first: they are what this screen adds, and the list may be cut at the bottom.
    lines.push(line(more.title, 'title', true));
    for (const b of more.keys) lines.push(line(`  ${b.key.padEnd(10)} ${b.help}`.slice(0, cols)));
    lines.push(line(''), line('console', 'title', true));
  }
  for (const b of KEYMAP) lines.push(line(`  ${b.key.padEnd(10)} ${b.help}`.slice(0, cols)));
  lines.push(line(''), line('Ages ("2s old") say how fresh each number is; a DOWN source keeps its last good data.', 'muted'));
  while (lines.length < rows) lines.push(line(''));
  return <Lines lines={lines.slice(0, rows)} color={color} />;
}
