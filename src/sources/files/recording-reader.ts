// Reads a session recording line by line (plain or gzip, never loaded whole): header first, then events.
import { createReadStream } from 'node:fs';
import { UserError } from '../../config/errors.js';
import { INCIDENT_VERSION } from '../../config/version.js';
import {
  parseRecordingHeader, parseRecordingLine, recordingTooNew, type RecordedEvent, type RecordingHeader,
} from '../../model/session/recording-format.js';
import { isGzipFile } from './archive-reader.js';

/** Longest header line looked at when deciding whether a file is a recording, in bytes. */
const HEADER_PROBE_BYTES = 64 * 1024;

/** What was learned while reading; filled in as the events are consumed. */
export interface RecordingStats {
  events: number;
  /** Lines that were not a recording line (skipped). */
  malformed: number;
  /** Why reading stopped early (truncated gzip, read error), or null. */
  cut: string | null;
  /** The clean end line's time and reason, when the console stopped cleanly. */
  endAt: number | null;
  endReason: string | null;
  /** The newest event time seen so far (epoch ms). */
  lastAt: number | null;
}

/** An opened recording: its header, an event stream (each iteration reads the file again from the start), and stats that grow as it is read. */
export interface OpenedRecording {
  path: string;
  header: RecordingHeader;
  events: AsyncIterable<RecordedEvent>;
  stats: RecordingStats;
}


/** Text chunks of the file, decompressed when it starts with the gzip magic bytes; errors surface from the iterator. */
async function textChunks(path: string): Promise<AsyncIterable<Buffer>> {
  const gzip = await isGzipFile(path);
  const file = createReadStream(path, { highWaterMark: 256 * 1024 });
  if (!gzip) return file;
  const gunzip = process.getBuiltinModule('node:zlib').createGunzip();
  process.getBuiltinModule('node:stream').pipeline(file, gunzip, () => undefined);
  return gunzip;
}

async function* lines(path: string, onError: (err: NodeJS.ErrnoException) => void): AsyncGenerator<string> {
  const decoder = new (process.getBuiltinModule('node:string_decoder').StringDecoder)('utf8');
  let rest = '';
  try {
    for await (const chunk of await textChunks(path)) {
      const text = rest + decoder.write(chunk);
      let start = 0;
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
        yield text.slice(start, nl);
        start = nl + 1;
      }
      rest = text.slice(start);
    }
  } catch (err) {
    onError(err as NodeJS.ErrnoException);
    return;
  }
  rest += decoder.end();
  if (rest.trim() !== '') yield rest;
}

function cutMessage(err: NodeJS.ErrnoException): string {
  if (err.code === 'Z_BUF_ERROR' || /unexpected end/i.test(err.message)) return 'the gzip stream is cut short (truncated file, or the console was killed)';
  if (err.code === 'Z_DATA_ERROR') return `the gzip data is corrupt (${err.message})`;
  return `read error: ${err.code ?? err.message}`;
}

/** The header when `path` is a readable recording, else null (a missing file or another format is not a recording). */
export async function readRecordingHeader(path: string): Promise<RecordingHeader | null> {
  try {
    const decoder = new (process.getBuiltinModule('node:string_decoder').StringDecoder)('utf8');
    let text = '';
    for await (const chunk of await textChunks(path)) {
      text += decoder.write(chunk);
      if (text.includes('\n') || text.length > HEADER_PROBE_BYTES) break;
    }
    const nl = text.indexOf('\n');
    return parseRecordingHeader(nl === -1 ? text : text.slice(0, nl));
  } catch {
    return null;
  }
}

/** Opens a recording for streaming; a file that is not one, or one newer than this program, is a UserError naming it. */
export async function openRecording(path: string): Promise<OpenedRecording> {
  const header = await readRecordingHeader(path);
  if (!header) throw new UserError('INC_NOT_A_RECORDING', `${path}: not an incident recording (no recording header on the first line)`);
  const problem = recordingTooNew(header, INCIDENT_VERSION);
  if (problem) throw new UserError('INC_RECORDING_VERSION', `${path}: ${problem}`, 'replay it with a newer incident');
  const stats: RecordingStats = { events: 0, malformed: 0, cut: null, endAt: null, endReason: null, lastAt: null };
  async function* events(): AsyncGenerator<RecordedEvent> {
    Object.assign(stats, { events: 0, malformed: 0, cut: null });
    let first = true;
    for await (const text of lines(path, (err) => (stats.cut = cutMessage(err)))) {
      if (first) {
        first = false;
        continue;
      }
      if (text.trim() === '') continue;
      const line = parseRecordingLine(text);
      if (line.kind === 'bad') stats.malformed += 1;
      else if (line.kind === 'end') {
        stats.endAt = line.t;
        stats.endReason = line.end;
      } else {
        stats.events += 1;
        stats.lastAt = Math.max(stats.lastAt ?? line.t, line.t);
        yield { t: line.t, event: line.event, size: text.length };
      }
    }
  }
  return { path, header, events: { [Symbol.asyncIterator]: events }, stats };
}
