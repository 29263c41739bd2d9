// A session recording turned back into a console: the profile it was watched with, a runtime fed by its events,
// and the note for a file that ends early.
import type { Profile } from '../config/profile.js';
import type { Emit } from '../model/console-state/events.js';
import type { RecordingHeader } from '../model/session/recording-format.js';
import { ConsoleRuntime } from '../runtime/console-runtime.js';
import type { OpenedRecording } from '../sources/files/recording-reader.js';
import type { Source } from '../sources/source.js';
import { systemClock } from '../sources/system-clock.js';

/** The profile the recording was watched with, as far as the screen needs it; no source is configured. */
export function replayProfile(base: Profile, h: RecordingHeader): Profile {
  return {
    ...base,
    name: h.profile,
    prometheus: undefined,
    alertmanager: undefined,
    windowMs: h.window_ms,
    refreshMs: h.refresh_ms,
    scrapeIntervalMs: h.scrape_interval_ms ?? base.scrapeIntervalMs,
    topK: h.top_k ?? base.topK,
    labels: h.labels ?? base.labels,
    thresholds: h.thresholds
      ? { errorRateWarn: h.thresholds.error_rate_warn, errorRateCrit: h.thresholds.error_rate_crit, p99SloSeconds: h.thresholds.p99_slo_seconds }
      : base.thresholds,
    scrape: { ...base.scrape, targets: [] },
    pipeline: { ...base.pipeline, targets: [] },
    logs: { ...base.logs, files: [], commands: [], loki: undefined },
  };
}

/** A console runtime whose only source is the replay: events handed to the returned emit go into its store. */
export function replayRuntime(profile: Profile, header: RecordingHeader, columns: () => number): { runtime: ConsoleRuntime; emit: Emit } {
  let target: Emit = () => undefined;
  const source: Source = {
    name: 'replay',
    kind: 'replay',
    start: (emit) => {
      target = emit;
    },
    stop: async () => undefined,
  };
  const runtime = new ConsoleRuntime({ profile, service: header.service, pod: header.pod, clock: systemClock, columns, sources: () => [source] });
  runtime.start();
  return { runtime, emit: (e) => target(e) };
}

/** A time as RFC 3339 to the second. */
export const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The note printed when a recording ends early. */
export function cutNote(rec: OpenedRecording): string | null {
  if (!rec.stats.cut) return null;
  const upTo = rec.stats.lastAt !== null ? ` up to ${iso(rec.stats.lastAt)}` : '';
  return `${rec.path}: ${rec.stats.cut}; replayed the ${rec.stats.events} events before the cut${upTo}`;
}
