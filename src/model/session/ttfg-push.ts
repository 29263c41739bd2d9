// What a session pushes to a Pushgateway when it ends, in the text exposition format, and where (the grouping key).
import type { SessionRecord } from './session-record.js';

/** The job every session pushes under. */
export const TTFG_JOB = 'incident';

/** A label value escaped for the text format (backslash, double quote, newline). */
function labelValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** A grouping-key path segment: base64url with the `@base64` suffix, so any host or service name (even empty) is safe. */
function keySegment(name: string, value: string): string {
  const b64 = Buffer.from(value, 'utf8').toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return `${name}@base64/${b64 === '' ? '=' : b64}`;
}

/** The push URL for a session: /metrics/job/incident/host/<host>/service/<service> under the Pushgateway's base URL. */
export function ttfgPushUrl(base: string, record: Pick<SessionRecord, 'host' | 'service'>): string {
  return `${base.replace(/\/+$/, '')}/metrics/job/${TTFG_JOB}/${keySegment('host', record.host)}/${keySegment('service', record.service)}`;
}

/**
 * The metrics of one ended session: incident_ttfg_seconds (absent when no graph was reached),
 * incident_first_data_seconds (the earliest source's first data, absent without any), incident_session_duration_seconds
 * and incident_session_info{version, end_reason} = 1, each labelled with profile (host and service are the grouping key).
 */
export function ttfgExposition(record: SessionRecord, version: string): string {
  const profile = `profile="${labelValue(record.profile)}"`;
  const firsts = Object.values(record.sources).map((s) => s.first_data_ms).filter((v): v is number => typeof v === 'number');
  const lines: string[] = [];
  const gauge = (name: string, help: string, value: number | null, labels = profile) => {
    if (value === null) return;
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`, `${name}{${labels}} ${value}`);
  };
  gauge('incident_ttfg_seconds', 'Time from process start to the first frame with a real data point, of the last session.', record.ttfg_ms === null ? null : record.ttfg_ms / 1000);
  gauge('incident_first_data_seconds', 'Time from process start to the first data from any source, of the last session.', firsts.length ? Math.min(...firsts) / 1000 : null);
  gauge('incident_session_duration_seconds', 'How long the last session ran.', record.duration_ms / 1000);
  gauge('incident_session_info', 'The last session: console version and how it ended.', 1,
    `${profile},version="${labelValue(version)}",end_reason="${labelValue(record.ended)}"`);
  return `${lines.join('\n')}\n`;
}
