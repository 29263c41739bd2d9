// Counters every log source keeps about what it read.

/** What a log source has read since it started. */
export interface LogSourceStats {
  /** Lines handed on, cut ones included. */
  linesRead: number;
  /** Lines longer than the limit that were cut and marked. */
  linesCut: number;
}
