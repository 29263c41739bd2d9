// A Quickwit index of log lines: the index, a query every search adds, and the field holding each part of a line.

import type { LogRoles } from './log-roles.js';

/** Field names for each role; a latency field without a unit in its name is ms when an integer, else seconds. */
export type QuickwitFields = LogRoles;

/** A Quickwit log index as the console reads it. */
export interface QuickwitLogs {
  index: string;
  /** Query every search adds (Quickwit's query language), with $service and $pod as quoted values; `*` for all. */
  query: string;
  fields: QuickwitFields;
  /** Most hits read at start and per poll. */
  limit: number;
}

/** Default fields: Vector's `timestamp` and `message`, and the usual names for the rest. */
export const QUICKWIT_FIELDS: QuickwitFields = {
  time: 'timestamp', message: 'message', level: 'level', service: 'service', pod: 'pod', latency: 'latency_ms', trace_id: 'trace_id',
};

/** The index, query and fields a profile asks for, the defaults under the profile's own. */
export function quickwitLogs(input: { index?: string; query?: string; fields?: Partial<QuickwitFields>; limit?: number }): QuickwitLogs {
  const fields = { ...QUICKWIT_FIELDS };
  for (const [k, v] of Object.entries(input.fields ?? {})) if (typeof v === 'string' && v.trim() !== '') (fields as unknown as Record<string, string>)[k] = v;
  return { index: input.index ?? 'logs', query: input.query ?? '*', fields, limit: input.limit ?? 500 };
}
