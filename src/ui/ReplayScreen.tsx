// The console screen during a replay: the same App, the replay line on the terminal's last row, and the replay keys.
import { Box, useInput, type Key } from 'ink';
import { useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { ReplayStatus } from '../model/session/replay-status.js';
import { App, type AppProps } from './app.js';
import type { Line } from '../terminal/styled.js';
import { FrameSinkContext, type FrameSink } from './frame-sink.js';
import { Lines } from './Lines.js';
import { nextSpeed, REPLAY_KEYMAP, replayCommandFor, replayLine, SEEK_FAR_MS, SEEK_STEP_MS } from './replay-keys.js';

/** The controls the screen drives (a ReplayPlayer). */
export interface ReplayControl {
  getStatus(): ReplayStatus;
  subscribe(listener: () => void): () => void;
  togglePause(): void;
  setSpeed(speed: number): void;
  seek(at: number): void;
}

/** App props plus the replay: times in epoch ms. */
export interface ReplayScreenProps extends AppProps {
  player: ReplayControl;
  startAt: number;
  endAt: () => number | null;
  /** Why the file ended early, if it did. */
  cut: () => string | null;
  /** Keys the caller adds: `hint` on the replay line, `help` on the help screen, `run` when pressed. */
  moreKeys?: ReadonlyArray<{ key: string; hint: string; help: string; run: () => void }>;
}

type Size = AppProps['size'];

/** The terminal size with one row kept back for the replay line (same identity until the size changes). */
function useShorterSize(size: Size): Size {
  return useMemo(() => {
    let last = { cols: 0, rows: 0 };
    return {
      subscribe: size.subscribe,
      get: () => {
        const s = size.get();
        if (s.cols !== last.cols || s.rows - 1 !== last.rows) last = { cols: s.cols, rows: Math.max(1, s.rows - 1) };
        return last;
      },
    };
  }, [size]);
}

/** Replays a recording through the console screen. */
export function ReplayScreen({ player, startAt, endAt, cut, moreKeys, ...app }: ReplayScreenProps) {
  const status = useSyncExternalStore(player.subscribe, player.getStatus);
  // The replay line shows the replay time: redraw with the data and once a second in between.
  useSyncExternalStore(app.store.subscribe, app.store.getSnapshot);
  const [, setTick] = useState(0);
  useEffect(() => {
    const t = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(t);
  }, []);
  const size = useShorterSize(app.size);
  const onKey = (input: string, key: Key): void => {
    // Keys that arrive in one read ('>>>' from a paste or a slow link) act one by one, in order.
    if (input.length > 1 && !key.ctrl && !key.meta && !input.startsWith('\u001b')) {
      for (const ch of input) onKey(ch, key);
      return;
    }
    const extra = key.ctrl || key.meta ? undefined : moreKeys?.find((k) => k.key === input);
    if (extra) return extra.run();
    const at = app.now();
    switch (replayCommandFor({ input, leftArrow: key.leftArrow, rightArrow: key.rightArrow, shift: key.shift, ctrl: key.ctrl, meta: key.meta })) {
      case 'pause':
        return player.togglePause();
      case 'slower':
        return player.setSpeed(nextSpeed(player.getStatus().speed, -1));
      case 'faster':
        return player.setSpeed(nextSpeed(player.getStatus().speed, 1));
      case 'back':
        return player.seek(at - SEEK_STEP_MS);
      case 'forward':
        return player.seek(at + SEEK_STEP_MS);
      case 'back-far':
        return player.seek(at - SEEK_FAR_MS);
      case 'forward-far':
        return player.seek(at + SEEK_FAR_MS);
      case 'start':
        return player.seek(startAt);
      case 'end':
        return player.seek(Infinity);
      default:
    }
  };
  useInput(onKey);
  const bottom = replayLine({ status, at: app.now(), startAt, endAt: endAt(), cut: cut(), width: app.size.get().cols, moreKeys: moreKeys?.map((k) => `${k.key} ${k.hint}`).join('  ') });
  // Under a frame sink (the full screen) the app's lines and the replay line go to the screen as one frame.
  const outer = useContext(FrameSinkContext);
  const bottomRef = useRef<Line>(bottom);
  bottomRef.current = bottom;
  const inner = useMemo<FrameSink | null>(() => (outer ? (lines, color) => outer([...lines, bottomRef.current], color) : null), [outer]);
  const moreHelp = useMemo(() => ({ title: 'replay', keys: [...REPLAY_KEYMAP, ...(moreKeys ?? [])] }), [moreKeys]);
  if (inner) {
    // The app leaves the terminal's last row empty; the replay line takes it, so the app keeps its full size.
    return (
      <FrameSinkContext.Provider value={inner}>
        <App {...app} moreHelp={moreHelp} />
      </FrameSinkContext.Provider>
    );
  }
  return (
    <Box flexDirection="column">
      <App {...app} size={size} moreHelp={moreHelp} />
      <Lines lines={[bottom]} color={app.color} />
    </Box>
  );
}
