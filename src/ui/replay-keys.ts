// Replay keys as data, the speed steps, and the replay line shown at the bottom of the screen.
import { formatDuration } from '../config/duration.js';
import type { ReplayStatus } from '../model/session/replay-status.js';
import { formatClock } from './format/numbers.js';
import type { Line } from '../terminal/styled.js';

/** What a replay key asks for. */
export type ReplayCommand = 'pause' | 'slower' | 'faster' | 'back' | 'forward' | 'back-far' | 'forward-far' | 'start' | 'end';

/** One replay binding, in help order. */
export interface ReplayBinding {
  key: string;
  command: ReplayCommand;
  help: string;
}

/** A short seek, in milliseconds. */
export const SEEK_STEP_MS = 30_000;

/** A long seek (shift+arrow), in milliseconds. */
export const SEEK_FAR_MS = 5 * 60_000;

/** Speed factors that `<` and `>` step through; Infinity is "as fast as possible". */
export const SPEED_STEPS = [1, 2, 5, 10, 30, 100, 300, 1000, Infinity];

/** Every replay binding. */
export const REPLAY_KEYMAP: ReplayBinding[] = [
  { key: 'space', command: 'pause', help: 'pause / play the replay' },
  { key: '<', command: 'slower', help: 'slower (down to 1x)' },
  { key: '>', command: 'faster', help: 'faster (up to 1000x, then as fast as possible)' },
  { key: 'left', command: 'back', help: 'back 30s (shift: 5m)' },
  { key: 'right', command: 'forward', help: 'forward 30s (shift: 5m)' },
  { key: 'g', command: 'start', help: 'go to the start' },
  { key: 'G', command: 'end', help: 'go to the end' },
];

/** Input as Ink reports it, the parts replay needs. */
export interface ReplayKeyInput {
  input: string;
  leftArrow?: boolean;
  rightArrow?: boolean;
  shift?: boolean;
  ctrl?: boolean;
  meta?: boolean;
}

/** The replay command for a key press, or undefined (the key then belongs to the console). */
export function replayCommandFor(k: ReplayKeyInput): ReplayCommand | undefined {
  if (k.ctrl || k.meta) return undefined;
  if (k.leftArrow) return k.shift ? 'back-far' : 'back';
  if (k.rightArrow) return k.shift ? 'forward-far' : 'forward';
  const name = k.input === ' ' ? 'space' : k.input === ',' ? '<' : k.input === '.' ? '>' : k.input;
  return REPLAY_KEYMAP.find((b) => b.key === name)?.command;
}

/** The next speed up (+1) or down (-1) from `speed`. */
export function nextSpeed(speed: number, direction: 1 | -1): number {
  const i = SPEED_STEPS.findIndex((s) => s >= speed);
  const at = i === -1 ? SPEED_STEPS.length - 1 : i;
  return SPEED_STEPS[Math.max(0, Math.min(SPEED_STEPS.length - 1, at + direction))];
}

/** "10x", or "max" for as fast as possible. */
export const speedLabel = (speed: number): string => (Number.isFinite(speed) ? `${speed}x` : 'max');

/** What the replay line shows; times in epoch ms. */
export interface ReplayLineProps {
  status: ReplayStatus;
  at: number;
  startAt: number;
  /** The recording's end, when known. */
  endAt: number | null;
  /** Why the file ended early, if it did. */
  cut: string | null;
  width: number;
  /** More key hints after the common ones (an archive replay adds "n next anomaly"). */
  moreKeys?: string;
}

/** The bottom line during replay: "REPLAY 10x 14:32:05 +3m12s of 15m  space pause  </> speed  arrows seek ...". */
export function replayLine(p: ReplayLineProps): Line {
  const state = p.status.ended ? 'END' : p.status.paused ? 'PAUSED' : speedLabel(p.status.speed);
  const into = Math.max(0, p.at - p.startAt);
  const offset = `+${into < 1000 ? '0s' : formatDuration(into)}`;
  const total = p.endAt !== null && p.status.readDone ? ` of ${formatDuration(p.endAt - p.startAt)}` : '';
  const head = `REPLAY ${state} ${formatClock(p.at)} ${offset}${total}`;
  const out: Line = [{ text: head, tone: p.status.paused || p.status.ended ? 'warn' : 'accent', bold: true }];
  if (p.cut) out.push({ text: `  file cut short: ${p.cut}`, tone: 'crit' });
  const keys = `  space pause  </> speed  arrows seek  g/G start/end${p.moreKeys ? `  ${p.moreKeys}` : ''}  q quit`;
  if (head.length + keys.length <= p.width) out.push({ text: keys, tone: 'muted' });
  return out;
}
