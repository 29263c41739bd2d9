// `watch --record FILE`: attaches an event recorder to the console's store for the whole run.
import { INCIDENT_VERSION } from '../config/version.js';
import type { Clock } from '../model/session/clock.js';
import { EventRecorder, recordingHeader } from '../runtime/event-recorder.js';
import type { Store } from '../runtime/store.js';
import { openRecordingFile } from '../sources/files/recording-file.js';
import { allSecrets, type WatchContext } from './watch-context.js';

/** A recording in progress; close() writes the end line and resolves when the file is complete. */
export interface ActiveRecording {
  close(reason: string): Promise<void>;
}

/** Starts recording every event `store` receives into ctx.record; undefined when no --record was given. */
export function startRecording(ctx: WatchContext, store: Store, clock: Clock): ActiveRecording | undefined {
  if (!ctx.record) return undefined;
  let recorder: EventRecorder | undefined;
  const sink = openRecordingFile(ctx.record, { onError: (message) => recorder?.fail(message) });
  recorder = new EventRecorder({ sink, secrets: allSecrets(ctx.profile), clock, report: store.apply });
  recorder.start(recordingHeader(ctx.profile, ctx.service, ctx.pod, clock.now(), INCIDENT_VERSION));
  store.tap(recorder.observe);
  return recorder;
}
