// The parsed form of one log line, whatever format and source it came from.

/** Normalised severity. */
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'unknown';

/** One parsed log line. Text fields are raw (not yet made safe for the terminal). */
export interface LogLine {
  /** Timestamp in epoch milliseconds (the line's own, or when it was read if it had none). */
  at: number;
  /** True when `at` came from the line itself rather than from the time it was read. */
  timed: boolean;
  level: LogLevel;
  /** Name of the source that read it (file base name, command, 'stdin', 'loki'). */
  source: string;
  message: string;
  service?: string;
  pod?: string;
  status?: number;
  /** Request latency in seconds, when the line carries one. */
  latency?: number;
  traceId?: string;
  /** The line as it was read, without its newline. */
  raw: string;
  /** Nanosecond timestamp as a decimal string, when the source gave one (Loki); used to resume without duplicates. */
  ns?: string;
}
