// Test support: a log line as its readers see it, whether it is a plain object or a line read from packed records.
import type { LogLine } from '../../../src/model/logs/log-line.js';

const KEYS = ['at', 'timed', 'level', 'source', 'message', 'raw', 'service', 'pod', 'status', 'latency', 'traceId', 'ns'] as const;

/** Every field as a reader gets it (through getters too), under every key a LogLine may have. */
export const readEvery = (line: LogLine): Record<string, unknown> => Object.fromEntries(KEYS.map((k) => [k, line[k]]));

/** The line as written to a recording: for a packed line its toJSON, which must have the parsed line's very keys. */
export const asWritten = (line: LogLine): LogLine => {
  const toJSON = (line as { toJSON?: () => LogLine }).toJSON;
  return typeof toJSON === 'function' ? toJSON.call(line) : line;
};
