// What a past window changes in a watch session: a clock stopped at the window's end, the past-window sources, the
// header's label and the snapshot's `historical` field. Live sessions get the system clock and the usual sources.
import type { HistoricalWindow } from '../config/historical-time.js';
import type { Clock } from '../model/session/clock.js';
import { HistoricalClock } from '../runtime/historical-clock.js';
import type { ConsoleRuntime, SourceFactory } from '../runtime/console-runtime.js';
import { buildHistoricalSources } from '../sources/historical-sources.js';
import { buildSources } from '../sources/metrics/build-sources.js';
import { systemClock } from '../sources/system-clock.js';
import { historicalLabel } from '../ui/format/historical-label.js';

/** The clock and sources of a session, and for a past window how to move it. */
export interface SessionTime {
  clock: Clock;
  sources: SourceFactory;
  /** The past window's clock, when there is one. */
  past?: HistoricalClock;
}

/** The clock and sources for a live session or for the past window `h`. */
export function sessionTime(h: HistoricalWindow | undefined): SessionTime {
  if (!h) return { clock: systemClock, sources: buildSources };
  const past = new HistoricalClock(systemClock, h.endMs, h.windowMs);
  return { clock: past, sources: buildHistoricalSources, past };
}

/** The header's label of a past window ("AT 02:25Z (historical)"), or undefined when live. */
export function headerLabel(t: SessionTime): (() => string) | undefined {
  const past = t.past;
  return past ? () => historicalLabel(past.now(), systemClock.now()) : undefined;
}

/** The snapshot's `historical` field: `{at}` for --at, `{from, to}` for a range (RFC 3339). */
export function historicalField(h: HistoricalWindow | undefined, t: SessionTime): Record<string, unknown> {
  if (!h || !t.past) return {};
  const end = t.past.now();
  const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
  return { historical: h.mode === 'at' ? { at: iso(end) } : { from: iso(end - t.past.windowMs), to: iso(end) } };
}

/** The keys' actions on a past window: zoom (around the centre), pan and re-read; each reads the window again. */
export function pastWindowActions(past: HistoricalClock, runtime: ConsoleRuntime) {
  return {
    onWindow(ms: number) {
      past.zoom(ms);
      runtime.logs.clear();
      runtime.setWindow(ms);
    },
    onPan(direction: -1 | 1): boolean {
      if (!past.pan(direction)) return false;
      runtime.logs.clear();
      runtime.refreshNow();
      return true;
    },
    onRefresh() {
      runtime.logs.clear();
      runtime.refreshNow();
    },
  };
}
