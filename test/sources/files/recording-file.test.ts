// Recording files: plain and gzip round trips, readable while still open, cut short, too new, unwritable.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/config/errors.js';
import type { SourceEvent } from '../../../src/model/console-state/events.js';
import { formatRecordedEvent, formatRecordingEnd } from '../../../src/model/session/recording-format.js';
import { openRecordingFile } from '../../../src/sources/files/recording-file.js';
import { openRecording, readRecordingHeader } from '../../../src/sources/files/recording-reader.js';

const dir = mkdtempSync(join(tmpdir(), 'incident-recording-'));
const T0 = Date.UTC(2026, 10, 22, 14, 0, 0);
const header = (over: Record<string, unknown> = {}) =>
  `${JSON.stringify({ incident_recording: 1, version: '0.1.0', started_at: new Date(T0).toISOString(), started_at_ms: T0, profile: 'fast', service: 'payments', window_ms: 300_000, refresh_ms: 1000, ...over })}\n`;
const status = (i: number): SourceEvent => ({ type: 'status', source: 'prometheus', kind: 'prometheus', at: T0 + i * 1000, state: i % 2 ? 'down' : 'up', error: i % 2 ? 'connection refused' : null });
const body = (n: number) => Array.from({ length: n }, (_, i) => formatRecordedEvent(T0 + i * 1000, status(i))).join('');

async function readAll(path: string) {
  const rec = await openRecording(path);
  const events: SourceEvent[] = [];
  for await (const r of rec.events) events.push(r.event);
  return { rec, events };
}

const waitUntil = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  return check();
};

describe('recording files', () => {
  it('reads back a plain recording: header, events in order, the end line', async () => {
    const path = join(dir, 'plain.ndjson');
    writeFileSync(path, header() + body(5) + formatRecordingEnd(T0 + 9000, 'quit'));
    const { rec, events } = await readAll(path);
    expect(rec.header.service).toBe('payments');
    expect(events.map((e) => e.at)).toEqual([0, 1, 2, 3, 4].map((i) => T0 + i * 1000));
    expect(rec.stats).toMatchObject({ events: 5, malformed: 0, cut: null, endAt: T0 + 9000, endReason: 'quit' });
  });

  it('counts lines that are not recording lines and goes on', async () => {
    const path = join(dir, 'mixed.ndjson');
    writeFileSync(path, `${header()}not json\n{"t":1}\n${body(2)}`);
    const { rec, events } = await readAll(path);
    expect(events).toHaveLength(2);
    expect(rec.stats.malformed).toBe(2);
  });

  it('writes gzip that can be read while the file is still open, after each flush', async () => {
    const path = join(dir, 'live.ndjson.gz');
    const sink = openRecordingFile(path, { onError: () => undefined, flushEveryMs: 60_000 });
    sink.write(header() + body(3));
    sink.flush();
    const partial = () => {
      try {
        return gunzipSync(readFileSync(path), { finishFlush: constants.Z_SYNC_FLUSH }).toString('utf8');
      } catch {
        return '';
      }
    };
    expect(await waitUntil(() => partial().split('\n').length === 5)).toBe(true);
    expect(partial()).toContain('"incident_recording":1');
    await sink.close();
    const { events, rec } = await readAll(path);
    expect(events).toHaveLength(3);
    expect(rec.stats.cut).toBeNull();
  });

  it('keeps the events before the cut of a truncated gzip and says what happened', async () => {
    const path = join(dir, 'cut.ndjson.gz');
    const whole = gzipSync(header() + body(2000));
    writeFileSync(path, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const { rec, events } = await readAll(path);
    expect(events.length).toBeGreaterThan(100);
    expect(events.length).toBeLessThan(2000);
    expect(rec.stats.cut).toMatch(/gzip stream is cut short/);
    expect(rec.stats.malformed).toBe(0);
  });

  it('refuses a recording from a newer format or a newer major version, naming the file and the version', async () => {
    const newer = join(dir, 'newer.ndjson');
    writeFileSync(newer, header({ incident_recording: 2, version: '0.9.0' }) + body(1));
    const err = await openRecording(newer).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).code).toBe('INC_RECORDING_VERSION');
    expect((err as UserError).message).toContain(newer);
    expect((err as UserError).message).toMatch(/format 2 \(written by incident 0\.9\.0\)/);
    const major = join(dir, 'major.ndjson');
    writeFileSync(major, header({ version: '3.1.0' }) + body(1));
    await expect(openRecording(major)).rejects.toThrow(/incident 3\.1\.0 is newer than this incident 0\.1\.0/);
  });

  it('tells recordings from other files without reading them whole', async () => {
    const logs = join(dir, 'app.log');
    writeFileSync(logs, '{"level":"error","msg":"upstream timeout"}\n'.repeat(10));
    expect(await readRecordingHeader(logs)).toBeNull();
    expect(await readRecordingHeader(join(dir, 'missing.ndjson'))).toBeNull();
    const gz = join(dir, 'rec.ndjson.gz');
    writeFileSync(gz, gzipSync(header() + body(1)));
    expect((await readRecordingHeader(gz))?.profile).toBe('fast');
  });

  it('reports a full disk once, never throws, and close() still resolves', async () => {
    const errors: string[] = [];
    const sink = openRecordingFile('/dev/full', { onError: (m) => errors.push(m) });
    for (let i = 0; i < 5; i++) sink.write(body(50));
    expect(await waitUntil(() => errors.length > 0)).toBe(true);
    expect(errors).toEqual(['cannot write /dev/full: ENOSPC (no space left on device)']);
    expect(sink.write('more\n')).toBe(false);
    await sink.close();
  });

  it('reports a file that cannot be created', async () => {
    const errors: string[] = [];
    const path = join(dir, 'no-such-dir', 'rec.ndjson');
    const sink = openRecordingFile(path, { onError: (m) => errors.push(m) });
    sink.write('x\n');
    await sink.close();
    expect(errors).toEqual([`cannot write ${path}: ENOENT (no such directory)`]);
  });
});
