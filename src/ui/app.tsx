// The full-screen console: subscribes to the store, composes the frame, routes keys. A composer only.
import { useApp, useInput } from 'ink';
import { useEffect, useReducer, useState, useSyncExternalStore } from 'react';
import type { Profile } from '../config/profile.js';
import type { ConsoleState } from '../model/console-state.js';
import { initialView, reduceView, type ViewAction } from '../model/view-state.js';
import { composeFrame, type ExtraPanel } from './format/frame.js';
import type { Glyphs } from './format/glyphs.js';
import { line, type Line } from './format/styled.js';
import { HelpOverlay } from './HelpOverlay.js';
import { commandFor, footerHint } from './keymap.js';
import { Lines } from './Lines.js';

/** What the app needs from the runtime; all I/O stays behind these callbacks. */
export interface AppProps {
  store: { subscribe(l: () => void): () => void; getSnapshot(): ConsoleState };
  profile: Profile;
  service: string;
  glyphs: Glyphs;
  color: boolean;
  /** Epoch-ms clock, read once per tick. */
  now: () => number;
  /** Terminal size source and its change subscription. */
  size: { get(): { cols: number; rows: number }; subscribe(l: () => void): () => void };
  ttfgMs: () => number | null;
  /** Called after each render with whether the frame held a real data point. */
  onFrame: (hasRealData: boolean) => void;
  onWindow: (windowMs: number) => void;
  onRefresh: () => void;
  onQuit: () => void;
  extras?: (state: ConsoleState) => { pipeline?: ExtraPanel; logs?: ExtraPanel };
}

function useTick(ms: number): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    const t = setInterval(() => setTick((n) => n + 1), ms);
    return () => clearInterval(t);
  }, [ms]);
}

/** The console screen. */
export function App(props: AppProps) {
  const state = useSyncExternalStore(props.store.subscribe, props.store.getSnapshot);
  const size = useSyncExternalStore(props.size.subscribe, props.size.get);
  const [view, dispatch] = useReducer(reduceView, props.profile.windowMs, initialView);
  const { exit } = useApp();
  useTick(1000);

  const act = (action: ViewAction) => {
    const next = reduceView(view, action);
    dispatch(action);
    if (next.windowMs !== view.windowMs) props.onWindow(next.windowMs);
  };

  useInput((input, key) => {
    switch (commandFor({ input, tab: key.tab, shift: key.shift, escape: key.escape, ctrl: key.ctrl })) {
      case 'quit':
        props.onQuit();
        exit();
        return;
      case 'help':
        return act({ type: 'toggle-help' });
      case 'close':
        return act({ type: 'close-overlay' });
      case 'pause':
        return act({ type: 'toggle-pause', now: props.now() });
      case 'window-up':
        return act({ type: 'window', direction: 1 });
      case 'window-down':
        return act({ type: 'window', direction: -1 });
      case 'refresh':
        return props.onRefresh();
      case 'focus-next':
        return act({ type: 'focus-next' });
      case 'focus-prev':
        return act({ type: 'focus-prev' });
      default:
    }
  });

  const footer: Line = line(footerHint(size.cols), 'muted');
  const frame = composeFrame({
    state, view, profile: props.profile, service: props.service, now: props.now(), ttfgMs: props.ttfgMs(),
    // One row short of the terminal: Ink ends its output with a newline, which would scroll a full-height frame.
    cols: size.cols, rows: size.rows - 1, glyphs: props.glyphs, footer, ...props.extras?.(state),
  });
  useEffect(() => props.onFrame(frame.hasRealData));
  if (view.help) return <HelpOverlay rows={size.rows - 1} cols={size.cols} color={props.color} />;
  return <Lines lines={frame.lines} color={props.color} />;
}
