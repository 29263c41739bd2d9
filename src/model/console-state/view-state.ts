// View state, all of it in one place: help, pause, window, focus, the log pane (with its frozen anchor), the time
// cursor, the selected p99 bar, the drill-down chain and the picker. One pure reducer changes it.
import { initialLogView, reduceLogView, type LogView, type LogViewAction } from '../logs/log-view.js';
import { createPicker, reducePicker, type PickerAction, type PickerState } from './picker.js';

/** Panels that can take focus, in tab order. */
export const FOCUSABLE = ['error_rate', 'p99', 'pipeline', 'logs'] as const;

/** A focusable panel: a built-in one, or a profile's own panel as `panel:<id>`. */
export type Focus = (typeof FOCUSABLE)[number] | `panel:${string}`;

/** Tab order with the profile's panels (by id, in layout order) between p99 and the pipeline. */
export function focusOrder(panelIds: readonly string[] = []): Focus[] {
  return ['error_rate', 'p99', ...panelIds.map((id): Focus => `panel:${id}`), 'pipeline', 'logs'];
}

/** Window lengths that + and - step through, in milliseconds. */
export const WINDOW_STEPS_MS = [5, 15, 30, 60, 180, 360, 720, 1440].map((m) => m * 60_000);

/** What the console is scoped to. */
export interface Scope {
  service: string;
  pod?: string;
}

/** What the engineer has chosen to see. */
export interface ViewState {
  /** How far the help screen is scrolled, in lines. */
  helpScroll: number;
  /** True once tab has moved the focus: from then on the focused panel is marked. */
  focusShown: boolean;
  /** The drill-down chain: the first scope is the one the console started with, the last is the one shown. */
  scopes: readonly Scope[];
  /** The service picker, while it is open. */
  picker: PickerState | null;
  /** Counts picker openings, so an answer for a picker closed since is ignored. */
  pickerTicket: number;
  /** Index of the selected p99 bar (when the p99 panel has focus). */
  selectedBar: number;
  help: boolean;
  paused: boolean;
  /** When paused, the epoch-ms moment the screen was frozen at. */
  pausedAt: number | null;
  windowMs: number;
  focus: Focus;
  logs: LogView;
  /** When paused, how many log lines had arrived (for the "N new lines" counter). */
  pausedLogTotal: number | null;
  /** The time cursor on the error-rate chart (epoch ms), or null when following live. */
  cursorAt: number | null;
  /** The focused panel fills the screen below the header (z toggles). */
  zoomed?: boolean;
  /** The list of suspects behind the Why line is open (w toggles). */
  why?: boolean;
  /** Index of the selected suspect in that list. */
  whySelected?: number;
}

/** Everything a key press can ask for. */
export type ViewAction =
  | { type: 'toggle-help' }
  | { type: 'close-overlay' }
  | { type: 'toggle-pause'; now: number; logTotal?: number }
  | { type: 'logs'; action: LogViewAction }
  | { type: 'cursor'; direction: 1 | -1; stepMs: number; now: number }
  | { type: 'cursor-clear' }
  | { type: 'help-scroll'; lines: number; max: number }
  | { type: 'window'; direction: 1 | -1 }
  | { type: 'focus-next'; panels?: readonly string[] }
  | { type: 'focus-prev'; panels?: readonly string[] }
  | { type: 'toggle-zoom' }
  | { type: 'select-bar'; delta: number; bars: number }
  | { type: 'scope-pod'; pod: string }
  | { type: 'scope-back' }
  | { type: 'picker-open' }
  | { type: 'picker'; action: PickerAction; ticket?: number }
  | { type: 'toggle-why' }
  | { type: 'why-select'; delta: number; count: number }
  | { type: 'cursor-set'; at: number; now: number }
  | { type: 'focus-set'; focus: Focus };

/** The initial view for a window length in milliseconds, scoped to `scope`. */
export function initialView(windowMs: number, scope: Scope = { service: '' }): ViewState {
  return {
    helpScroll: 0, focusShown: false, scopes: [scope], picker: null, pickerTicket: 0, selectedBar: 0,
    help: false, paused: false, pausedAt: null, windowMs, focus: 'error_rate', logs: initialLogView, pausedLogTotal: null, cursorAt: null,
  };
}

/** The scope the view shows. */
export const currentScope = (state: ViewState): Scope => state.scopes[state.scopes.length - 1];

/** The view with `next` pushed on the drill-down chain (unchanged when it is the current scope). */
function pushScope(state: ViewState, next: Scope): ViewState {
  const cur = currentScope(state);
  if (next.service === cur.service && next.pod === cur.pod) return state;
  return { ...state, scopes: [...state.scopes, next], selectedBar: 0, logs: { ...state.logs, scrollBack: 0, anchor: null } };
}

/** The view after a picker action: a chosen service becomes the scope, a cancelled picker closes. */
function applyPicker(state: ViewState, action: PickerAction, ticket?: number): ViewState {
  if (!state.picker || (ticket !== undefined && ticket !== state.pickerTicket)) return state;
  const next = reducePicker(state.picker, action);
  if (next.result?.type === 'chosen') return pushScope({ ...state, picker: null }, { service: next.result.value });
  if (next.result?.type === 'cancelled') return { ...state, picker: null };
  return { ...state, picker: next };
}

/** Next window step above or below `current` (milliseconds). */
export function stepWindow(current: number, direction: 1 | -1): number {
  if (direction > 0) return WINDOW_STEPS_MS.find((w) => w > current) ?? current;
  return [...WINDOW_STEPS_MS].reverse().find((w) => w < current) ?? current;
}

/** The cursor one step back or forward, kept inside the window; stepping past the newest point returns to live (null). */
export function moveCursor(state: ViewState, a: { direction: 1 | -1; stepMs: number; now: number }): number | null {
  const end = state.pausedAt ?? a.now;
  const step = Math.max(1000, a.stepMs);
  const from = state.cursorAt ?? end;
  const next = from + a.direction * step;
  if (next >= end) return null;
  return Math.max(end - state.windowMs, next);
}

/**
 * Pure reducer for view state. A change of service or pod ends a pause: the frozen frame holds the old scope's data,
 * which must not stay on screen under the new scope's name.
 */
export function reduceView(state: ViewState, action: ViewAction): ViewState {
  const next = reduceAction(state, action);
  if (!next.paused) return next;
  const [was, now] = [currentScope(state), currentScope(next)];
  return was.service === now.service && was.pod === now.pod ? next : { ...next, paused: false, pausedAt: null, pausedLogTotal: null };
}

function reduceAction(state: ViewState, action: ViewAction): ViewState {
  switch (action.type) {
    case 'toggle-help':
      return { ...state, help: !state.help, helpScroll: 0 };
    case 'help-scroll':
      return { ...state, helpScroll: Math.max(0, Math.min(action.max, state.helpScroll + action.lines)) };
    case 'close-overlay':
      return { ...state, help: false };
    case 'toggle-zoom':
      return { ...state, zoomed: !state.zoomed };
    case 'toggle-pause':
      // Paused, the log pane holds the lines that had arrived; back live, it follows again unless scrolled back.
      return state.paused
        ? { ...state, paused: false, pausedAt: null, pausedLogTotal: null, logs: state.logs.scrollBack > 0 ? state.logs : { ...state.logs, anchor: null } }
        : {
          ...state, paused: true, pausedAt: action.now, pausedLogTotal: action.logTotal ?? null,
          logs: { ...state.logs, anchor: state.logs.anchor ?? action.logTotal ?? null },
        };
    case 'logs': {
      const logs = reduceLogView(state.logs, action.action);
      // A paused pane stays anchored where it was paused, whatever the scroll does.
      return { ...state, logs: state.paused && logs.anchor === null ? { ...logs, anchor: state.logs.anchor ?? state.pausedLogTotal } : logs };
    }
    case 'cursor':
      return { ...state, cursorAt: moveCursor(state, action) };
    case 'cursor-clear':
      return { ...state, cursorAt: null };
    case 'window':
      return { ...state, windowMs: stepWindow(state.windowMs, action.direction) };
    case 'focus-next':
    case 'focus-prev': {
      const order = focusOrder(action.panels);
      const i = Math.max(0, order.indexOf(state.focus));
      const d = action.type === 'focus-next' ? 1 : order.length - 1;
      return { ...state, focus: order[(i + d) % order.length], focusShown: true };
    }
    case 'select-bar':
      return { ...state, selectedBar: Math.max(0, Math.min(Math.max(0, action.bars - 1), state.selectedBar + action.delta)) };
    case 'scope-pod':
      return pushScope(state, { service: currentScope(state).service, pod: action.pod });
    case 'scope-back':
      return state.scopes.length <= 1
        ? state
        : { ...state, scopes: state.scopes.slice(0, -1), selectedBar: 0, logs: { ...state.logs, scrollBack: 0, anchor: null } };
    case 'picker-open':
      return { ...state, picker: createPicker('service'), pickerTicket: state.pickerTicket + 1 };
    case 'picker':
      return applyPicker(state, action.action, action.ticket);
    case 'toggle-why':
      return { ...state, why: !state.why, whySelected: 0 };
    case 'why-select':
      return { ...state, whySelected: Math.max(0, Math.min(Math.max(0, action.count - 1), (state.whySelected ?? 0) + action.delta)) };
    case 'cursor-set': {
      // A moment at or past the screen's end is live; one before the window is the window's oldest column.
      const end = state.pausedAt ?? action.now;
      return { ...state, cursorAt: action.at >= end ? null : Math.max(end - state.windowMs, action.at) };
    }
    case 'focus-set':
      return { ...state, focus: action.focus, focusShown: true };
    default:
      return state;
  }
}
