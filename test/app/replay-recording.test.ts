// `incident replay` on recordings through the built CLI: a cut gzip keeps its events, a newer recording is refused.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isRecording } from '../../src/app/replay-recording.js';
import { parseAt, parseSpeed } from '../../src/config/replay-time.js';
import type { SourceEvent } from '../../src/model/console-state/events.js';
import { formatRecordedEvent } from '../../src/model/session/recording-format.js';
import { nextSpeed, replayCommandFor } from '../../src/ui/replay-keys.js';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'incident-replay-cli-'));
const T0 = Date.UTC(2026, 10, 22, 14, 0, 0);
const header = (over: Record<string, unknown> = {}) =>
  `${JSON.stringify({ incident_recording: 1, version: '0.1.0', started_at: new Date(T0).toISOString(), started_at_ms: T0, profile: 'fast', service: 'payments', window_ms: 300_000, refresh_ms: 1000, ...over })}\n`;
const samples = (i: number): SourceEvent => ({
  type: 'samples', source: 'prometheus', at: T0 + i * 1000, panel: 'error_rate', origin: 'prometheus',
  series: [{ labels: { service: 'payments' }, points: [[(T0 + i * 1000) / 1000, i / 10_000]] }],
});
const body = (n: number) => Array.from({ length: n }, (_, i) => formatRecordedEvent(T0 + i * 1000, samples(i))).join('');

describe('replay of a recording', () => {
  it('a truncated gzip replays the events before the cut and says so', async () => {
    const file = join(dir, 'cut.ndjson.gz');
    const whole = gzipSync(header() + body(3000));
    writeFileSync(file, whole.subarray(0, Math.floor(whole.length / 2)));
    const res = await runCli(['replay', file, '--once', '--json']);
    expect(res.code).toBe(0);
    const doc = JSON.parse(res.stdout);
    expect(doc.replay.cut).toMatch(/cut short/);
    expect(doc.replay.events).toBeGreaterThan(0);
    expect(doc.panels.error_rate.current).toBeCloseTo((doc.replay.events - 1) / 10_000, 8);
    expect(res.stderr).toMatch(new RegExp(`^incident: ${file}: the gzip stream is cut short .*; replayed the \\d+ events before the cut up to 2026-11-22T`));
  });

  it('a recording from a newer version exits 2 with one message naming the file and the version', async () => {
    const file = join(dir, 'newer.ndjson');
    writeFileSync(file, header({ incident_recording: 2, version: '2.0.0' }) + body(1));
    const res = await runCli(['replay', file, '--once', '--json']);
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain(`incident: ${file}: recording format 2 (written by incident 2.0.0) is newer than this incident 0.1.0 reads`);
  });

  it('--at picks the moment; a bad --at is a flag error', async () => {
    const file = join(dir, 'ok.ndjson');
    writeFileSync(file, header() + body(100));
    const doc = JSON.parse((await runCli(['replay', file, '--once', '--json', '--at', '30s'])).stdout);
    expect(doc.at).toBe('2026-11-22T14:00:30Z');
    expect(doc.panels.error_rate.current).toBeCloseTo(0.003, 8);
    const bad = await runCli(['replay', file, '--once', '--at', 'teatime']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^incident: --at: "teatime" is not a time/);
    expect(await isRecording(file)).toBe(true);
  });

  it('parses times, speeds and keys', () => {
    expect(parseAt('+5m', T0)).toBe(T0 + 300_000);
    expect(parseAt('14:02:03', T0)).toBe(T0 + 123_000);
    expect(parseAt('2026-11-22T15:00:00+01:00', T0)).toBe(T0);
    expect(parseAt(String(T0 / 1000 + 7), T0)).toBe(T0 + 7000);
    expect(parseSpeed('10x')).toBe(10);
    expect(parseSpeed('max')).toBe(Infinity);
    expect(() => parseSpeed('5000')).toThrow(/--speed/);
    expect([nextSpeed(1, -1), nextSpeed(1, 1), nextSpeed(1000, 1), nextSpeed(Infinity, 1), nextSpeed(Infinity, -1)]).toEqual([1, 2, Infinity, Infinity, 1000]);
    expect(replayCommandFor({ input: ' ' })).toBe('pause');
    expect(replayCommandFor({ input: '', leftArrow: true, shift: true })).toBe('back-far');
    expect(replayCommandFor({ input: 'G' })).toBe('end');
    expect(replayCommandFor({ input: 'q' })).toBeUndefined();
  });
});
