// The event recorder: credentials never reach the file, and a file that cannot be written becomes recorder status.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { resolveWatch } from '../../src/cli/watch.js';
import { startRecording } from '../../src/app/watch-record.js';
import { INCIDENT_VERSION } from '../../src/config/version.js';
import type { SourceEvent } from '../../src/model/console-state/events.js';
import { systemClock } from '../../src/sources/system-clock.js';
import { Store } from '../../src/runtime/store.js';
import { openRecording } from '../../src/sources/files/recording-reader.js';

const dir = mkdtempSync(join(tmpdir(), 'incident-recorder-'));
const TOKEN = 'tok-9f8e7d6c5b4a';
const PASSWORD = 'pa55-w0rd-xyz';

function profileFile(): string {
  const file = join(dir, 'secret.yaml');
  writeFileSync(file, [
    'name: secret',
    'extends: default',
    'prometheus:',
    '  url: http://127.0.0.1:9',
    `  bearer_token: ${TOKEN}`,
    'alertmanager:',
    '  url: http://127.0.0.1:9',
    '  basic_auth:',
    '    username: ops',
    `    password: ${PASSWORD}`,
  ].join('\n'));
  return file;
}

const leaky = (at: number): SourceEvent[] => [
  { type: 'status', source: 'prometheus', kind: 'prometheus', at, state: 'down', error: `401 for Bearer ${TOKEN}` },
  {
    type: 'lines', source: 'app.log', at,
    lines: [{ at, timed: true, level: 'error', source: 'app.log', message: `login with ${PASSWORD} failed`, raw: `GET http://ops:${PASSWORD}@db/ token=${TOKEN}` }],
  },
  { type: 'samples', source: 'prometheus', at, panel: 'error_rate', origin: 'prometheus', series: [{ labels: { [`k${TOKEN}`]: TOKEN }, points: [[at / 1000, 0.05]] }] },
];

describe('watch --record', () => {
  it('never writes a credential from the profile, in any field, plain or gzip', async () => {
    for (const name of ['rec.ndjson', 'rec.ndjson.gz']) {
      const path = join(dir, name);
      const ctx = await resolveWatch({ service: 'payments', profile: profileFile(), record: path }, 'watch');
      const store = new Store(systemClock);
      const recording = startRecording(ctx, store, systemClock)!;
      for (const e of leaky(Date.now())) store.apply(e);
      await recording.close('quit');
      const raw = readFileSync(path);
      const text = name.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(Buffer.from(`ops:${PASSWORD}`).toString('base64'));
      expect(text).toContain('401 for Bearer ***');
      const rec = await openRecording(path);
      expect(rec.header).toMatchObject({ incident_recording: 1, version: INCIDENT_VERSION, profile: 'secret', service: 'payments' });
      const events: SourceEvent[] = [];
      for await (const r of rec.events) events.push(r.event);
      expect(events.map((e) => e.type)).toEqual(['status', 'lines', 'samples']);
      expect(rec.stats.endReason).toBe('quit');
    }
  });

  it('turns a full disk into a recorder source that is down, and the console goes on', async () => {
    const ctx = await resolveWatch({ service: 'payments', profile: profileFile(), record: '/dev/full' }, 'watch');
    const store = new Store(systemClock);
    const recording = startRecording(ctx, store, systemClock)!;
    for (let i = 0; i < 200; i++) for (const e of leaky(Date.now())) store.apply(e);
    for (let i = 0; i < 100 && !store.getSnapshot().sources.recorder; i++) await new Promise((r) => setTimeout(r, 10));
    expect(store.getSnapshot().sources.recorder).toMatchObject({
      kind: 'recorder', state: 'down', error: 'cannot write /dev/full: ENOSPC (no space left on device); recording stopped',
    });
    store.apply(leaky(Date.now())[0]);
    expect(store.getSnapshot().sources.prometheus.state).toBe('down');
    await recording.close('quit');
  });

  it('an empty --record is a flag error', async () => {
    await expect(resolveWatch({ service: 'payments', record: ' ' }, 'watch')).rejects.toThrow(/^--record: is empty/);
  });
});
