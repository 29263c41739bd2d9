// Drill-down: the service picker behind `s`, pod scoping from the p99 bars, and `esc` back up the chain.
import { useRef, useState } from 'react';
import { createPicker, reducePicker, type PickerAction, type PickerState } from '../model/picker.js';
import { pickerActionFor, type PickerKey } from './picker-keys.js';

/** What the console is scoped to. */
export interface Scope {
  service: string;
  pod?: string;
}

/** What drill-down needs from outside the UI: a way to list values, and to re-scope the sources. */
export interface DrillDownDeps {
  /** Lists services (no service given) or the pods of a service; resolves with the picker action, never rejects. */
  load?: (scope: { service?: string }) => Promise<PickerAction>;
  onScope: (scope: Scope) => void;
}

/** The drill-down state and its key handler. */
export interface DrillDown {
  scope: Scope;
  /** Scopes above the current one (what `esc` goes back to). */
  depth: number;
  picker: PickerState | null;
  openServices(): void;
  scopeToPod(pod: string): void;
  back(): boolean;
  /** Routes a key to the open picker; false when no picker is open. */
  pickerKey(input: string, key: PickerKey, pageRows: number): boolean;
}

/** Holds the scope chain and the picker; every change of scope is reported through `onScope`. */
export function useDrillDown(initial: Scope, deps: DrillDownDeps): DrillDown {
  const [stack, setStack] = useState<Scope[]>([initial]);
  const [picker, setPickerState] = useState<PickerState | null>(null);
  // The latest picker, for keys that arrive before the next render.
  const current = useRef<PickerState | null>(null);
  const setPicker = (next: PickerState | null | ((p: PickerState | null) => PickerState | null)) => {
    current.current = typeof next === 'function' ? next(current.current) : next;
    setPickerState(current.current);
  };
  const opened = useRef(0);
  const scope = stack[stack.length - 1];

  const push = (next: Scope) => {
    if (next.service === scope.service && next.pod === scope.pod) return;
    setStack((s) => [...s, next]);
    deps.onScope(next);
  };

  const apply = (action: PickerAction) => {
    if (!current.current) return;
    const next = reducePicker(current.current, action);
    const result = next.result;
    if (result?.type === 'chosen') {
      setPicker(null);
      push({ service: result.value });
    } else if (result?.type === 'cancelled') setPicker(null);
    else setPicker(next);
  };

  return {
    scope,
    depth: stack.length - 1,
    picker,
    openServices() {
      const ticket = ++opened.current;
      setPicker(createPicker('service'));
      if (!deps.load) {
        setPicker((p) => (p ? reducePicker(p, { type: 'failed', error: 'no Prometheus to list services from: type a name' }) : p));
        return;
      }
      void deps.load({}).then((action) => {
        // A picker closed and opened again in the meantime ignores the older answer.
        if (ticket === opened.current) setPicker((p) => (p ? reducePicker(p, action) : p));
      });
    },
    scopeToPod(pod: string) {
      push({ service: scope.service, pod });
    },
    back() {
      if (stack.length <= 1) return false;
      const prev = stack[stack.length - 2];
      setStack((s) => s.slice(0, -1));
      deps.onScope(prev);
      return true;
    },
    pickerKey(input, key, pageRows) {
      if (!current.current) return false;
      const action = pickerActionFor(input, key, pageRows);
      if (action) apply(action);
      return true;
    },
  };
}
