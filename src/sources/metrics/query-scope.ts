// What the metric queries are about right now: service, pod, window and chart width; changed by keys.

/** The current query scope; windowMs in milliseconds, columns = chart plot width. */
export interface QueryScope {
  service: string;
  pod?: string;
  windowMs: number;
  columns: number;
}

/** A getter for the scope, read at every tick so changes take effect on the next query. */
export type ScopeGetter = () => QueryScope;
