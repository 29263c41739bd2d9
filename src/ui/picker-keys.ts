// Which picker action a key press asks for, from Ink's (input, key) pair; every printable key types into the filter.
import type { PickerAction } from '../model/console-state/picker.js';

/** The fields of Ink's Key the picker looks at. */
export interface PickerKey {
  upArrow?: boolean;
  downArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  escape?: boolean;
  backspace?: boolean;
  delete?: boolean;
  ctrl?: boolean;
  meta?: boolean;
  tab?: boolean;
}

/** The action for a key while the picker is open; `pageRows` is how many list rows a page moves. Undefined: ignore. */
export function pickerActionFor(input: string, key: PickerKey, pageRows: number): PickerAction | undefined {
  if (key.escape) return { type: 'esc' };
  if (key.return) return { type: 'enter' };
  if (key.upArrow) return { type: 'up' };
  if (key.downArrow) return { type: 'down' };
  if (key.pageUp) return { type: 'page', direction: -1, rows: pageRows };
  if (key.pageDown) return { type: 'page', direction: 1, rows: pageRows };
  if (key.home) return { type: 'home' };
  if (key.end) return { type: 'end' };
  if (key.backspace || key.delete) return { type: 'erase' };
  if (key.ctrl) {
    if (input === 'u') return { type: 'clear' };
    if (input === 'p') return { type: 'up' };
    if (input === 'n') return { type: 'down' };
    return undefined;
  }
  if (key.meta || key.tab || input === '') return undefined;
  return { type: 'type', text: input };
}
