// The state of a replay's controls, shared by the players (runtime/) and the replay screen (ui/).

/** What the replay controls show; a new object on every change (fits useSyncExternalStore). */
export interface ReplayStatus {
  speed: number;
  paused: boolean;
  /** True once the last event has been applied and time has reached the end. */
  ended: boolean;
  /** True once the whole file has been read. */
  readDone: boolean;
}
