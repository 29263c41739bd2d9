// Keys while the Why list is open: up/down choose a suspect, enter acts on it, w or esc close the list.
import type { ViewAction, ViewState } from '../model/console-state/view-state.js';
import { suspectAction } from '../model/suspects/suspect-actions.js';
import type { Suspect } from '../model/suspects/suspect.js';

/** A key press as the list needs it. */
export interface WhyKey {
  input: string;
  upArrow?: boolean;
  downArrow?: boolean;
  return?: boolean;
  escape?: boolean;
}

/** What a key does with the list open: view actions in order, and a confirmation for the footer. */
export interface WhyKeyResult {
  actions: ViewAction[];
  say?: string;
}

const hms = (ms: number) => `${new Date(ms).toISOString().slice(11, 19)}Z`;

/** The actions for a key while the list is open (`now` in epoch ms); other keys do nothing while it is. */
export function whyKeyActions(k: WhyKey, view: ViewState, suspects: readonly Suspect[], now: number): WhyKeyResult {
  if (k.upArrow) return { actions: [{ type: 'why-select', delta: -1, count: suspects.length }] };
  if (k.downArrow) return { actions: [{ type: 'why-select', delta: 1, count: suspects.length }] };
  if (k.escape || k.input === 'w') return { actions: [{ type: 'toggle-why' }] };
  if (!k.return) return { actions: [] };
  const s = suspects[Math.min(view.whySelected ?? 0, suspects.length - 1)];
  const a = s && suspectAction(s);
  const close: ViewAction = { type: 'toggle-why' };
  if (!a) return { actions: [close], say: s ? `nothing to act on for ${s.subject}` : 'no clear suspect: nothing to act on' };
  switch (a.type) {
    case 'scope-pod':
      return { actions: [close, { type: 'scope-pod', pod: a.pod }], say: `scoped to ${a.pod} (esc goes back)` };
    case 'cursor':
      return { actions: [close, { type: 'cursor-set', at: a.at, now }], say: `time cursor at ${hms(a.at)} (esc returns to live)` };
    case 'filter':
      return { actions: [close, { type: 'logs', action: { type: 'filter-set', text: a.text } }], say: 'logs filtered by the message (/ then ctrl-u clears)' };
    default:
      return { actions: [close, { type: 'focus-set', focus: 'pipeline' }], say: 'pipeline panel focused' };
  }
}
