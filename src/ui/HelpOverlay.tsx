// The help screen: every key binding, from the keymap data.
import { KEYMAP } from './keymap.js';
import { line, type Line } from './format/styled.js';
import { Lines } from './Lines.js';

/** Props: terminal size and colour. */
export interface HelpOverlayProps {
  rows: number;
  cols: number;
  color: boolean;
}

/** Full-screen list of keys; `?` or `escape` closes it. */
export function HelpOverlay({ rows, cols, color }: HelpOverlayProps) {
  const lines: Line[] = [line('incident - keys', 'title', true), line('')];
  for (const b of KEYMAP) lines.push(line(`  ${b.key.padEnd(10)} ${b.help}`.slice(0, cols)));
  lines.push(line(''), line('Ages ("2s old") say how fresh each number is; a DOWN source keeps its last good data.', 'muted'));
  while (lines.length < rows) lines.push(line(''));
  return <Lines lines={lines.slice(0, rows)} color={color} />;
}
