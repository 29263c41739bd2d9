// The trace id an exemplar names: OpenTelemetry and the Prometheus client libraries write `trace_id`, others
// `traceID`, `traceId` or `trace-id`.

const TRACE_LABELS = ['trace_id', 'traceID', 'traceId', 'trace-id', 'TraceID'];

/** The exemplar's trace id, or undefined when it names none (or an empty one). */
export function exemplarTraceId(labels: Readonly<Record<string, string>>): string | undefined {
  for (const name of TRACE_LABELS) {
    const v = labels[name];
    if (v) return v;
  }
  return undefined;
}
