// View state (help, pause, window, focus, log pane) and the pure reducer that changes it.
import { initialLogView, reduceLogView, type LogView, type LogViewAction } from './log-view.js';

/** Panels that can take focus, in tab order. */
export const FOCUSABLE = ['error_rate', 'p99', 'pipeline', 'logs'] as const;

/** A focusable panel. */
export type Focus = (typeof FOCUSABLE)[number];

/** Window lengths that + and - step through, in milliseconds. */
export const WINDOW_STEPS_MS = [5, 15, 30, 60, 180, 360, 720, 1440].map((m) => m * 60_000);

/** What the engineer has chosen to see. */
export interface ViewState {
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
}

/** Everything a key press can ask for. */
export type ViewAction =
  | { type: 'toggle-help' }
  | { type: 'close-overlay' }
  | { type: 'toggle-pause'; now: number; logTotal?: number }
  | { type: 'logs'; action: LogViewAction }
  | { type: 'cursor'; direction: 1 | -1; stepMs: number; now: number }
  | { type: 'window'; direction: 1 | -1 }
  | { type: 'focus-next' }
  | { type: 'focus-prev' };

/** The initial view for a window length in milliseconds. */
export function initialView(windowMs: number): ViewState {
  return { help: false, paused: false, pausedAt: null, windowMs, focus: 'error_rate', logs: initialLogView, pausedLogTotal: null, cursorAt: null };
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

/** Pure reducer for view state. */
export function reduceView(state: ViewState, action: ViewAction): ViewState {
  switch (action.type) {
    case 'toggle-help':
      return { ...state, help: !state.help };
    case 'close-overlay':
      return { ...state, help: false };
    case 'toggle-pause':
      return state.paused
        ? { ...state, paused: false, pausedAt: null, pausedLogTotal: null }
        : { ...state, paused: true, pausedAt: action.now, pausedLogTotal: action.logTotal ?? null };
    case 'logs':
      return { ...state, logs: reduceLogView(state.logs, action.action) };
    case 'cursor':
      return { ...state, cursorAt: moveCursor(state, action) };
    case 'window':
      return { ...state, windowMs: stepWindow(state.windowMs, action.direction) };
    case 'focus-next':
    case 'focus-prev': {
      const i = FOCUSABLE.indexOf(state.focus);
      const d = action.type === 'focus-next' ? 1 : FOCUSABLE.length - 1;
      return { ...state, focus: FOCUSABLE[(i + d) % FOCUSABLE.length] };
    }
    default:
      return state;
  }
}
