// The resolved profile: every default applied, durations in milliseconds, secrets resolved.

/** An HTTP endpoint with its request headers (which may hold credentials) and timeout. */
export interface HttpTarget {
  url: string;
  headers: Record<string, string>;
  /** Per-request timeout in milliseconds. */
  timeoutMs: number;
  /** Secret strings that must be redacted from anything shown or written. */
  secrets: string[];
}

/** A log command to run: argv split without a shell unless `shell` is set. */
export interface LogCommandSpec {
  cmd: string;
  shell: boolean;
  name?: string;
}

/** Everything the console needs to know about what to watch and how. */
export interface Profile {
  name: string;
  /** File the profile came from, or "(shipped)/NAME". */
  file: string;
  /**
   * Set when commands of this profile (log commands, the deploys command) come from a config file found by searching
   * upward from the working directory that the user has not trusted: they must not run.
   */
  untrusted?: { file: string; commands: string[] };
  /** Where the team's Grafana is, for `Y` (an Explore link for the focused panel's query); `datasource` its uid or name. */
  grafana?: { url: string; datasource?: string };
  description?: string;
  prometheus?: HttpTarget;
  /** Time range shown, in milliseconds. */
  windowMs: number;
  /** Refresh period, in milliseconds. */
  refreshMs: number;
  /** Prometheus scrape interval assumed for $rate_interval, in milliseconds. */
  scrapeIntervalMs: number;
  topK: number;
  labels: { service: string; pod: string; namespace: string };
  queries: { errorRate: string; p99: string; services?: string; pods?: string };
  thresholds: { errorRateWarn: number; errorRateCrit: number; p99SloSeconds: number };
  scrape: {
    targets: string[];
    intervalMs: number;
    timeoutMs: number;
    maxBytes: number;
    requestsMetric: string;
    statusLabel: string;
    errorStatus: string;
    durationMetric: string;
  };
  pipeline: {
    targets: string[];
    queries: boolean;
    products: string[];
    discardFailPerS: number;
    errorDegradedPerS: number;
    bufferDegraded: number;
    bufferFailing: number;
    outInDegraded: number;
    staleAfterMs: number;
  };
  logs: {
    files: string[];
    commands: LogCommandSpec[];
    backfillLines: number;
    bufferLines: number;
    reorderWindowMs: number;
    fields: Record<string, string[]>;
    loki?: HttpTarget & { selector: string; limit: number };
  };
  deploys: { queries: string[]; logPattern?: string; command?: string; file?: string };
  alertmanager?: HttpTarget;
}
