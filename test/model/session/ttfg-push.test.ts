// What a session pushes and where: exact exposition text, escaping, and a grouping key safe for any host or service.
import { describe, expect, it } from 'vitest';
import type { SessionRecord } from '../../../src/model/session/session-record.js';
import { ttfgExposition, ttfgPushUrl } from '../../../src/model/session/ttfg-push.js';
import { teamTtfgGroups, teamTtfgQuery } from '../../../src/model/session/team-ttfg.js';

const record: SessionRecord = {
  id: 'x', started_at: '2026-12-06T05:00:00.000Z', command: 'watch', profile: 'prod "eu"', service: 'payments', host: 'bastion-1',
  ttfg_ms: 182, first_log_ms: null, ended: 'quit', duration_ms: 65_000,
  sources: { prometheus: { kind: 'prometheus', first_data_ms: 150, errors: 0, last_error: null }, loki: { kind: 'loki', first_data_ms: 90, errors: 0, last_error: null } },
};

describe('ttfgExposition', () => {
  it('writes the four metrics with profile, version and end reason, label values escaped', () => {
    expect(ttfgExposition(record, '0.1.0')).toBe([
      '# HELP incident_ttfg_seconds Time from process start to the first frame with a real data point, of the last session.',
      '# TYPE incident_ttfg_seconds gauge',
      'incident_ttfg_seconds{profile="prod \\"eu\\""} 0.182',
      '# HELP incident_first_data_seconds Time from process start to the first data from any source, of the last session.',
      '# TYPE incident_first_data_seconds gauge',
      'incident_first_data_seconds{profile="prod \\"eu\\""} 0.09',
      '# HELP incident_session_duration_seconds How long the last session ran.',
      '# TYPE incident_session_duration_seconds gauge',
      'incident_session_duration_seconds{profile="prod \\"eu\\""} 65',
      '# HELP incident_session_info The last session: console version and how it ended.',
      '# TYPE incident_session_info gauge',
      'incident_session_info{profile="prod \\"eu\\"",version="0.1.0",end_reason="quit"} 1',
      '',
    ].join('\n'));
  });

  it('leaves incident_ttfg_seconds out when no graph was reached', () => {
    expect(ttfgExposition({ ...record, ttfg_ms: null }, '0.1.0')).not.toContain('incident_ttfg_seconds');
  });
});

describe('ttfgPushUrl', () => {
  it('groups by host and service, base64url-encoded so slashes and empty values are safe', () => {
    expect(ttfgPushUrl('http://pg:9091/', record)).toBe('http://pg:9091/metrics/job/incident/host@base64/YmFzdGlvbi0x/service@base64/cGF5bWVudHM');
    expect(ttfgPushUrl('http://pg:9091', { host: 'a/b', service: '' })).toBe('http://pg:9091/metrics/job/incident/host@base64/YS9i/service@base64/=');
  });
});

describe('teamTtfgGroups', () => {
  it('groups samples by host and service with nearest-rank p50 and p95', () => {
    const groups = teamTtfgGroups([
      { labels: { host: 'b', service: 'payments', profile: 'p' }, points: [[100, 0.3], [200, 0.1], [300, 0.2], [400, null]] },
      { labels: { host: 'a', service: 'checkout', profile: 'p' }, points: [[150, 1.5]] },
    ]);
    expect(groups.map((g) => [g.host, g.service, g.sessions, g.ttfg_p50_ms, g.ttfg_p95_ms, g.last_at])).toEqual([
      ['a', 'checkout', 1, 1500, 1500, '1970-01-01T00:02:30.000Z'],
      ['b', 'payments', 3, 200, 300, '1970-01-01T00:05:00.000Z'],
    ]);
  });

  it('asks for one point per push: the TTFG where push_time_seconds changed, as a subquery', () => {
    expect(teamTtfgQuery(604800)).toBe('(incident_ttfg_seconds{job="incident"} and on(job, host, service) ((push_time_seconds{job="incident"} != push_time_seconds{job="incident"} offset 15s) or (push_time_seconds{job="incident"} unless push_time_seconds{job="incident"} offset 15s)))[604800s:15s]');
  });
});
