// The schema of a profile document as written in YAML; validated field by field.
import { bool, duration, either, list, mapOf, num, obj, oneOf, str, url, type Check } from './schema-check.js';

/** TLS settings of an endpoint, with Prometheus's tls_config names. */
const tls = obj({
  ca_file: str(),
  cert_file: str(),
  key_file: str(),
  server_name: str(),
  insecure_skip_verify: bool(),
  min_version: oneOf('TLS10', 'TLS11', 'TLS12', 'TLS13'),
});

/** How an endpoint is reached: its TLS settings and the proxy that overrides HTTPS_PROXY/HTTP_PROXY. */
const transport = { tls, proxy_url: url() };

const auth = {
  ...transport,
  headers: mapOf(str()),
  bearer_token: str(),
  bearer_token_file: str(),
  basic_auth: obj({ username: str(), password: str(), password_file: str() }),
  tenant: str(),
  timeout: duration(100),
};

/** One custom panel (`panels:` items); title and query are required, checked when the profile resolves. */
const panel = obj({
  title: str(),
  type: oneOf('timeseries', 'stat', 'bars', 'table'),
  query: str(),
  unit: str(),
  thresholds: obj({ warn: num(), crit: num() }),
  legend: str(),
  priority: num(0, 1000),
  group: str(),
});

const logCommand = either(str(), obj({ cmd: str(), shell: bool(), name: str() }));

/** Checks one profile document (the YAML mapping of a single profile). */
export const profileSchema = obj({
  name: str(),
  description: str(),
  extends: str(),
  prometheus: obj({ url: url(), ...auth }),
  window: duration(60_000),
  refresh: duration(250),
  scrape_interval: duration(1000),
  top_k: num(1, 50),
  labels: obj({ service: str(), pod: str(), namespace: str() }),
  queries: obj({
    error_rate: str(),
    p99: str(),
    services: str(),
    pods: str(),
  }),
  thresholds: obj({
    error_rate_warn: num(0, 1),
    error_rate_crit: num(0, 1),
    p99_slo: duration(0),
  }),
  scrape: obj({
    targets: list(url()),
    ...transport,
    interval: duration(250),
    timeout: duration(100),
    max_bytes: num(1024),
    requests_metric: str(),
    status_label: str(),
    error_status: str(),
    duration_metric: str(),
  }),
  pipeline: obj({
    targets: list(url()),
    ...transport,
    queries: bool(),
    products: list(oneOf('vector', 'otelcol', 'fluentbit', 'prometheus')),
    discard_fail_per_s: num(0),
    error_degraded_per_s: num(0),
    buffer_degraded: num(0, 1),
    buffer_failing: num(0, 1),
    out_in_degraded: num(0, 1),
    stale_after: duration(1000),
  }),
  logs: obj({
    files: list(str()),
    commands: list(logCommand),
    backfill_lines: num(0, 100_000),
    buffer_lines: num(100, 10_000_000),
    reorder_window: duration(0),
    fields: mapOf(either(str(), list(str()))),
    loki: obj({ url: url(), selector: str(), limit: num(1, 5000), ...auth }),
    clickhouse: obj({
      url: url(), preset: oneOf('vector', 'otel'), table: str(), where: str(), limit: num(1, 100_000), ...auth,
      columns: obj({ time: str(), message: str(), level: str(), service: str(), pod: str(), latency: str(), trace_id: str() }),
    }),
    quickwit: obj({
      url: url(), index: str(), query: str(), limit: num(1, 10_000), ...auth,
      fields: obj({ time: str(), message: str(), level: str(), service: str(), pod: str(), latency: str(), trace_id: str() }),
    }),
  }),
  deploys: obj({
    queries: list(str()),
    log_pattern: str(),
    command: str(),
    file: str(),
  }),
  alertmanager: obj({ url: url(), ...auth }),
  panels: list(panel),
  grafana: obj({ url: url(), datasource: str() }),
  telemetry: obj({ pushgateway: url(), ...transport }),
});

/** A profile as written, after validation (every field optional). */
export type ProfileInput = ReturnType<typeof profileSchema>;

/** Checks the user's config file: named profiles and a default. */
export const userConfigSchema: Check<{ default_profile?: string; profiles?: Record<string, unknown> }> = obj({
  default_profile: str(),
  profiles: mapOf((v) => v),
});
