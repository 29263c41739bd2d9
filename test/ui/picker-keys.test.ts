// Key presses as Ink reports them, turned into picker actions.
import { expect, it } from 'vitest';
import { pickerActionFor, type PickerKey } from '../../src/ui/picker-keys.js';

it.each<[string, string, PickerKey, unknown]>([
  ['a letter types', 'p', {}, { type: 'type', text: 'p' }],
  ['a pasted run types all of it', 'payments', {}, { type: 'type', text: 'payments' }],
  ['q types, it does not quit', 'q', {}, { type: 'type', text: 'q' }],
  ['backspace erases', '', { backspace: true }, { type: 'erase' }],
  ['delete erases (many terminals send it for backspace)', '', { delete: true }, { type: 'erase' }],
  ['ctrl-u clears', 'u', { ctrl: true }, { type: 'clear' }],
  ['up', '', { upArrow: true }, { type: 'up' }],
  ['ctrl-n is down', 'n', { ctrl: true }, { type: 'down' }],
  ['page down moves the page size', '', { pageDown: true }, { type: 'page', direction: 1, rows: 7 }],
  ['page up', '', { pageUp: true }, { type: 'page', direction: -1, rows: 7 }],
  ['home', '', { home: true }, { type: 'home' }],
  ['end', '', { end: true }, { type: 'end' }],
  ['enter', '\r', { return: true }, { type: 'enter' }],
  ['esc', '', { escape: true }, { type: 'esc' }],
  ['ctrl-c is left to the app', 'c', { ctrl: true }, undefined],
  ['tab is ignored', '\t', { tab: true }, undefined],
])('%s', (_name, input, key, want) => {
  expect(pickerActionFor(input, key, 7)).toEqual(want);
});
