// The session's record: its id is made when the record is closed (making one loads node:crypto, which the first graph
// need not wait for), and a record is closed once.
import { describe, expect, it, vi } from 'vitest';
import { SessionTracker } from '../../../src/model/session/session-record.js';

describe('SessionTracker', () => {
  it('asks for its id when the record is closed, not before, and closes it once', () => {
    const id = vi.fn(() => 'b9a1c1de-0000-4000-8000-000000000001');
    let now = 40;
    const tracker = new SessionTracker({ id, startedAtMs: Date.UTC(2026, 11, 7, 9), command: 'watch', profile: 'default', service: 'payments', host: 'bastion' }, () => now, []);
    now = 212;
    tracker.firstGraph();
    expect(id).not.toHaveBeenCalled();
    now = 5000;
    const record = tracker.finish('quit');
    expect(id).toHaveBeenCalledTimes(1);
    expect(record).toMatchObject({ id: 'b9a1c1de-0000-4000-8000-000000000001', started_at: '2026-12-07T09:00:00.000Z', ttfg_ms: 212, ended: 'quit', duration_ms: 5000 });
    expect(Object.keys(record!)[0]).toBe('id');
    expect(tracker.finish('exit')).toBeNull();
    expect(id).toHaveBeenCalledTimes(1);
  });
});
