// The keymap as data: which key does what, used by the input handler and the help overlay.

/** Commands a key can trigger. */
export type Command =
  | 'quit' | 'help' | 'pause' | 'window-up' | 'window-down' | 'refresh' | 'focus-next' | 'focus-prev' | 'close'
  | 'filter' | 'errors-only' | 'follow' | 'scroll-up' | 'scroll-down' | 'page-up' | 'page-down'
  | 'pick-service' | 'select' | 'cursor-back' | 'cursor-forward' | 'cursor-back-far' | 'cursor-forward-far' | 'copy-query' | 'copy-link' | 'trace-filter' | 'zoom' | 'why';

/** One binding: the key as typed (or a named key) and what it does. */
export interface Binding {
  key: string;
  command: Command;
  help: string;
}

/** Every binding, in help order. */
export const KEYMAP: Binding[] = [
  { key: 'q', command: 'quit', help: 'quit' },
  { key: '?', command: 'help', help: 'help on/off' },
  { key: 'p', command: 'pause', help: 'pause / resume the screen' },
  { key: '+', command: 'window-up', help: 'longer window' },
  { key: '-', command: 'window-down', help: 'shorter window' },
  { key: 'r', command: 'refresh', help: 'refresh now' },
  { key: 'tab', command: 'focus-next', help: 'next panel' },
  { key: 'shift-tab', command: 'focus-prev', help: 'previous panel' },
  { key: 'z', command: 'zoom', help: 'zoom the focused panel to the full screen (z again, or esc, returns)' },
  { key: 'w', command: 'why', help: 'why: every suspect with its evidence; enter acts on one (pod: drill down, change or alert: time cursor, message: filter the logs, component: focus the pipeline)' },
  { key: 's', command: 'pick-service', help: 'pick a service (type to filter, enter to choose)' },
  { key: 'enter', command: 'select', help: 'p99 focused: scope every panel to the selected pod' },
  { key: '[', command: 'cursor-back', help: 'time cursor back one chart column (logs show that moment); a past window pans back from its oldest column' },
  { key: ']', command: 'cursor-forward', help: 'time cursor forward; past the end returns to live (a past window pans forward)' },
  { key: '{', command: 'cursor-back-far', help: 'time cursor back ten columns' },
  { key: '}', command: 'cursor-forward-far', help: 'time cursor forward ten columns' },
  { key: '/', command: 'filter', help: 'filter logs (text, or re:regex); enter applies, esc cancels' },
  { key: 'e', command: 'errors-only', help: 'logs: errors only on/off' },
  { key: 'f', command: 'follow', help: 'logs: follow the newest line' },
  { key: 'up', command: 'scroll-up', help: 'logs: scroll up a line (p99 focused: previous pod)' },
  { key: 'down', command: 'scroll-down', help: 'logs: scroll down a line (p99 focused: next pod)' },
  { key: 'pageup', command: 'page-up', help: 'logs: scroll up a page' },
  { key: 'pagedown', command: 'page-down', help: 'logs: scroll down a page' },
  { key: 't', command: 'trace-filter', help: 'p99 focused: filter the logs by the selected pod\'s trace id (t again clears)' },
  { key: 'y', command: 'copy-query', help: 'copy the focused panel\'s PromQL (p99 focused: the p99 query) to the clipboard' },
  { key: 'Y', command: 'copy-link', help: 'copy a Grafana Explore link for it (profile grafana.url)' },
  { key: 'escape', command: 'close', help: 'close help, clear the time cursor, or go back to the previous scope' },
];

/** Input as Ink reports it. */
export interface KeyInput {
  input: string;
  tab?: boolean;
  shift?: boolean;
  escape?: boolean;
  ctrl?: boolean;
  upArrow?: boolean;
  downArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  return?: boolean;
}

/** The command for a key press, or undefined. */
export function commandFor(k: KeyInput): Command | undefined {
  let name = k.input;
  if (k.tab) name = k.shift ? 'shift-tab' : 'tab';
  else if (k.escape) name = 'escape';
  else if (k.return) name = 'enter';
  else if (k.upArrow) name = 'up';
  else if (k.downArrow) name = 'down';
  else if (k.pageUp) name = 'pageup';
  else if (k.pageDown) name = 'pagedown';
  else if (k.ctrl && k.input === 'c') return 'quit';
  else if (k.input === '=') name = '+';
  return KEYMAP.find((b) => b.key === name)?.command;
}

/** Footer hint for the current width. */
export function footerHint(width: number): string {
  const full = 'q quit  ? help  w why  p pause  / filter  e errors  s service  [ ] cursor  +/- window  tab focus';
  return full.length <= width ? full : 'q quit  ? help  w why';
}
