// The service/pod picker: values, filter-as-you-type with ranked matches, a cursor that sticks to its value, and a pure reducer.

/** Most matches kept in the ranked list by default; the rest are counted, not listed. */
export const DEFAULT_PICKER_CAP = 5000;

/** Most values kept by the picker itself, whatever the source sends; the rest only counted. */
export const MAX_PICKER_VALUES = 100_000;

/** Longest filter accepted, in characters. */
export const MAX_PICKER_QUERY = 200;

/** How the picker ended: a value was chosen (typed: not in the list, taken as typed), or it was cancelled. */
export type PickerResult = { type: 'chosen'; value: string; typed: boolean } | { type: 'cancelled' };

/** The picker's whole state; replace it with reducePicker, never mutate it. */
export interface PickerState {
  /** What is being picked, e.g. "service" or "pod of payments". */
  title: string;
  status: 'loading' | 'ready' | 'error';
  /** Why the values could not be loaded, when status is 'error'. */
  error: string | null;
  /** The values kept, in their given order (usually sorted). */
  values: readonly string[];
  /** Lower-cased values, same order, for case-insensitive matching. */
  lower: readonly string[];
  /** How many values exist at the source; at least values.length. */
  total: number;
  query: string;
  /** Values matching the query, best first, at most `cap`. */
  matches: readonly string[];
  /** How many values match, including those beyond the cap. */
  matchCount: number;
  /** Index into `matches` of the highlighted value (0 when empty). */
  cursor: number;
  /** The value the engineer moved to; the cursor stays on it while it still matches. */
  pinned: string | null;
  cap: number;
  result: PickerResult | null;
}

/** Everything a key press or an answer can do to the picker. */
export type PickerAction =
  | { type: 'values'; values: readonly string[]; total?: number }
  | { type: 'failed'; error: string }
  | { type: 'type'; text: string }
  | { type: 'erase' }
  | { type: 'clear' }
  | { type: 'up' }
  | { type: 'down' }
  | { type: 'page'; direction: 1 | -1; rows: number }
  | { type: 'home' }
  | { type: 'end' }
  | { type: 'enter' }
  | { type: 'esc' };

/**
 * Values containing `query` (case-insensitive) ranked: exact match, then by where the match starts (prefixes first),
 * ties in the given order; at most `cap` kept, all counted. Linear in the number of values.
 */
export function rankMatches(values: readonly string[], lower: readonly string[], query: string, cap: number): { matches: string[]; count: number } {
  if (query === '') return { matches: values.slice(0, cap), count: values.length };
  const q = query.toLowerCase();
  const buckets: number[][] = [];
  let count = 0;
  for (let i = 0; i < lower.length; i += 1) {
    const at = lower[i].indexOf(q);
    if (at < 0) continue;
    count += 1;
    const rank = at === 0 && lower[i].length === q.length ? 0 : at + 1;
    (buckets[rank] ??= []).push(i);
  }
  const matches: string[] = [];
  for (const bucket of buckets) {
    if (!bucket) continue;
    for (const i of bucket) {
      if (matches.length >= cap) return { matches, count };
      matches.push(values[i]);
    }
  }
  return { matches, count };
}

/** A picker waiting for its values. */
export function createPicker(title: string, cap = DEFAULT_PICKER_CAP): PickerState {
  return {
    title, status: 'loading', error: null, values: [], lower: [], total: 0, query: '',
    matches: [], matchCount: 0, cursor: 0, pinned: null, cap: Math.max(1, cap), result: null,
  };
}

/** Recomputes the matches for a new query or new values; the cursor stays on the pinned value when it still matches. */
function refilter(state: PickerState, query: string): PickerState {
  const { matches, count } = rankMatches(state.values, state.lower, query, state.cap);
  const at = state.pinned === null ? -1 : matches.indexOf(state.pinned);
  return { ...state, query, matches, matchCount: count, cursor: Math.max(0, at), pinned: at >= 0 ? state.pinned : null };
}

function moveTo(state: PickerState, index: number): PickerState {
  if (state.matches.length === 0) return state;
  const cursor = Math.max(0, Math.min(state.matches.length - 1, index));
  return { ...state, cursor, pinned: state.matches[cursor] };
}

/** Pure reducer for the picker; once `result` is set the picker ignores further keys. */
export function reducePicker(state: PickerState, action: PickerAction): PickerState {
  if (state.result !== null) return state;
  switch (action.type) {
    case 'values': {
      const values = action.values.slice(0, MAX_PICKER_VALUES);
      const next: PickerState = {
        ...state, status: 'ready', error: null, values, lower: values.map((v) => v.toLowerCase()),
        total: Math.max(action.values.length, action.total ?? 0),
      };
      return refilter(next, state.query);
    }
    case 'failed':
      return { ...state, status: 'error', error: action.error };
    case 'type': {
      // eslint-disable-next-line no-control-regex
      const text = action.text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
      if (text === '') return state;
      return refilter(state, [...(state.query + text)].slice(0, MAX_PICKER_QUERY).join(''));
    }
    case 'erase':
      return state.query === '' ? state : refilter(state, [...state.query].slice(0, -1).join(''));
    case 'clear':
      return state.query === '' ? state : refilter(state, '');
    case 'up':
      return moveTo(state, state.cursor - 1);
    case 'down':
      return moveTo(state, state.cursor + 1);
    case 'page':
      return moveTo(state, state.cursor + action.direction * Math.max(1, action.rows));
    case 'home':
      return moveTo(state, 0);
    case 'end':
      return moveTo(state, state.matches.length - 1);
    case 'enter': {
      if (state.matches.length > 0) return { ...state, result: { type: 'chosen', value: state.matches[state.cursor], typed: false } };
      const typed = state.query.trim();
      return typed === '' ? state : { ...state, result: { type: 'chosen', value: typed, typed: true } };
    }
    case 'esc':
      return { ...state, result: { type: 'cancelled' } };
    default:
      return state;
  }
}

/** The highlighted value, or null when nothing matches. */
export function pickerSelection(state: PickerState): string | null {
  return state.matches[state.cursor] ?? null;
}

/** The distinct non-empty values of `label` across label sets, sorted: the service list when only scrape data is at hand. */
export function distinctLabelValues(labelSets: Iterable<Record<string, string>>, label: string): string[] {
  const seen = new Set<string>();
  for (const labels of labelSets) {
    const v = labels[label];
    if (v) seen.add(v);
  }
  return [...seen].sort();
}
