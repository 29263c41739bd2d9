// `incident sessions`: newest first, one service when asked, and why a session failed.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runSessions } from '../../src/cli/sessions.js';

const record = (started: string, service: string, ttfg: number | null, ended: string, error: string | null) => ({
  id: started, started_at: started, command: 'watch', profile: 'default', service, host: 'bastion', ttfg_ms: ttfg, first_log_ms: null,
  sources: { prometheus: { kind: 'prometheus', first_data_ms: ttfg, errors: error ? 1 : 0, last_error: error } }, ended, duration_ms: 1000,
});

function run(service?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'incident-sessions-'));
  writeFileSync(join(dir, 'sessions.jsonl'), [
    record('2026-12-01T10:00:00.000Z', 'payments', 180, 'quit', null),
    record('2026-12-02T10:00:00.000Z', 'auth', null, 'quit', 'connection refused (http://prom:9090)'),
    record('2026-12-03T10:00:00.000Z', 'payments', 210, 'crash', null),
  ].map((r) => JSON.stringify(r)).join('\n') + '\n');
  let text = '';
  const out = new Writable({ write: (c, _e, done) => ((text += String(c)), done()) });
  expect(runSessions(dir, false, 20, out, service)).toBe(0);
  return text;
}

describe('incident sessions', () => {
  it('lists the newest first, with what went wrong', () => {
    const rows = run().split('\n').slice(1, 4);
    expect(rows[0]).toMatch(/^2026-12-03 10:00:00 .* payments .* crash +bastion +crashed$/);
    expect(rows[1]).toMatch(/^2026-12-02 10:00:00 .* auth .* - .* quit +bastion +prometheus: connection refused \(http:\/\/prom:9090\)$/);
    expect(rows[2]).toMatch(/^2026-12-01 10:00:00 .* payments .* 180 ms/);
  });

  it('takes --service', () => {
    const text = run('auth');
    expect(text.split('\n').filter((l) => l.startsWith('2026-'))).toHaveLength(1);
    expect(text).toContain('1 sessions, 0 reached a graph');
    expect(run('nope')).toMatch(/^no sessions of service "nope" in /);
  });
});
