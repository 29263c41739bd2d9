// The parts of a log line a store keeps in its own columns or fields (ClickHouse, Quickwit): one name per role.

/** Where each part of a log line is kept; only time and message are required. */
export interface LogRoles {
  time: string;
  message: string;
  level?: string;
  service?: string;
  pod?: string;
  /** Latency; its unit comes from the name (`latency_ms`, `duration_us`), else as the store's reader says. */
  latency?: string;
  trace_id?: string;
}
