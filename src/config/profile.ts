// The resolved profile: every default applied, durations in milliseconds, secrets resolved.
import type { CustomPanelSpec } from '../model/panels/custom-panel.js';
import type { ClickHouseLogs } from './clickhouse-logs.js';
import type { QuickwitLogs } from './quickwit-logs.js';

/** An endpoint's TLS settings (Prometheus's tls_config), the PEM files already read. */
export interface TlsSettings {
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  /** PEM text of ca_file, cert_file and key_file. */
  ca?: string;
  cert?: string;
  key?: string;
  serverName?: string;
  insecureSkipVerify: boolean;
  /** Lowest TLS version accepted, as Node names it ("TLSv1.2"). */
  minVersion?: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
}

/** How an endpoint is reached: TLS settings and a proxy that overrides the environment's. */
export interface Transport {
  tls?: TlsSettings;
  /** The endpoint's proxy_url (credentials included: never shown unredacted). */
  proxyUrl?: string;
}

/** An HTTP endpoint with its request headers (which may hold credentials) and timeout. */
export interface HttpTarget {
  url: string;
  headers: Record<string, string>;
  /** Per-request timeout in milliseconds. */
  timeoutMs: number;
  /** Secret strings that must be redacted from anything shown or written. */
  secrets: string[];
  /** TLS settings and proxy, when the profile gives them. */
  transport?: Transport;
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
    transport?: Transport;
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
    transport?: Transport;
  };
  logs: {
    files: string[];
    commands: LogCommandSpec[];
    backfillLines: number;
    bufferLines: number;
    reorderWindowMs: number;
    fields: Record<string, string[]>;
    loki?: HttpTarget & { selector: string; limit: number };
    /** A ClickHouse table of log lines (`logs.clickhouse`, or --clickhouse). */
    clickhouse?: HttpTarget & ClickHouseLogs;
    /** A Quickwit index of log lines (`logs.quickwit`, or --quickwit). */
    quickwit?: HttpTarget & QuickwitLogs;
  };
  deploys: { queries: string[]; logPattern?: string; command?: string; file?: string };
  alertmanager?: HttpTarget;
  /** The profile's own panels, in the order written (absent or empty: only the built-ins). */
  panels?: CustomPanelSpec[];
  /** Where each session's TTFG is pushed when it ends (`telemetry.pushgateway`, or --push-ttfg). */
  telemetry?: { pushgateway: string; transport?: Transport };
}
