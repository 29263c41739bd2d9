// What enter does on a suspect in the Why list: drill down to a pod, move the time cursor, filter the logs, focus a panel.
import type { Suspect } from './suspect.js';

/** The action for a suspect, or null when there is none (a node or zone: the console scopes to pods only). */
export type SuspectAction =
  | { type: 'scope-pod'; pod: string }
  | { type: 'cursor'; at: number }
  | { type: 'filter'; text: string }
  | { type: 'focus'; panel: 'pipeline' };

const MASKS = /<(?:n|hex|uuid|ip)>/g;

/**
 * A log filter (`re:` form) matching every line of a masked message: its text escaped, each mask any run of
 * non-space characters, each space any whitespace, a cut end (…) dropped.
 */
export function messageFilter(masked: string): string {
  const text = masked.endsWith('…') ? masked.slice(0, -1) : masked;
  const parts = text.split(MASKS).map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/ +/g, '\\s+'));
  return `re:${parts.join('\\S+?')}`;
}

/** What enter on `s` does. */
export function suspectAction(s: Suspect): SuspectAction | null {
  switch (s.kind) {
    case 'pod':
      return !s.label || s.label === 'pod' ? { type: 'scope-pod', pod: s.subject } : null;
    case 'change':
    case 'alert':
      return s.at !== null ? { type: 'cursor', at: s.at } : null;
    case 'dependency':
      return { type: 'filter', text: messageFilter(s.subject) };
    case 'trust':
      return { type: 'focus', panel: 'pipeline' };
    default:
      return null;
  }
}
