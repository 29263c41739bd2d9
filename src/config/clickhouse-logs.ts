// Where a ClickHouse table keeps each part of a log line: a column (or SQL expression) per role, and the presets
// for Vector's `clickhouse` sink layout and the OpenTelemetry exporter's `otel_logs` table.

import type { LogRoles } from './log-roles.js';

/** SQL expressions for each role; a latency column without a unit in its name is in seconds. */
export type ClickHouseColumns = LogRoles;

/** The named layouts. */
export type ClickHousePreset = 'vector' | 'otel';

/** The table and columns of each preset. */
export const CLICKHOUSE_PRESETS: Record<ClickHousePreset, { table: string; columns: ClickHouseColumns }> = {
  // Vector's clickhouse sink writes each event field to the column of the same name: the log event's own
  // `timestamp` and `message`, and the fields a remap added (level, service, pod, latency_ms, trace_id).
  vector: {
    table: 'logs',
    columns: { time: 'timestamp', message: 'message', level: 'level', service: 'service', pod: 'pod', latency: 'latency_ms', trace_id: 'trace_id' },
  },
  // The OpenTelemetry Collector's clickhouse exporter (DateTime64(9) timestamps: ClickHouse 20.1 or newer).
  otel: {
    table: 'otel_logs',
    columns: {
      time: 'Timestamp', message: 'Body', level: 'SeverityText', service: 'ServiceName',
      pod: "ResourceAttributes['k8s.pod.name']", trace_id: 'TraceId',
    },
  },
};

/** A ClickHouse log table as the console reads it. */
export interface ClickHouseLogs {
  table: string;
  columns: ClickHouseColumns;
  /** An extra SQL condition every query adds, with $service and $pod as quoted strings. */
  where?: string;
  /** Most rows read at start and per poll. */
  limit: number;
}

/** The table and columns a profile asks for: the preset (default vector), with the profile's own names on top. */
export function clickhouseLogs(input: { preset?: ClickHousePreset; table?: string; columns?: Partial<ClickHouseColumns>; where?: string; limit?: number }): ClickHouseLogs {
  const base = CLICKHOUSE_PRESETS[input.preset ?? 'vector'];
  const columns = { ...base.columns } as ClickHouseColumns;
  for (const [k, v] of Object.entries(input.columns ?? {})) if (typeof v === 'string' && v.trim() !== '') (columns as unknown as Record<string, string>)[k] = v;
  return { table: input.table ?? base.table, columns, where: input.where, limit: input.limit ?? 500 };
}
