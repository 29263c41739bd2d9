// Records every source event the store receives, redacted, as NDJSON lines; write problems become `recorder` status.
import type { Profile } from '../config/profile.js';
import type { Emit, SourceEvent } from '../model/console-state/events.js';
import {
  RECORDING_FORMAT, formatRecordedEvent, formatRecordingEnd, redactJsonLine, type RecordingHeader,
} from '../model/session/recording-format.js';
import type { RecordingSink } from '../sources/files/recording-file.js';
import type { Clock } from '../model/session/clock.js';

/** Name of the pseudo-source whose status tells the engineer the recording is in trouble. */
export const RECORDER_SOURCE = 'recorder';

/** What the recorder needs: where to write, what to hide, the clock, and where to report its own trouble. */
export interface EventRecorderOptions {
  sink: RecordingSink;
  /** Strings that must never reach the file (tokens, passwords, encoded basic auth). */
  secrets: readonly string[];
  clock: Clock;
  /** Usually the store's apply: the recorder's status shows in the header like any source. */
  report: Emit;
}

/** The header for a recording of `service` watched with `profile`, started at `startedAtMs` (epoch ms). */
export function recordingHeader(profile: Profile, service: string, pod: string | undefined, startedAtMs: number, version: string): RecordingHeader {
  return {
    incident_recording: RECORDING_FORMAT,
    version,
    started_at: new Date(startedAtMs).toISOString(),
    started_at_ms: startedAtMs,
    profile: profile.name,
    service,
    ...(pod ? { pod } : {}),
    window_ms: profile.windowMs,
    refresh_ms: profile.refreshMs,
    scrape_interval_ms: profile.scrapeIntervalMs,
    top_k: profile.topK,
    labels: { ...profile.labels },
    thresholds: {
      error_rate_warn: profile.thresholds.errorRateWarn,
      error_rate_crit: profile.thresholds.errorRateCrit,
      p99_slo_seconds: profile.thresholds.p99SloSeconds,
    },
  };
}

/** A store tap that writes each event with the time it arrived; never throws. */
export class EventRecorder {
  private failed = false;
  private skipped = 0;
  private closed = false;

  constructor(private readonly opts: EventRecorderOptions) {}

  /** Events that could not be written because the disk fell behind. */
  get skippedEvents(): number {
    return this.skipped;
  }

  /** Writes the header line; call once, before the first event. */
  start(header: RecordingHeader): void {
    this.opts.sink.write(redactJsonLine(`${JSON.stringify(header)}\n`, this.opts.secrets));
  }

  /** Sees every event (pass to store.tap). */
  observe = (event: SourceEvent): void => {
    if (this.failed || this.closed) return;
    let text: string;
    try {
      text = redactJsonLine(formatRecordedEvent(this.opts.clock.now(), event), this.opts.secrets);
    } catch {
      return; // an event that cannot be serialised is left out rather than stopping the console
    }
    if (this.opts.sink.write(text)) return;
    this.skipped += 1;
    if (this.skipped === 1) this.status('degraded', 'recording falls behind the disk: events are being left out');
  };

  /** Reports that the file cannot be written; recording stops, the console goes on. */
  fail = (message: string): void => {
    if (this.failed) return;
    this.failed = true;
    this.status('down', `${message}; recording stopped`);
  };

  /** Writes the end line and closes the file; resolves when it is on disk. */
  async close(reason: string): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (!this.failed) this.opts.sink.write(formatRecordingEnd(this.opts.clock.now(), reason));
    await this.opts.sink.close();
  }

  private status(state: 'down' | 'degraded', error: string): void {
    this.opts.report({ type: 'status', source: RECORDER_SOURCE, kind: 'recorder', at: this.opts.clock.now(), state, error });
  }
}
