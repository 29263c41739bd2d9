// What the engineer has chosen to see in the log pane (filter, errors only, scroll) and its pure reducer.

/** Log pane view state. */
export interface LogView {
  /** The applied filter text ('' for none); `re:` prefix for a regular expression. */
  filter: string;
  /** The filter being typed after `/`, or null when not editing. */
  editing: string | null;
  errorsOnly: boolean;
  /** Lines scrolled up from the newest; 0 follows the tail. */
  scrollBack: number;
  /**
   * While scrolled back or paused: how many lines had arrived when the view was frozen. Only lines that arrived
   * before it are shown, so the lines on screen hold still while new ones keep coming. null follows live.
   */
  anchor: number | null;
}

/** Key actions on the log pane. */
export type LogViewAction =
  | { type: 'filter-open' }
  | { type: 'filter-type'; text: string }
  | { type: 'filter-erase' }
  | { type: 'filter-clear' }
  | { type: 'filter-apply' }
  | { type: 'filter-cancel' }
  | { type: 'filter-set'; text: string }
  | { type: 'toggle-errors' }
  | { type: 'scroll'; lines: number; max: number; total: number }
  | { type: 'follow' };

/** The log view at start: everything shown, following the tail. */
export const initialLogView: LogView = { filter: '', editing: null, errorsOnly: false, scrollBack: 0, anchor: null };

/** Longest filter accepted, in characters. */
export const MAX_FILTER_CHARS = 200;

/** Pure reducer for the log pane view. */
export function reduceLogView(state: LogView, action: LogViewAction): LogView {
  switch (action.type) {
    case 'filter-open':
      return { ...state, editing: state.filter };
    case 'filter-type':
      if (state.editing === null) return state;
      return { ...state, editing: (state.editing + action.text.replace(/[\u0000-\u001f\u007f]/g, '')).slice(0, MAX_FILTER_CHARS) };
    case 'filter-erase':
      return state.editing === null ? state : { ...state, editing: [...state.editing].slice(0, -1).join('') };
    case 'filter-clear':
      return state.editing === null ? state : { ...state, editing: '' };
    case 'filter-apply':
      return state.editing === null ? state : { ...state, filter: state.editing.trim(), editing: null, scrollBack: 0, anchor: null };
    case 'filter-cancel':
      return { ...state, editing: null };
    case 'filter-set':
      return { ...state, filter: action.text.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, MAX_FILTER_CHARS), editing: null, scrollBack: 0, anchor: null };
    case 'toggle-errors':
      return { ...state, errorsOnly: !state.errorsOnly, scrollBack: 0, anchor: null };
    case 'scroll': {
      const scrollBack = Math.max(0, Math.min(Math.max(0, action.max), state.scrollBack + action.lines));
      // The first step back anchors the view to the lines that had arrived; back at the tail it follows again.
      return { ...state, scrollBack, anchor: scrollBack === 0 ? null : state.anchor ?? action.total };
    }
    case 'follow':
      return { ...state, scrollBack: 0, anchor: null };
    default:
      return state;
  }
}
