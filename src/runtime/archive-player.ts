// Plays an archive timeline into a console on a replay clock: panels derived from the lines (error ratio per step,
// p99 per pod), the log pane following the replay time, pause, speed, seek and a jump to the next anomaly.
import type { DeployMarker, Emit, SourceState } from '../model/console-state/events.js';
import type { ArchiveTimeline } from '../model/logs/archive-timeline.js';
import type { LogBuffer } from '../model/logs/log-buffer.js';
import type { LineParser } from '../model/logs/log-parse.js';
import type { ReplayStatus } from './replay-recording.js';
import type { ReplayClock } from './replay-clock.js';
import type { LineReader } from '../sources/files/archive-lines.js';

/** The name the archive goes by in the header and the JSON. */
export const ARCHIVE_SOURCE = 'archive';

/** Lines put in the pane after a seek: the ones just before the new time. */
export const SEEK_BACKFILL_LINES = 300;

/** Most lines read back in one step when playing fast; the rest are counted as skipped. */
export const MAX_LINES_PER_STEP = 2000;

/** What the player needs. */
export interface ArchivePlayerOptions {
  timeline: ArchiveTimeline;
  reader: LineReader;
  /** Display name of each file, by file index. */
  names: string[];
  parse: LineParser;
  clock: ReplayClock;
  emit: Emit;
  logs: LogBuffer;
  /** The scope and chart width at this moment. */
  view: () => { service: string; windowMs: number; stepMs: number; topK: number; warn: number };
  /** A note to show in the source's state (a cut gzip, lines without time). */
  note: string | null;
  /** Deploy markers found in the archive, oldest first; those up to the replay time are shown. */
  deploys?: DeployMarker[];
}

/** The replay of an archive; `getStatus`/`subscribe` fit useSyncExternalStore. */
export class ArchivePlayer {
  private status: ReplayStatus;
  private readonly listeners = new Set<() => void>();
  private pos = 0;
  private timer: NodeJS.Timeout | undefined;
  private busy = false;
  private announced = false;
  readonly startAt: number;
  readonly endAt: number;

  constructor(private readonly o: ArchivePlayerOptions) {
    const span = o.timeline.span() ?? { start: 0, end: 0 };
    this.startAt = span.start;
    this.endAt = span.end;
    this.status = { speed: o.clock.speed, paused: o.clock.isPaused, ended: false, readDone: true };
  }

  getStatus = (): ReplayStatus => this.status;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private update(patch: Partial<ReplayStatus>): void {
    this.status = { ...this.status, ...patch };
    for (const l of [...this.listeners]) l();
  }

  private state(state: SourceState, error: string | null): void {
    this.o.emit({ type: 'status', source: ARCHIVE_SOURCE, kind: 'archive', at: this.o.clock.now(), state, error });
  }

  /** Starts playing from the start of the archive, stepping five times a second. */
  run(): void {
    void this.seek(this.startAt);
    this.timer = setInterval(() => void this.step(), 200);
  }

  togglePause(): void {
    this.o.clock.setPaused(!this.o.clock.isPaused);
    this.update({ paused: this.o.clock.isPaused });
  }

  setSpeed(speed: number): void {
    this.o.clock.setSpeed(speed);
    this.update({ speed: this.o.clock.speed });
  }

  /** Jumps to `at` (epoch ms, clamped to the archive): the pane gets the lines just before it, the panels redraw. */
  seek(at: number): Promise<void> {
    const t = Math.max(this.startAt, Math.min(this.endAt, at));
    this.o.clock.seek(t);
    this.o.logs.clear();
    this.pos = Math.max(0, this.o.timeline.positionAfter(t) - SEEK_BACKFILL_LINES);
    this.update({ ended: t >= this.endAt });
    return this.step();
  }

  /** Jumps to just before the next step whose error ratio jumps; false when there is none. */
  nextAnomaly(): boolean {
    const v = this.o.view();
    // Minutes, not chart steps: a sparse archive has lone errors that make any short step look like a jump.
    const step = Math.max(60_000, v.stepMs);
    const at = this.o.timeline.nextAnomaly(this.o.clock.now(), step, Math.max(v.warn, 0.02), 10, v.service);
    if (at === null) return false;
    void this.seek(at - step);
    return true;
  }

  /** Moves the lines and panels up to the replay time. */
  async step(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    if (!this.announced) {
      this.announced = true;
      this.state(this.o.note ? 'degraded' : 'up', this.o.note);
    }
    try {
      const clock = this.o.clock;
      // As fast as possible: a stretch of archive time per step.
      if (!Number.isFinite(clock.speed) && !clock.isPaused) clock.advanceTo(clock.now() + 5 * 60_000);
      const now = Math.min(clock.now(), this.endAt);
      const upTo = this.o.timeline.positionAfter(now);
      if (upTo > this.pos) {
        const from = Math.max(this.pos, upTo - MAX_LINES_PER_STEP);
        const refs = this.o.timeline.refs(from, upTo);
        const texts = await Promise.all(refs.map((r) => this.o.reader.read(r.file, r.offset)));
        const lines = texts.map((text, k) => this.o.parse(text, this.o.names[refs[k].file], now));
        this.o.emit({ type: 'lines', source: ARCHIVE_SOURCE, at: now, lines, dropped: from - this.pos });
        this.pos = upTo;
      }
      this.panels(now);
      if (now >= this.endAt && !this.status.ended) this.update({ ended: true });
    } finally {
      this.busy = false;
    }
  }

  private panels(now: number): void {
    const v = this.o.view();
    const deploys = (this.o.deploys ?? []).filter((d) => d.at <= now);
    this.o.emit({ type: 'deploys', source: ARCHIVE_SOURCE, at: now, deploys });
    const points = this.o.timeline.errorRate(now - v.windowMs, now, v.stepMs, v.service);
    this.o.emit({ type: 'samples', source: ARCHIVE_SOURCE, at: now, panel: 'error_rate', origin: 'archive', series: [{ labels: { service: v.service || 'all' }, points }] });
    const bars = this.o.timeline.p99ByPod(now, Math.max(60_000, 4 * v.stepMs), v.topK, v.service);
    this.o.emit({ type: 'samples', source: ARCHIVE_SOURCE, at: now, panel: 'p99', origin: 'archive', series: bars.map((b) => ({ labels: { pod: b.pod }, points: [[now / 1000, b.seconds]] })) });
  }

  /** Stops stepping and closes the files. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.o.reader.close();
  }
}
