// A log source built from a template with $service or $pod (a command, a Loki selector): when the console's scope
// changes (the service picker, a pod drill-down), the source is stopped and built again for the new scope.
import type { Emit } from '../../model/console-state/events.js';
import type { PolledSource, Source } from '../source.js';

/** The scope a template is expanded with. */
export interface NameScope {
  service: string;
  pod?: string;
}

/**
 * Wraps `make(scope)`: `restart()` (which the runtime calls on every scope change) rebuilds the inner source when
 * `key(scope)` changed, after the old one has stopped; otherwise it does nothing. Name and kind stay the first
 * source's, so the console sees one source throughout.
 */
export function rescopedSource(make: (scope: NameScope) => Source, key: (scope: NameScope) => string, scope: () => NameScope): PolledSource {
  let current = make(scope());
  let currentKey = key(scope());
  let emit: Emit | undefined;
  let switching: Promise<void> = Promise.resolve();
  return {
    name: current.name,
    kind: current.kind,
    start(e: Emit) {
      emit = e;
      current.start(e);
    },
    async stop() {
      await switching;
      await current.stop();
    },
    refresh() {
      // a log source follows by itself
    },
    restart() {
      const next = key(scope());
      if (next === currentKey) return;
      const old = current;
      currentKey = next;
      current = make(scope());
      const started = current;
      switching = old.stop().then(() => {
        if (emit && started === current) started.start(emit);
      });
    },
  };
}
