// The store the replay screen reads: it follows whichever console store the replay currently feeds.
import type { ConsoleState } from '../model/console-state/console-state.js';

/** The part of a Store the screen reads. */
export interface ReadableStore {
  subscribe(listener: () => void): () => void;
  getSnapshot(): ConsoleState;
}

/** A ReadableStore that can be pointed at a fresh store (after a seek backwards rebuilt the console). */
export class SwitchableStore implements ReadableStore {
  private readonly listeners = new Set<() => void>();
  private unsubscribe: () => void;

  constructor(private current: ReadableStore) {
    this.unsubscribe = current.subscribe(this.notify);
  }

  /** Current state of the store being followed. */
  getSnapshot = (): ConsoleState => this.current.getSnapshot();

  /** Registers a listener; returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Follows `next` from now on and tells the listeners. */
  switchTo(next: ReadableStore): void {
    this.unsubscribe();
    this.current = next;
    this.unsubscribe = next.subscribe(this.notify);
    this.notify();
  }

  private notify = (): void => {
    for (const l of [...this.listeners]) l();
  };
}
